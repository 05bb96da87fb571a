using Buurtscan.Areas;
using Buurtscan.Catalogue;
using Buurtscan.Domain;
using Buurtscan.Import;
using Buurtscan.Render;
using Buurtscan.Resolve;

namespace Buurtscan.Build;

/// <summary>The parameters of one `buurtscan build`.</summary>
public sealed record BuildSettings(string Buurt, string DataDirectory, string? OutDirectory, string? ProfileFile, string? AreasDirectory = null)
{
    /// <summary>Which forms of the chapter to write (`--format md,html`); charts, maps and data are written for each.</summary>
    public ChapterFormats Formats { get; init; } = ChapterFormats.Markdown;

    /// <summary>Draw charts and maps; without them (`--no-charts`) the chapter has tables only, and a run over many buurten is much faster.</summary>
    public bool Charts { get; init; } = true;

    /// <summary>Where the data set and what resolving found are kept for the next run on the same files (<see cref="DataCache"/>, <see cref="ValueCache"/>); null: no cache.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>A run over many buurten shares the charts it has drawn between them; null: every chart drawn.</summary>
    public DrawnCharts? DrawnCharts { get; init; }

    /// <summary>A run over many buurten shares the layers its choropleths have in common between them; null: every map drawn whole.</summary>
    public MapLayers? MapLayers { get; init; }
}

/// <summary>The forms of the chapter: `buurtscan.md`, `buurtscan.html` (self-contained, made from the same Markdown).</summary>
[Flags]
public enum ChapterFormats
{
    Markdown = 1,
    Html = 2,
}

/// <summary>What a build wrote, for the summary line.</summary>
public sealed record BuildReport(string OutDirectory, Scan Scan, IReadOnlyList<string> Files, IReadOnlyList<SkippedFile> Skipped, IReadOnlyList<string> Warnings);

/// <summary>Runs the whole pipeline for one area: import, resolve, render, write.</summary>
public static class ScanBuilder
{
    public static string ToolVersion { get; } =
        typeof(ScanBuilder).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "0.0.0";

    public static BuildReport Build(BuildSettings settings)
    {
        // Reading the data keeps one core busy: the drawing code gets ready on another (see WarmUp).
        if (settings.Charts) _ = WarmUp.Start();
        var data = LoadData(settings.DataDirectory, settings.CacheDirectory);
        var custom = FocusAreas.Load(settings.AreasDirectory ?? DefaultAreasDirectory, data.Registry);
        return Build(settings, data, LoadProfile(settings.ProfileFile, data), FindFocus(data.Registry, custom, settings.Buurt));
    }

    /// <summary>Reads the data folder once (or takes it from the cache); a run over many buurten shares the result (it is never changed).</summary>
    public static DataSet LoadData(string dataDirectory, string? cacheDirectory = null) =>
        DataCache.Load(dataDirectory, cacheDirectory, () => DataLoader.Load(dataDirectory, requireBoundaries: true));

    public static ScanProfile LoadProfile(string? profileFile, DataSet data) => profileFile is null
        ? ScanProfile.Default
        : ScanProfile.Parse(ReadProfile(profileFile), profileFile, data.Catalogue);

    /// <summary>Resolves, renders and writes the scan of one area from data already loaded.</summary>
    public static BuildReport Build(BuildSettings settings, DataSet data, ScanProfile profile, Area focus, Resolver? resolver = null) =>
        Build(settings, data, profile, FocusTarget.Of(focus), resolver);

    /// <summary>A run over many buurten passes one <paramref name="resolver"/> for all of them, so every value is computed once.</summary>
    public static BuildReport Build(BuildSettings settings, DataSet data, ScanProfile profile, FocusTarget target, Resolver? resolver = null)
    {
        var focus = data.Registry.Find(new AreaRef(Division.Indeling2022, target.Code)) is { } known && !target.IsCustom
            ? known
            : new Area(new AreaRef(Division.Indeling2022, target.Code), target.CbsCode, target.Name, target.Level, target.Parent, target.Geometry, target.AreaM2);

        // The maps of the boundaries alone do not wait for the figures: the A3 map, the slowest drawing, is drawn
        // while the figures are resolved.
        var boundaryMaps = settings.Charts
            ? Task.Run(() => BoundaryMaps(data.Registry, focus).Select(m => Maps.Draw(m)).ToList())
            : Task.FromResult(new List<DrawnMap>());
        var scan = resolver?.Resolve(target, profile, ToolVersion) ?? ResolveWithCache(settings, data, target, profile);
        var outDirectory = settings.OutDirectory ?? Path.Combine("out", scan.Focus.Slug);
        var files = new List<string>();
        OutputFolder.CheckReplaceable(outDirectory);
        OutputFolder.WriteAtomically(outDirectory, folder => files.AddRange(Write(folder, scan, data, focus, settings, boundaryMaps)));
        return new BuildReport(outDirectory, scan, files, data.Skipped, data.Warnings);
    }

