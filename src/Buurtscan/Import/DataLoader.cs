using System.Text;
using Buurtscan.Areas;
using Buurtscan.Catalogue;
using Buurtscan.Domain;

namespace Buurtscan.Import;

/// <summary>What one data file gave.</summary>
public sealed record ImportResult(SourceFile Source, IReadOnlyList<Observation> Observations, IReadOnlyList<string> Warnings)
{
    /// <summary>Projected values (OIS forecasts), kept apart from the observations.</summary>
    public IReadOnlyList<Forecast> Forecasts { get; init; } = [];

    /// <summary>Columns or variables the file has that the catalogue does not map (so they were not read).</summary>
    public IReadOnlyList<string> NotRead { get; init; } = [];

    /// <summary>What the file itself says about its variables (a Gebied-in-beeld metadata sheet).</summary>
    public IReadOnlyList<(string IndicatorId, VariableMetadata Metadata)> Metadata { get; init; } = [];
}

/// <summary>What a file was used for.</summary>
public enum FileRole { Boundaries, Data, Metadata }

/// <summary>An account of one file that was read, for `buurtscan sources`.</summary>
public sealed record FileReport(string Path, string Format, FileRole Role, string Table)
{
    public IReadOnlyList<int> Years { get; init; } = [];
    public IReadOnlyList<Level> Levels { get; init; } = [];
    public IReadOnlyList<Division> Divisions { get; init; } = [];
    public int Areas { get; init; }
    public int Indicators { get; init; }
    public int Observations { get; init; }
    public int Forecasts { get; init; }
    public IReadOnlyList<string> NotRead { get; init; } = [];
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>For a metadata file: what it gave.</summary>
    public string Summary { get; init; } = "";
}

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

    /// <summary>Forecasts (OIS population and housing prognoses), never mixed with the observations.</summary>
    public IReadOnlyList<Forecast> Forecasts { get; init; } = [];

    /// <summary>Every file that was read, with what it gave.</summary>
    public IReadOnlyList<FileReport> Files { get; init; } = [];

    /// <summary>Files rejected as bad input (only filled when loading with keepGoing; otherwise the first one is thrown).</summary>
    public IReadOnlyList<InputException> Errors { get; init; } = [];

    /// <summary>The <see cref="DataCache.Key"/> of the folder, when it was loaded through the cache (the value cache is kept under the same key).</summary>
    public string? CacheKey { get; init; }
}

/// <summary>
/// Finds and reads every file under a data folder. Files are recognised by their content, never their
/// name, because analysts keep downloads under the names the portals gave them. How each kind of bad
/// input is handled (fatal or a warning) is documented in docs/importers.md ("Bad input").
/// </summary>
public static class DataLoader
{
    /// <summary>A file with this name marks its folder (and everything below) as invented example data.</summary>
    public const string ExampleMarker = "VOORBEELDDATA.txt";

    private const int HeadBytes = 64 * 1024;

    private sealed record BoundaryFormat(string Name, string Table, string ReferenceDate, Func<TextFile, bool> Recognises, Func<TextFile, IEnumerable<AreaRecord>> Read);

    private sealed record DataFormat(string Name, Func<TextFile, bool> Recognises, Func<TextFile, AreaRegistry, IndicatorCatalogue, ImportResult> Read);

    /// <summary>Long formats that may be hundreds of megabytes: recognised by their first line and streamed from disk.</summary>
    private sealed record StreamFormat(string Name, Func<string, bool> Recognises, Func<string, string, AreaRegistry, IndicatorCatalogue, ImportResult> Read);

    private sealed record MetadataFormat(string Name, Func<TextFile, bool> Recognises, Func<TextFile, IndicatorCatalogue, MetadataResult> Read);

    /// <summary>Files that are recognised in order to be skipped, with the reason.</summary>
    private sealed record KnownSkip(Func<TextFile, bool> Recognises, string Reason);

