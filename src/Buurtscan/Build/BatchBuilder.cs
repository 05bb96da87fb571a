using System.Collections.Concurrent;
using System.Diagnostics;
using Buurtscan.Areas;
using Buurtscan.Catalogue;
using Buurtscan.Domain;
using Buurtscan.Import;
using Buurtscan.Resolve;

namespace Buurtscan.Build;

/// <summary>Which buurten `build --all` builds: all of them, or those within a stadsdeel, gebied and/or wijk.</summary>
public sealed record BatchSelection(string? Stadsdeel = null, string? Gebied = null, string? Wijk = null)
{
    public static BatchSelection All { get; } = new();
}

/// <summary>
/// The parameters of `buurtscan build --all`. Output goes to <see cref="ScansRoot"/> in the kept-over-time
/// layout (`&lt;scans&gt;/&lt;buurt&gt;/&lt;YYYY-Qn&gt;/`) when given, else to `&lt;OutRoot&gt;/&lt;buurt&gt;/`.
/// </summary>
public sealed record BatchSettings(
    string DataDirectory,
    string? OutRoot,
    string? ScansRoot,
    string? Period,
    string? ProfileFile,
    BatchSelection Selection,
    bool Charts,
    int Jobs)
{
    public const string DefaultOutRoot = "out";

    /// <summary>Which forms of each chapter to write (`--format`).</summary>
    public ChapterFormats Formats { get; init; } = ChapterFormats.Markdown;

    /// <summary>Where the loaded data folder is kept for the next run (see <see cref="Import.DataCache"/>); null: read it afresh.</summary>
    public string? CacheDirectory { get; init; }
}

/// <summary>
/// How one buurt of a run went: how many files it wrote, or why it failed. <see cref="Bug"/> is set for an
/// unexpected exception, whose stack trace must be shown. The scan itself is not kept: over the whole
/// country that would hold every scan in memory at once.
/// </summary>
public sealed record BuurtOutcome(Area Buurt, string OutDirectory, int Files, string? Error, int ExitCode, Exception? Bug)
{
    public bool Succeeded => Error is null;
}

/// <summary>What a run over many buurten did, for the summary.</summary>
public sealed record BatchReport(
    IReadOnlyList<BuurtOutcome> Outcomes,
    Period? Period,
    string OutRoot,
    TimeSpan LoadTime,
    TimeSpan BuildTime,
    IReadOnlyList<SkippedFile> Skipped,
    IReadOnlyList<string> Warnings)
{
    public int Succeeded => Outcomes.Count(o => o.Succeeded);

    public IReadOnlyList<BuurtOutcome> Failed => Outcomes.Where(o => !o.Succeeded).ToList();

    /// <summary>0 when every buurt succeeded; otherwise the exit code of the first failure in buurt order.</summary>
    public int ExitCode => Outcomes.FirstOrDefault(o => !o.Succeeded)?.ExitCode ?? ExitCodes.Ok;
}

/// <summary>
/// Builds the scan of every buurt of a selection: the sources are read once and shared (they are never
/// changed), the buurten are built in parallel over the cores, and every buurt's folder is written
/// atomically on its own, so one failure costs only that buurt and an interrupted run leaves only
/// complete folders (and the previous quarter untouched).
/// </summary>
public static class BatchBuilder
{
    /// <summary>An unexpected exception in one buurt (a bug) fails that buurt with this code; the others still run.</summary>
    public const int BugExitCode = 70;

    public static BatchReport Run(BatchSettings settings, IBuildProgress progress)
    {
        var clock = Stopwatch.StartNew();
        var data = ScanBuilder.LoadData(settings.DataDirectory, settings.CacheDirectory);
        var profile = ScanBuilder.LoadProfile(settings.ProfileFile, data);
        var loadTime = clock.Elapsed;
        return Run(settings, data, profile, progress, loadTime);
    }