    /// <summary>
    /// One scan's figures; with a cache, starting from what earlier scans on the same data worked out about the
    /// whole city (see <see cref="ValueCache"/>), and keeping what this one added.
    /// </summary>
    private static Scan ResolveWithCache(BuildSettings settings, DataSet data, FocusTarget target, ScanProfile profile)
    {
        var resolver = new Resolver(new ValueResolver(data));
        if (settings.CacheDirectory is not { } cache) return resolver.Resolve(target, profile, ToolVersion);
        ValueCache.Fill(resolver, cache);
        var before = resolver.RememberedCount;
        var scan = resolver.Resolve(target, profile, ToolVersion);
        if (resolver.RememberedCount != before) ValueCache.Save(resolver, cache);
        return scan;
    }

    /// <summary>Where user-defined focus areas (`*.json`) are looked for when --areas is not given.</summary>
    public const string DefaultAreasDirectory = "areas";

    /// <summary>A user-defined focus area by name, code or slug, else a buurt of the registry.</summary>
    public static FocusTarget FindFocus(AreaRegistry registry, IReadOnlyList<FocusTarget> custom, string query)
    {
        var key = AreaFinder.Normalise(query);
        var match = custom.Where(c => AreaFinder.Normalise(c.Name) == key || AreaFinder.Normalise(c.Code) == key).ToList();
        if (match.Count == 1) return match[0];
        if (match.Count > 1)
        {
            throw new BuurtscanException($"'{query}' matches more than one focus area: {string.Join(", ", match.Select(m => m.Name))}", ExitCodes.UnknownArea);
        }

        return FocusTarget.Of(FindBuurt(registry, query));
    }

    public static Area FindBuurt(AreaRegistry registry, string query)
    {
        return AreaFinder.Find(registry, query, Level.Buurt) switch
        {
            FindResult.Found found => found.Area,
            FindResult.Ambiguous ambiguous => throw new BuurtscanException(
                $"'{query}' matches more than one buurt: {string.Join(", ", ambiguous.Candidates.Take(10).Select(Describe))}; use the buurt code",
                ExitCodes.UnknownArea),
            FindResult.NotFound notFound => throw new BuurtscanException(
                $"no buurt matches '{query}'" + (notFound.Suggestions.Count > 0 ? $"; did you mean {string.Join(", ", notFound.Suggestions.Select(Describe))}?" : ""),
                ExitCodes.UnknownArea),
            _ => throw new InvalidOperationException(),
        };
    }

    public static string Describe(Area area) => $"{area.Name} ({area.Code}, {AreaFinder.Slug(area.Name)})";