    private const string Indeling2022 = "Gebiedsindeling 2022";
    private const string Since2022 = "24 maart 2022";

    private static readonly BoundaryFormat[] BoundaryFormats =
    [
        new("Gemeente Amsterdam open geodata, GEBIED_BUURTEN (2015)", Boundaries2015.Table, Boundaries2015.ReferenceDate,
            f => HasColumns(f, "Buurt_code", "Buurtcombinatie_code", "WKT_LNG_LAT"), Boundaries2015.ReadBuurten),
        new("Gemeente Amsterdam, buurt-buurtcombinatie-stadsdeel-gebied lookup (2015)", Boundaries2015.Table, Boundaries2015.ReferenceDate,
            f => HasColumns(f, "BRT_VOLLCODE", "BCE_VOLLCODE", "GGW_CODE"), Boundaries2015.ReadLookup),
        new("Gemeente Amsterdam open geodata, GEBIEDEN22 (2015)", Boundaries2015.Table, Boundaries2015.ReferenceDate,
            f => HasColumns(f, "Gebied_code", "Stadsdeel_code", "WKT_LNG_LAT") && !HasColumns(f, "Buurt_code"), Boundaries2015.ReadGebieden),
        new("Gemeente Amsterdam open geodata, GEBIED_BUURTCOMBINATIES GeoJSON (2015)", Boundaries2015.Table, Boundaries2015.ReferenceDate,
            f => f.Text.TrimStart().StartsWith('{') && HeadContains(f, "\"Buurtcombinatie_code\""), Boundaries2015.ReadBuurtcombinatiesGeoJson),
        new("Gemeente Amsterdam open geodata, INDELING_BUURT (2022)", Indeling2022, Since2022,
            f => HasColumns(f, "Buurtcode", "Wijkcode", "Gebiedcode"), BoundaryReaders.ReadIndelingBuurt),
        new("Gemeente Amsterdam open geodata, INDELING_WIJK (2022)", Indeling2022, Since2022,
            f => HasColumns(f, "CBS_Wijkcode", "Wijkcode", "WKT_LNG_LAT") && !HasColumns(f, "Buurtcode"), BoundaryReaders.ReadIndelingWijk),
        new("Gemeente Amsterdam open geodata, INDELING_STADSDEEL (2022)", Indeling2022, Since2022,
            f => HasColumns(f, "Stadsdeelcode", "WKT_LNG_LAT") && !HasColumns(f, "Wijkcode"), BoundaryReaders.ReadIndelingStadsdeel),
        new("Gemeente Amsterdam API, gebieden/buurten GeoJSON (2022)", Indeling2022, Since2022,
            f => f.Text.TrimStart().StartsWith('{') && HeadContains(f, "\"ligtInWijkId\""), BoundaryReaders.ReadApiBuurtenGeoJson),
    ];

    private static readonly DataFormat[] DataFormats =
    [
        // JSON first: a one-line TypedDataSet may also contain "Wijken en buurten". (OData metadata JSON is taken
        // by the metadata formats above, which read it for the catalogue and list it as KwbODataJson does.)
        new(KwbODataJson.Format, KwbODataJson.Recognises, KwbODataJson.Read),
        new(StatLineTableCsv.Format, StatLineTableCsv.Recognises, StatLineTableCsv.Read),
        new(CbsTypedDataSetCsv.Format, CbsTypedDataSetCsv.Recognises, CbsTypedDataSetCsv.Read),
        new(KwbStatLineCsv.Format, KwbStatLineCsv.Recognises, KwbStatLineCsv.Read),
    ];

    private static readonly StreamFormat[] StreamFormats =
    [
        new(BbgaLongCsv.Format, BbgaLongCsv.RecognisesHead, BbgaLongCsv.Read),
        new(OisStatistiekenCsv.Format, OisStatistiekenCsv.RecognisesHead, OisStatistiekenCsv.Read),
    ];

