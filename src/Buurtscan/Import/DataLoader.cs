using Buurtscan.Areas;
using Buurtscan.Catalogue;
using Buurtscan.Domain;

namespace Buurtscan.Import;

/// <summary>What one data file gave.</summary>
public sealed record ImportResult(SourceFile Source, IReadOnlyList<Observation> Observations, IReadOnlyList<string> Warnings);

/// <summary>Everything read from a data folder: the areas, the observations, and an account of every file.</summary>
public sealed record DataSet(
    AreaRegistry Registry,
    IndicatorCatalogue Catalogue,
    IReadOnlyList<Observation> Observations,
    IReadOnlyList<SourceFile> Sources,
    IReadOnlyList<SkippedFile> Skipped,
    IReadOnlyList<string> Warnings)
{
    public bool IsExampleData => Sources.Count > 0 && Sources.Any(s => s.ExampleData);
}

/// <summary>
/// Finds and reads every file under a data folder. Files are recognised by their content, never their
/// name, because analysts keep downloads under the names the portals gave them.
/// </summary>
public static class DataLoader
{
    /// <summary>A file with this name marks its folder (and everything below) as invented example data.</summary>
    public const string ExampleMarker = "VOORBEELDDATA.txt";

    private sealed record BoundaryFormat(string Name, Func<TextFile, bool> Recognises, Func<TextFile, IEnumerable<AreaRecord>> Read);

    private sealed record DataFormat(string Name, Func<TextFile, bool> Recognises, Func<TextFile, AreaRegistry, IndicatorCatalogue, ImportResult> Read);

    private static readonly BoundaryFormat[] BoundaryFormats =
    [
        new("Gemeente Amsterdam open geodata, INDELING_BUURT (2022)", f => HasColumns(f, "Buurtcode", "Wijkcode", "Gebiedcode"), BoundaryReaders.ReadIndelingBuurt),
        new("Gemeente Amsterdam open geodata, INDELING_WIJK (2022)", f => HasColumns(f, "CBS_Wijkcode", "Wijkcode", "WKT_LNG_LAT") && !HasColumns(f, "Buurtcode"), BoundaryReaders.ReadIndelingWijk),
        new("Gemeente Amsterdam open geodata, INDELING_STADSDEEL (2022)", f => HasColumns(f, "Stadsdeelcode", "WKT_LNG_LAT") && !HasColumns(f, "Wijkcode"), BoundaryReaders.ReadIndelingStadsdeel),
        new("Gemeente Amsterdam API, gebieden/buurten GeoJSON (2022)", f => f.Text.TrimStart().StartsWith('{') && f.Text.Contains("\"ligtInWijkId\"", StringComparison.Ordinal), BoundaryReaders.ReadApiBuurtenGeoJson),
    ];

    private static readonly DataFormat[] DataFormats =
    [
        // JSON formats first: a one-line DataProperties.json also contains "Wijken en buurten" and "Codering".
        new(KwbODataJson.Format, KwbODataJson.Recognises, KwbODataJson.Read),
        new(KwbODataJson.MetadataFormat, KwbODataJson.RecognisesMetadata, KwbODataJson.ReadMetadata),
        new(KwbStatLineCsv.Format, KwbStatLineCsv.Recognises, KwbStatLineCsv.Read),
    ];

    /// <param name="requireBoundaries">Fail before reading any data file when no boundaries are found: nothing can be resolved without them.</param>
    public static DataSet Load(string dataDirectory, IndicatorCatalogue? catalogue = null, bool requireBoundaries = false)
    {
        catalogue ??= IndicatorCatalogue.Default;
        if (!Directory.Exists(dataDirectory))
        {
            throw new BuurtscanException($"data folder '{dataDirectory}' does not exist (expected a folder with CBS/OIS downloads and the city's boundaries)", ExitCodes.MissingData);
        }

        var root = Path.GetFullPath(dataDirectory);
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(p => (Full: p, Display: Path.GetRelativePath(root, p).Replace('\\', '/')))
            .Where(f => !f.Display.Split('/').Any(part => part.StartsWith('.')))
            .OrderBy(f => f.Display, StringComparer.Ordinal)
            .ToList();
        var exampleFolders = files.Where(f => Path.GetFileName(f.Full) == ExampleMarker).Select(f => Path.GetDirectoryName(f.Full)!).ToList();

        var skipped = new List<SkippedFile>();
        var sources = new List<SourceFile>();
        var areaRecords = new List<AreaRecord>();
        var pending = new List<(TextFile File, DataFormat Format, bool IsExample)>();

        foreach (var (full, display) in files)
        {
            var name = Path.GetFileName(full);
            if (name == ExampleMarker) continue;
            var extension = Path.GetExtension(name).ToLowerInvariant();
            if (extension is ".md" or ".txt" or ".pdf" or ".html")
            {
                skipped.Add(new SkippedFile(display, "documentation, not data"));
                continue;
            }

            if (extension is ".xlsx" or ".xls" or ".zip")
            {
                skipped.Add(new SkippedFile(display, $"{extension} files are not read yet"));
                continue;
            }

            TextFile text;
            try
            {
                text = TextFile.Read(full, display);
            }
            catch (InputException e)
            {
                skipped.Add(new SkippedFile(display, e.Message[(display.Length + 2)..]));
                continue;
            }

            var isExample = exampleFolders.Any(folder => full.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal));
            if (BoundaryFormats.FirstOrDefault(f => f.Recognises(text)) is { } boundary)
            {
                areaRecords.AddRange(boundary.Read(text));
                sources.Add(new SourceFile(display, text.Sha256, boundary.Name, "Gebiedsindeling 2022", "Gemeente Amsterdam", "open data (CC0)", "24 maart 2022", isExample));
            }
            else if (DataFormats.FirstOrDefault(f => f.Recognises(text)) is { } data)
            {
                pending.Add((text, data, isExample));
            }
            else if (IsFocusAreaDefinition(text))
            {
                skipped.Add(new SkippedFile(display, "a focus area definition, read by `build --areas`, not a data source"));
            }
            else
            {
                skipped.Add(new SkippedFile(display, $"format not recognised (first line: {Shorten(text.FirstLine)})"));
            }
        }