    private static string ReadProfile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new BuurtscanException($"{path}: cannot read the profile: {e.Message}", ExitCodes.BadInput);
        }
    }

    private static IEnumerable<string> Write(string folder, Scan scan, DataSet data, Area focus, BuildSettings settings, Task<List<DrawnMap>> boundaryMaps)
    {
        var charts = settings.Charts ? ChartBuilder.For(scan) : [];
        var choropleths = settings.Charts ? ChoroplethMaps(scan, data, focus) : [];
        foreach (var chart in charts) OutputFolder.CheckName(chart.Name);
        var chartFolder = OutputFolder.Inside(folder, "charts");
        if (charts.Count > 0) Directory.CreateDirectory(chartFolder);
        var written = new List<string>();

        // The data files, charts and choropleths are independent of each other: written on all cores.
        var dataFiles = new (string Name, Func<string> Text)[]
        {
            ("area.geojson", () => AreaGeoJson.Write(Maps.ChainOf(data.Registry, focus), customFocus: scan.Focus.Definition is not null)),
            ("scan.json", () => ScanJsonWriter.Write(scan)),
            ("figures.csv", () => FiguresCsv.Write(scan)),
            ("manifest.json", () => ScanJsonWriter.Write(Manifest.Create(scan, data, settings))),
        };
        var work = dataFiles.Select(f => (Action)(() => WriteText(folder, f.Name, f.Text())))
            .Concat(choropleths.Select(m => (Action)(() => Maps.Save(m, folder, settings.MapLayers))))
            .Concat(charts.Select(c => (Action)(() => Charts.Save(c, chartFolder, settings.DrawnCharts))));
        Parallel.ForEach(work, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, write => write());
        var drawn = boundaryMaps.GetAwaiter().GetResult();
        foreach (var map in drawn) map.Write(folder);
        var locator = drawn.Select(d => d.Spec).FirstOrDefault(m => m.Layout == MapLayout.Screen);
        IReadOnlyList<MapSpec> maps = [.. drawn.Select(d => d.Spec).Where(m => m.Layout == MapLayout.Screen), .. choropleths, .. drawn.Select(d => d.Spec).Where(m => m.Layout == MapLayout.Print)];
        written.AddRange(charts.SelectMany(c => new[] { $"charts/{c.Name}.png", $"charts/{c.Name}.svg", $"charts/{c.Name}.csv" }));
        written.AddRange(maps.SelectMany(m => new[] { m.ImagePath, m.SvgPath, m.DataPath }));
        TestHooks.AfterDrawing?.Invoke(folder);

        var markdown = ChapterRenderer.Markdown(scan, charts, locator, maps);
        if (settings.Formats.HasFlag(ChapterFormats.Markdown))
        {
            WriteText(folder, "buurtscan.md", markdown);
            written.Add("buurtscan.md");
        }

        written.AddRange(dataFiles.Select(f => f.Name));

        // Last, because it embeds the charts, maps and data files written above.
        if (settings.Formats.HasFlag(ChapterFormats.Html))
        {
            HtmlChapter.WriteFile(markdown, folder, ToolVersion, OutputFolder.Inside(folder, "buurtscan.html"));
            written.Add("buurtscan.html");
        }

        return written;
    }

    /// <summary>The locator map, one choropleth per theme (see <see cref="Maps.ChoroplethFigures"/>) and the printable A3 map.</summary>
    public static IReadOnlyList<MapSpec> MapsFor(Scan scan, DataSet data, Area focus)
    {
        var boundaryMaps = BoundaryMaps(data.Registry, focus);
        return [.. boundaryMaps.Where(m => m.Layout == MapLayout.Screen), .. ChoroplethMaps(scan, data, focus), .. boundaryMaps.Where(m => m.Layout == MapLayout.Print)];
    }

    /// <summary>The maps drawn from the boundaries alone: the locator map and the printable A3 map.</summary>
    private static IReadOnlyList<MapSpec> BoundaryMaps(AreaRegistry registry, Area focus) =>
        focus.Geometry is null ? [] : [Maps.Locator(registry, focus), Maps.Print(registry, focus)];

    private static IReadOnlyList<MapSpec> ChoroplethMaps(Scan scan, DataSet data, Area focus)
    {
        var maps = new List<MapSpec>();
        if (focus.Geometry is null) return maps;
        foreach (var (_, figure) in Maps.ChoroplethFigures(scan))
        {
            var sources = scan.Sources.Where(s => figure.Sources.Contains(s.Path, StringComparer.Ordinal))
                .Select(s => $"{s.Publisher}, {s.Table}").Distinct(StringComparer.Ordinal).ToList();
            maps.Add(Maps.Choropleth(data.Registry, scan.Focus, figure, sources.Count == 0 ? null : string.Join("; ", sources)));
        }

        return maps;
    }

    private static void WriteText(string folder, string name, string text) => OutputFolder.WriteNew(OutputFolder.Inside(folder, name), text);
}

/// <summary>Points where tests can make a build fail halfway; per async flow, so parallel tests do not see each other's hooks.</summary>
internal static class TestHooks
{
    private static readonly AsyncLocal<Action<string>?> afterDrawing = new();

    /// <summary>Called with the temporary output folder once charts and maps are drawn, before the chapter is written.</summary>
    public static Action<string>? AfterDrawing
    {
        get => afterDrawing.Value;
        set => afterDrawing.Value = value;
    }
}

/// <summary>`manifest.json`: enough to repeat the run and to know whether its inputs changed.</summary>
public sealed record Manifest(string Tool, string Version, string SchemaVersion, ManifestParameters Parameters, IReadOnlyList<ManifestInput> Inputs)
{
    public static Manifest Create(Scan scan, DataSet data, BuildSettings settings) => new(
        "buurtscan",
        ScanBuilder.ToolVersion,
        scan.SchemaVersion,
        new ManifestParameters(settings.Buurt, scan.Focus.Code, settings.DataDirectory.Replace('\\', '/'), settings.ProfileFile ?? "default"),
        data.Sources.Select(s => new ManifestInput(s.Path, s.Sha256, s.Format)).ToList());
}

public sealed record ManifestParameters(string Buurt, string AreaCode, string Data, string Profile);

public sealed record ManifestInput(string Path, string Sha256, string Format);