    private static readonly MetadataFormat[] MetadataFormats =
    [
        new(BbgaMetadataCsv.Format, BbgaMetadataCsv.Recognises, BbgaMetadataCsv.Read),
        new("CBS OData metadata", CbsMetadata.Recognises, CbsMetadata.Read),
    ];

    private static readonly KnownSkip[] KnownSkips =
    [
        new(f => f.Text.TrimStart().StartsWith('{') && HeadContains(f, "\"voorbeeldPostcode\"") && HeadContains(f, "\"demografie\""),
            "a third party's compilation (woonikveilig) of CBS, RIVM and Politie figures under renamed keys, not an original source: read the CBS tables it was built from instead"),
        new(IsFocusAreaDefinition, "a focus area definition, read by `build --areas`, not a data source"),
    ];

    /// <summary>Every file the loader looks at: all files below the folder except in hidden folders, in path order, with their path relative to the folder.</summary>
    public static List<(string Full, string Display)> FilesOf(string dataDirectory)
    {
        var root = Path.GetFullPath(dataDirectory);
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(p => (Full: p, Display: Path.GetRelativePath(root, p).Replace('\\', '/')))
            .Where(f => !f.Display.Split('/').Any(part => part.StartsWith('.')))
            .OrderBy(f => f.Display, StringComparer.Ordinal)
            .ToList();
    }

    /// <param name="requireBoundaries">Fail before reading any data file when no boundaries are found: nothing can be resolved without them.</param>
    public static DataSet Load(string dataDirectory, IndicatorCatalogue? catalogue = null, bool requireBoundaries = false) =>
        Load(dataDirectory, catalogue, keepGoing: false, requireBoundaries);

    /// <summary>
    /// Reads the folder. With keepGoing, a file that is bad input is set aside (listed in Errors and Skipped) and
    /// the others are still read, so that `buurtscan sources` can report on everything; without it, the first
    /// bad file stops the run with its InputException, as a scan must not be built on part of its inputs unknowingly.
    /// </summary>
    public static DataSet Load(string dataDirectory, IndicatorCatalogue? catalogue, bool keepGoing, bool requireBoundaries = false)
    {
        catalogue ??= IndicatorCatalogue.Default;
        if (!Directory.Exists(dataDirectory))
        {
            throw new BuurtscanException($"data folder '{dataDirectory}' does not exist (expected a folder with CBS/OIS downloads and the city's boundaries)", ExitCodes.MissingData);
        }

        var files = FilesOf(dataDirectory);
        var exampleFolders = files.Where(f => Path.GetFileName(f.Full) == ExampleMarker).Select(f => Path.GetDirectoryName(f.Full)!).ToList();
        bool IsExample(string full) => exampleFolders.Any(folder => full.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal));

        var skipped = new List<SkippedFile>();
        var sources = new List<SourceFile>();
        var reports = new List<FileReport>();
        var errors = new List<InputException>();
        var areaRecords = new List<AreaRecord>();
        var metadataFiles = new List<(TextFile File, MetadataFormat Format)>();
        var indicatorenFiles = new List<(string Full, string Display)>();
        var indicatoren = new Dictionary<string, List<OisIndicatoren>>(StringComparer.Ordinal);
        var badIndicatoren = new Dictionary<string, string>(StringComparer.Ordinal);

        OisIndicatoren? IndicatorenIn(string folder)
        {
            if (badIndicatoren.TryGetValue(folder, out var bad))
            {
                throw new SkipFile($"the OIS indicatoren file beside it ({bad}) is bad input, so the indicator ids cannot be resolved");
            }

            return indicatoren.TryGetValue(folder, out var list) ? OisIndicatoren.Merge(list) : null;
        }
        // Data files of every kind, read in path order once the registry exists.
        var pending = new List<(string Full, string Display, Func<AreaRegistry, IndicatorCatalogue, ImportResult> Read)>();

        void Fail(InputException e, string display)
        {
            if (!keepGoing) throw e;
            errors.Add(e);
            skipped.Add(new SkippedFile(display, $"bad input: {e.Message}"));
        }