    /// <summary>Builds from data already loaded (the benchmark loads a generated data set with its own catalogue).</summary>
    public static BatchReport Run(BatchSettings settings, DataSet data, ScanProfile profile, IBuildProgress progress, TimeSpan loadTime = default)
    {
        var buurten = Select(data.Registry, settings.Selection);
        var period = ResolvePeriod(settings, data, profile);
        var folders = RunLayout.FolderNames(data.Registry);
        var outRoot = settings.ScansRoot ?? settings.OutRoot ?? BatchSettings.DefaultOutRoot;
        var targets = buurten.Select(b => period is { } p ? RunLayout.RunFolder(outRoot, folders[b.Ref], p) : Path.Combine(outRoot, folders[b.Ref])).ToList();

        // What a killed earlier run left behind is tidied once per folder, before anything is written.
        foreach (var parent in targets.Select(t => Path.GetDirectoryName(Path.GetFullPath(t))!).Distinct(StringComparer.Ordinal))
        {
            RunLayout.RemoveStaleTemporaries(parent);
        }

        var clock = Stopwatch.StartNew();
        // One resolver for every buurt: values, rankings and distributions are computed once and shared.
        var resolver = new Resolver(new ValueResolver(data));
        var drawnCharts = settings.Charts ? new Render.DrawnCharts() : null;
        var mapLayers = settings.Charts ? new Render.MapLayers() : null;
        var outcomes = new BuurtOutcome[buurten.Count];
        progress.Started(buurten.Count);
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.Jobs) };
        // One buurt at a time in code order, rather than a range of buurten per core: both cores then work in the
        // same gebied, whose buurten share choropleth layers and charts (on stadsdeel F, 375 of 503 layers reused
        // instead of 267 with ranges, keeping the same 16 layers).
        var inOrder = Partitioner.Create(Enumerable.Range(0, buurten.Count), EnumerablePartitionerOptions.NoBuffering);
        Parallel.ForEach(inOrder, options, i =>
        {
            outcomes[i] = BuildOne(settings, data, profile, resolver, drawnCharts, mapLayers, buurten[i], targets[i]);
            progress.Finished(buurten[i], outcomes[i].Error);
        });
        progress.Done();
        return new BatchReport(outcomes, period, outRoot, loadTime, clock.Elapsed, data.Skipped, data.Warnings);
    }

    /// <summary>One buurt or custom focus area (`build --buurt X --scans DIR`) into the kept-over-time layout.</summary>
    public static BuildReport BuildIntoLayout(BuildSettings settings, string scansRoot, string? periodText)
    {
        var data = ScanBuilder.LoadData(settings.DataDirectory, settings.CacheDirectory);
        var profile = ScanBuilder.LoadProfile(settings.ProfileFile, data);
        var custom = FocusAreas.Load(settings.AreasDirectory ?? ScanBuilder.DefaultAreasDirectory, data.Registry);
        var focus = ScanBuilder.FindFocus(data.Registry, custom, settings.Buurt);
        var batch = new BatchSettings(settings.DataDirectory, null, scansRoot, periodText, settings.ProfileFile, BatchSelection.All, settings.Charts, 1);
        var folder = focus.Area is { } area && RunLayout.FolderNames(data.Registry).TryGetValue(area, out var name) ? name : AreaFinder.Slug(focus.Name);
        var target = RunLayout.RunFolder(scansRoot, folder, ResolvePeriod(batch, data, profile)!.Value);
        RunLayout.RemoveStaleTemporaries(Path.GetDirectoryName(Path.GetFullPath(target))!);
        return ScanBuilder.Build(settings with { OutDirectory = target }, data, profile, focus);
    }

    /// <summary>The buurten of the selection, by code. Each filter names one area (code, name or slug) of its level.</summary>
    public static IReadOnlyList<Area> Select(AreaRegistry registry, BatchSelection selection)
    {
        IEnumerable<Area> buurten = registry.OfLevel(Level.Buurt);
        foreach (var (query, level) in new[] { (selection.Stadsdeel, Level.Stadsdeel), (selection.Gebied, Level.Gebied), (selection.Wijk, Level.Wijk) })
        {
            if (query is null) continue;
            var within = registry.BuurtenOf(Find(registry, query, level).Ref).Select(b => b.Ref).ToHashSet();
            buurten = buurten.Where(b => within.Contains(b.Ref));
        }

        var list = buurten.OrderBy(b => b.Code, StringComparer.Ordinal).ToList();
        if (list.Count == 0)
        {
            throw new BuurtscanException("the selection has no buurten (the stadsdeel, gebied and wijk given do not overlap)", ExitCodes.UnknownArea);
        }

        return list;
    }

    /// <summary>The label of the run in the kept-over-time layout: --period when given, else the quarter of the newest data.</summary>
    public static Period? ResolvePeriod(BatchSettings settings, DataSet data, ScanProfile profile)
    {
        if (settings.ScansRoot is null) return null;
        if (settings.Period is null) return RunLayout.DefaultPeriod(data, profile);
        return Period.TryParse(settings.Period, out var period)
            ? period
            : throw new BuurtscanException($"--period '{settings.Period}' is not a quarter (expected YYYY-Qn, e.g. 2024-Q1)", ExitCodes.Usage);
    }

    private static BuurtOutcome BuildOne(BatchSettings settings, DataSet data, ScanProfile profile, Resolver resolver, Render.DrawnCharts? drawnCharts, Render.MapLayers? mapLayers, Area buurt, string target)
    {
        try
        {
            var buildSettings = new BuildSettings(buurt.Code, settings.DataDirectory, target, settings.ProfileFile) { Charts = settings.Charts, Formats = settings.Formats, DrawnCharts = drawnCharts, MapLayers = mapLayers };
            var report = ScanBuilder.Build(buildSettings, data, profile, buurt, resolver);
            return new BuurtOutcome(buurt, target, report.Files.Count, null, ExitCodes.Ok, null);
        }
        catch (BuurtscanException e)
        {
            return new BuurtOutcome(buurt, target, 0, e.Message, e.ExitCode, null);
        }
#pragma warning disable CA1031 // One buurt's bug must not stop the others; it is reported with its stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new BuurtOutcome(buurt, target, 0, $"{e.GetType().Name}: {e.Message}", BugExitCode, e);
        }
    }

    private static Area Find(AreaRegistry registry, string query, Level level) => AreaFinder.Find(registry, query, level) switch
    {
        FindResult.Found found => found.Area,
        FindResult.Ambiguous ambiguous => throw new BuurtscanException(
            $"'{query}' matches more than one {level.Dutch()}: {string.Join(", ", ambiguous.Candidates.Take(10).Select(a => $"{a.Name} ({a.Code})"))}; use the code",
            ExitCodes.UnknownArea),
        FindResult.NotFound notFound => throw new BuurtscanException(
            $"no {level.Dutch()} matches '{query}'" + (notFound.Suggestions.Count > 0 ? $"; did you mean {string.Join(", ", notFound.Suggestions.Select(a => $"{a.Name} ({a.Code})"))}?" : ""),
            ExitCodes.UnknownArea),
        _ => throw new InvalidOperationException(),
    };
}