        if (requireBoundaries && areaRecords.Count == 0)
        {
            throw new BuurtscanException(
                $"{dataDirectory}: no area boundaries found (expected the city's INDELING_BUURT.csv or the API's buurten GeoJSON somewhere in the data folder)",
                ExitCodes.MissingData);
        }

        if (areaRecords.Count > 0)
        {
            areaRecords.Add(new AreaRecord(CbsCodes.Nederland, "NL00", "Nederland", Level.Land, null, null, new SourceRef("", 0)));
        }

        var registry = AreaRegistry.Build(areaRecords);
        var observations = new List<Observation>();
        var warnings = new List<string>();
        foreach (var (file, format, isExample) in pending)
        {
            var result = format.Read(file, registry, catalogue);
            sources.Add(result.Source with { ExampleData = isExample });
            observations.AddRange(result.Observations);
            warnings.AddRange(result.Warnings);
        }

        observations = RemoveDuplicates(observations, warnings);
        return new DataSet(registry, catalogue, observations, sources.OrderBy(s => s.Path, StringComparer.Ordinal).ToList(), skipped, warnings);
    }

    private static bool IsFocusAreaDefinition(TextFile file) =>
        file.Text.TrimStart().StartsWith('{') && file.Text.Contains("\"name\"", StringComparison.Ordinal) &&
        (file.Text.Contains("\"buurten\"", StringComparison.Ordinal) || file.Text.Contains("\"geometry\"", StringComparison.Ordinal)) &&
        !file.Text.Contains("\"features\"", StringComparison.Ordinal);

    /// <summary>
    /// The same figure may come from two files: a StatLine CSV and the OData table `buurtscan fetch` saved for
    /// the same year, or two downloads of one table. Identical figures are kept once (from the file read first,
    /// in path order) without comment; figures that disagree are also kept from the first file, with one warning
    /// per pair of files naming both, because which one is right cannot be decided here.
    /// </summary>
    internal static List<Observation> RemoveDuplicates(List<Observation> observations, List<string> warnings)
    {
        var first = new Dictionary<(string, AreaRef, int), Observation>(observations.Count);
        var kept = new List<Observation>(observations.Count);
        var conflicts = new Dictionary<(string Kept, string Other), (int Count, Observation Kept, Observation Other)>();
        foreach (var o in observations)
        {
            if (first.TryAdd((o.IndicatorId, o.Area, o.Year), o))
            {
                kept.Add(o);
                continue;
            }

            var k = first[(o.IndicatorId, o.Area, o.Year)];
            if (k.Value == o.Value && k.Status == o.Status) continue;
            var pair = (k.Source.File, o.Source.File);
            conflicts[pair] = conflicts.TryGetValue(pair, out var c) ? (c.Count + 1, c.Kept, c.Other) : (1, k, o);
        }

        foreach (var ((keptFile, otherFile), (count, example, other)) in conflicts)
        {
            warnings.Add($"{keptFile} and {otherFile} disagree on {count} figure{(count == 1 ? "" : "s")} " +
                $"(e.g. {example.IndicatorId} {example.Area.Code} {example.Year}: {Describe(example)} at line {example.Source.Line} against {Describe(other)} at line {other.Source.Line}); " +
                $"the figures of {keptFile} are used");
        }

        return kept;

        static string Describe(Observation o) => o.Value is { } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : o.Status.ToString().ToLowerInvariant();
    }

    private static bool HasColumns(TextFile file, params string[] names)
    {
        var first = file.FirstLine;
        return names.All(n => first.Contains(n, StringComparison.Ordinal));
    }

    private static string Shorten(string line) => line.Length <= 80 ? line : line[..77] + "...";
}