        // Every file is looked at (and boundaries are parsed) on all cores; the outcomes are then taken in path
        // order, so the data set, its warnings and the first error reported do not depend on the timing.
        var candidates = files.Where(f => Path.GetFileName(f.Full) != ExampleMarker).ToList();
        foreach (var ((full, display), outcome) in candidates.Zip(ParallelWork.Outcomes(candidates, f => Recognise(f.Full, f.Display))))
        {
            switch (outcome.Get())
            {
                case Recognised.Skip skip:
                    skipped.Add(new SkippedFile(display, skip.Reason));
                    break;
                case Recognised.Data data:
                    pending.Add((full, display, data.Read));
                    break;
                case Recognised.Metadata metadata:
                    metadataFiles.Add((metadata.Text, metadata.Format));
                    break;
                case Recognised.OisIndicatoren:
                    indicatorenFiles.Add((full, display));
                    break;
                case Recognised.OisCijfers:
                    // The ids of the cijfers are resolved by the indicatoren file of the same download: the one beside it.
                    var folder = Path.GetDirectoryName(full)!;
                    pending.Add((full, display, (registry, cat) => OisBulkCsv.ReadCijfers(full, display, registry, cat, IndicatorenIn(folder))));
                    break;
                case Recognised.Boundaries { Error: { } error }:
                    Fail(error, display);
                    break;
                case Recognised.Boundaries boundary:
                    areaRecords.AddRange(boundary.Records);
                    sources.Add(new SourceFile(display, boundary.Text.Sha256, boundary.Format.Name, boundary.Format.Table, "Gemeente Amsterdam", "open data (CC0)",
                        boundary.Format.ReferenceDate, IsExample(full)));
                    reports.Add(BoundaryReport(display, boundary.Format, boundary.Records));
                    break;
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

        // Metadata first: what it says about the indicators travels with the catalogue into every importer.
        var warnings = new List<string>();
        var described = new List<(string, VariableMetadata)>();
        foreach (var (file, format) in metadataFiles)
        {
            try
            {
                var result = format.Read(file, catalogue);
                var source = result.Source;
                var fileWarnings = new List<string>();
                if (KwbODataJson.RecognisesMetadata(file))
                {
                    // The OData JSON metadata of a table: listed as the OData importer lists it (with its warning when
                    // no TypedDataSet lies beside it), and read for what it says about the catalogue's indicators.
                    var odata = KwbODataJson.ReadMetadata(file, registry, catalogue);
                    source = odata.Source;
                    fileWarnings.AddRange(odata.Warnings);
                }

                described.AddRange(result.Entries);
                warnings.AddRange(fileWarnings);
                sources.Add(source with { ExampleData = IsExample(file.Path) });
                reports.Add(new FileReport(file.DisplayPath, source.Format, FileRole.Metadata, source.Table)
                {
                    Indicators = result.Entries.Select(e => e.IndicatorId).Distinct().Count(),
                    Summary = result.Summary,
                    Warnings = fileWarnings,
                });
            }
            catch (InputException e)
            {
                Fail(e, file.DisplayPath);
            }
        }

        catalogue = catalogue.WithMetadata(described);

        // OIS indicatoren: the names of the ids the cijfers beside them use.
        foreach (var (full, display) in indicatorenFiles)
        {
            try
            {
                var names = OisBulkCsv.ReadIndicatoren(full, display);
                var folder = Path.GetDirectoryName(full)!;
                if (!indicatoren.TryGetValue(folder, out var list)) indicatoren[folder] = list = [];
                list.Add(names);
                var mapped = names.Names.Values.Select(n => catalogue.ForOisVariable(n.Name, out _)?.IndicatorId).OfType<string>().ToList();
                sources.Add(new SourceFile(display, names.Sha256, OisBulkCsv.IndicatorenFormat, $"{OisBulkCsv.Table}, indicatoren", OisBulkCsv.Publisher, OisBulkCsv.Licence, "", IsExample(full)));
                reports.Add(new FileReport(display, OisBulkCsv.IndicatorenFormat, FileRole.Metadata, $"{OisBulkCsv.Table}, indicatoren")
                {
                    Indicators = mapped.Distinct().Count(),
                    Summary = $"names of {names.Names.Count} indicator ids for the cijfers beside it, {mapped.Count} of them in the catalogue",
                });
            }
            catch (InputException e)
            {
                badIndicatoren[Path.GetDirectoryName(full)!] = display;
                Fail(e, display);
            }
        }

        var observations = new List<Observation>();
        var forecasts = new List<Forecast>();
        var toRead = pending.OrderBy(p => p.Display, StringComparer.Ordinal).ToList();
        var read = ParallelWork.Outcomes(toRead, p =>
        {
            var result = p.Read(registry, catalogue);
            CheckWithinFile(result);
            return result;
        });
        foreach (var ((full, display, _), outcome) in toRead.Zip(read))
        {
            ImportResult result;
            try
            {
                result = outcome.Get();
            }
            catch (InputException e)
            {
                Fail(e, display);
                continue;
            }
            catch (SkipFile e)
            {
                skipped.Add(new SkippedFile(display, e.Message));
                continue;
            }

            sources.Add(result.Source with { ExampleData = IsExample(full) });
            observations.AddRange(result.Observations);
            forecasts.AddRange(result.Forecasts);
            warnings.AddRange(result.Warnings);
            described.AddRange(result.Metadata);
            reports.Add(DataReport(result, registry));
        }

        var merged = RemoveDuplicates(observations, warnings);
        return new DataSet(registry, catalogue.WithMetadata(described), merged, sources.OrderBy(s => s.Path, StringComparer.Ordinal).ToList(), skipped, warnings)
        {
            Forecasts = MergeForecasts(forecasts, warnings),
            Files = reports.OrderBy(r => r.Path, StringComparer.Ordinal).ToList(),
            Errors = errors,
        };
    }

    /// <summary>What the first look at a file decided: skip it, read it as data once the areas are known, read it as metadata, or the areas it holds.</summary>
    private abstract record Recognised
    {
        public sealed record Skip(string Reason) : Recognised;

        public sealed record Data(Func<AreaRegistry, IndicatorCatalogue, ImportResult> Read) : Recognised;

        public sealed record Metadata(TextFile Text, MetadataFormat Format) : Recognised;

        /// <summary>OIS indicatoren (Id, Naam): read before the data, for the cijfers beside them.</summary>
        public sealed record OisIndicatoren : Recognised;

        /// <summary>OIS cijfers by indicator id: read with the indicatoren of their folder.</summary>
        public sealed record OisCijfers : Recognised;

        public sealed record Boundaries(BoundaryFormat Format, TextFile Text, List<AreaRecord> Records, InputException? Error) : Recognised;
    }

    private static Recognised Recognise(string full, string display)
    {
        var extension = Path.GetExtension(full).ToLowerInvariant();
        if (extension is ".md" or ".txt" or ".pdf" or ".html") return new Recognised.Skip("documentation, not data");
        if (extension is ".xls" or ".zip" or ".gz" or ".parquet")
        {
            return new Recognised.Skip($"{extension} files are not read (unpack the archive, or save an old .xls workbook as .xlsx)");
        }

        if (extension == ".xlsx") return new Recognised.Data((registry, cat) => ReadWorkbook(full, display, registry, cat));

        // The head decides: an empty or binary file is skipped, a long format is streamed, anything else is read whole.
        var head = ReadHead(full);
        if (head.Length == 0 || head.AsSpan().Trim("\uFEFF \t\r\n"u8).IsEmpty)
        {
            return new Recognised.Skip(head.Length == 0 ? "empty file (0 bytes)" : "empty file (only white space)");
        }

        if (head.AsSpan().IndexOf((byte)0) >= 0) return new Recognised.Skip("this is a binary file, not text (expected a CSV or JSON file)");

        var firstLine = FirstLine(head);
        if (OisBulkCsv.RecognisesIndicatoren(firstLine)) return new Recognised.OisIndicatoren();
        if (OisBulkCsv.RecognisesCijfers(firstLine)) return new Recognised.OisCijfers();
        if (StreamFormats.FirstOrDefault(f => f.Recognises(firstLine)) is { } stream)
        {
            return new Recognised.Data((registry, cat) => stream.Read(full, display, registry, cat));
        }

        TextFile text;
        try
        {
            text = TextFile.Read(full, display);
        }
        catch (InputException e)
        {
            return new Recognised.Skip(e.Message[(display.Length + 2)..]);
        }

        if (BoundaryFormats.FirstOrDefault(f => Safely(f.Recognises, text)) is { } boundary)
        {
            try
            {
                return new Recognised.Boundaries(boundary, text, boundary.Read(text).ToList(), null);
            }
            catch (InputException e)
            {
                return new Recognised.Boundaries(boundary, text, [], e);
            }
        }

        if (KnownSkips.FirstOrDefault(s => Safely(s.Recognises, text)) is { } skip) return new Recognised.Skip(skip.Reason);
        if (MetadataFormats.FirstOrDefault(f => Safely(f.Recognises, text)) is { } metadata) return new Recognised.Metadata(text, metadata);
        if (DataFormats.FirstOrDefault(f => Safely(f.Recognises, text)) is { } data)
        {
            return new Recognised.Data((registry, cat) => data.Read(text, registry, cat));
        }

        return new Recognised.Skip($"format not recognised (first line: {Shorten(text.FirstLine)})");
    }

    /// <summary>Thrown by a reader for a file that turns out not to be what it looked like (a workbook of another kind).</summary>
    private sealed class SkipFile(string reason) : Exception(reason);

    private static ImportResult ReadWorkbook(string full, string display, AreaRegistry registry, IndicatorCatalogue catalogue)
    {
        var sheets = Xlsx.Read(full, display);
        if (!GebiedInBeeldXlsx.Recognises(sheets))
        {
            var first = sheets.FirstOrDefault()?.Rows.FirstOrDefault();
            throw new SkipFile($"workbook not recognised (first row: {Shorten(string.Join(" | ", first?.Cells ?? []))})");
        }

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(full)));
        return GebiedInBeeldXlsx.Read(sheets, full, display, hash, registry, catalogue);
    }

    /// <summary>One file must not give two different values for the same indicator, area and year: that is a contradiction in the source.</summary>
    private static void CheckWithinFile(ImportResult result)
    {
        var seen = new Dictionary<(string, AreaRef, int), Observation>(result.Observations.Count);
        foreach (var o in result.Observations)
        {
            if (!seen.TryAdd((o.IndicatorId, o.Area, o.Year), o) && seen[(o.IndicatorId, o.Area, o.Year)] is var first && !Same(first, o))
            {
                throw new InputException(o.Source.File, o.Source.Line,
                    $"a second, different value for {o.IndicatorId}, {o.Area}, {o.Year}: {Show(o)} here, {Show(first)} on line {first.Source.Line} (expected one value per area and year)");
            }
        }
    }

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

    private static List<Forecast> MergeForecasts(List<Forecast> forecasts, List<string> warnings)
    {
        var kept = new Dictionary<(string, AreaRef, int, int), Forecast>();
        foreach (var f in forecasts)
        {
            var key = (f.IndicatorId, f.Area, f.Year, f.Edition);
            if (!kept.TryAdd(key, f) && !Close(kept[key].Value, f.Value))
            {
                warnings.Add($"{f.Source.File}:{f.Source.Line}: forecast {f.IndicatorId} ({f.Edition}) for {f.Area} in {f.Year} differs from the one in {kept[key].Source.File}, which is used");
            }
        }

        return kept.Values.ToList();
    }

    private static bool Same(Observation a, Observation b) =>
        a.Value is { } x && b.Value is { } y ? Close(x, y) : a.Value is null && b.Value is null && a.Status == b.Status;

    private static bool Close(double x, double y) => Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Abs(x));

    private static string Show(Observation o) =>
        o.Value is { } v ? v.ToString("G", System.Globalization.CultureInfo.InvariantCulture) : o.Status.ToString().ToLowerInvariant();

    private static FileReport BoundaryReport(string display, BoundaryFormat format, List<AreaRecord> records)
    {
        var areas = records.Select(r => r.Ref).Distinct().ToList();
        return new FileReport(display, format.Name, FileRole.Boundaries, format.Table)
        {
            Levels = records.Select(r => r.Level).Distinct().Order().ToList(),
            Divisions = records.Select(r => r.Ref.Division).Distinct().Order().ToList(),
            Areas = areas.Count,
        };
    }

    private static FileReport DataReport(ImportResult result, AreaRegistry registry)
    {
        var areas = result.Observations.Select(o => o.Area).Concat(result.Forecasts.Select(f => f.Area)).Distinct().ToList();
        Level? LevelOf(AreaRef a) => registry.Find(a)?.Level ?? (a == CbsCodes.Nederland ? Level.Land : OisCodes.LevelOf(a.Code, a.Division));
        return new FileReport(result.Source.Path, result.Source.Format, FileRole.Data, result.Source.Table)
        {
            Years = result.Observations.Select(o => o.Year).Concat(result.Forecasts.Select(f => f.Year)).Distinct().Order().ToList(),
            Levels = areas.Select(LevelOf).OfType<Level>().Distinct().Order().ToList(),
            Divisions = areas.Where(a => a != CbsCodes.Nederland && a != BoundaryReaders.Amsterdam).Select(a => a.Division).Distinct().Order().ToList(),
            Areas = areas.Count,
            Indicators = result.Observations.Select(o => o.IndicatorId).Concat(result.Forecasts.Select(f => f.IndicatorId)).Distinct().Count(),
            Observations = result.Observations.Count,
            Forecasts = result.Forecasts.Count,
            NotRead = result.NotRead,
            Warnings = result.Warnings,
        };
    }

    private static byte[] ReadHead(string path)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[(int)Math.Min(HeadBytes, stream.Length)];
        stream.ReadExactly(buffer);
        return buffer;
    }

    private static string FirstLine(byte[] head)
    {
        var bytes = head.AsSpan();
        if (bytes.StartsWith("\uFEFF"u8)) bytes = bytes[3..];
        var end = bytes.IndexOfAny((byte)'\r', (byte)'\n');
        return Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
    }

    private static bool IsFocusAreaDefinition(TextFile file) =>
        file.Text.TrimStart().StartsWith('{') && file.Text.Contains("\"name\"", StringComparison.Ordinal) &&
        (file.Text.Contains("\"buurten\"", StringComparison.Ordinal) || file.Text.Contains("\"geometry\"", StringComparison.Ordinal)) &&
        !file.Text.Contains("\"features\"", StringComparison.Ordinal);

    /// <summary>A recogniser that cannot even read the first record of a file does not recognise it.</summary>
    private static bool Safely(Func<TextFile, bool> recognises, TextFile file)
    {
        try
        {
            return recognises(file);
        }
        catch (InputException)
        {
            return false;
        }
    }

    private static bool HasColumns(TextFile file, params string[] names)
    {
        var first = file.FirstLine;
        return names.All(n => first.Contains(n, StringComparison.Ordinal));
    }

    private static bool HeadContains(TextFile file, string text) =>
        file.Text.AsSpan(0, Math.Min(file.Text.Length, HeadBytes)).Contains(text, StringComparison.Ordinal);

    private static string Shorten(string line) => line.Length <= 80 ? line : line[..77] + "...";
}
