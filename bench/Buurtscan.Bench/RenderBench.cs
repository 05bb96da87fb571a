using System.Diagnostics;
using System.Globalization;
using Buurtscan.Build;
using Buurtscan.Render;
using Buurtscan.Resolve;
using static Buurtscan.Bench.BenchSupport;

namespace Buurtscan.Bench;

/// <summary>
/// `bench render`: a complete `buurtscan build` of one buurt on the real data, as a child process (wall time of the
/// whole process, median of several runs), then the time of each chart, map and page drawn in-process.
/// Options: --buurt FB08, --data ../shared/data, --runs 7.
/// </summary>
public static class RenderBench
{
    public static int Run(string[] args)
    {
        var buurt = Arg(args, "--buurt", "FB08");
        var runs = int.Parse(Arg(args, "--runs", "7"), CultureInfo.InvariantCulture);
        var data = Arg(args, "--data", Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data")));
        if (!Directory.Exists(data))
        {
            Console.Error.WriteLine($"bench render: no data at {data} (use --data)");
            return 5;
        }

        var temp = Path.Combine(Path.GetTempPath(), "buurtscan-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        try
        {
            WholeBuild(data, buurt, runs, temp);
            Parts(data, buurt, runs, temp);
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }

        return 0;
    }

    /// <summary>The whole process, as built by `dotnet build -c Release` (native code or ReadyToRun, see the project file).</summary>
    private static void WholeBuild(string data, string buurt, int runs, string temp)
    {
        if (!File.Exists(Executable))
        {
            Console.WriteLine($"build --buurt {buurt} (Release build): {Executable} is missing");
            return;
        }

        // With the data cache as a user has it after the first build on these files, and reading the folder afresh.
        var environment = new Dictionary<string, string> { ["BUURTSCAN_CACHE"] = Path.Combine(temp, "cache") };
        foreach (var cached in new[] { true, false })
        {
            var times = new List<double>();
            for (var i = 0; i <= runs; i++)
            {
                string[] arguments = ["build", "--buurt", buurt, "--data", data, "--out", Path.Combine(temp, "whole"), "--format", "md,html", .. cached ? Array.Empty<string>() : ["--no-cache"]];
                var (exitCode, wall, _, error) = RunChild(Executable, arguments, environment);
                if (exitCode != 0) throw new InvalidOperationException($"buurtscan build failed ({exitCode}): {error}");
                if (i > 0) times.Add(wall.TotalMilliseconds); // the first run warms the file cache (and fills the data cache)
            }

            var files = Directory.GetFiles(Path.Combine(temp, "whole"), "*", SearchOption.AllDirectories).Length;
            var how = cached ? "data cache filled" : "--no-cache";
            Console.WriteLine($"build --buurt {buurt} --format md,html (Release build, {how}, whole process, {files} files): median {Median(times):F0} ms, min {times.Min():F0} ms, max {times.Max():F0} ms over {runs} runs");
        }
    }

    private static void Parts(string data, string buurt, int runs, string temp)
    {
        var watch = Stopwatch.StartNew();
        var dataSet = ScanBuilder.LoadData(data);
        var load = watch.Elapsed.TotalMilliseconds;
        var focus = ScanBuilder.FindBuurt(dataSet.Registry, buurt);
        watch.Restart();
        var scan = Resolver.Resolve(dataSet, FocusTarget.Of(focus), ScanBuilder.LoadProfile(null, dataSet), ScanBuilder.ToolVersion);
        var resolve = watch.Elapsed.TotalMilliseconds;
        Console.WriteLine($"in-process: load {load:F0} ms (first, cold), resolve {resolve:F0} ms (first, cold)");
        Report("load (warm)", runs, () => ScanBuilder.LoadData(data));
        Report("load from the data cache (warm)", runs, () => ScanBuilder.LoadData(data, Path.Combine(temp, "cache")));
        Report("resolve (warm)", runs, () => Resolver.Resolve(dataSet, FocusTarget.Of(focus), ScanBuilder.LoadProfile(null, dataSet), ScanBuilder.ToolVersion));

        var folder = Directory.CreateDirectory(Path.Combine(temp, "parts")).FullName;
        // A scan writes each file once, into a new folder (OutputFolder.WriteNew): so does every call here.
        var calls = 0;
        string NewFolder() => Directory.CreateDirectory(Path.Combine(folder, (++calls).ToString(CultureInfo.InvariantCulture))).FullName;
        var charts = ChartBuilder.For(scan);
        foreach (var chart in charts)
        {
            Report($"chart {chart.Name}", runs, () => Charts.Save(chart, NewFolder()));
        }

        IReadOnlyList<MapSpec> maps = [];
        Report("map specs (all maps)", runs, () => maps = ScanBuilder.MapsFor(scan, dataSet, focus));
        foreach (var map in maps)
        {
            MapPlan plan = null!;
            Report($"map {map.Name}: layout", runs, () => plan = MapPlanner.Plan(map));
            Report($"map {map.Name}: drawing only", runs, () =>
            {
                using var surface = SkiaSharp.SKSurface.Create(new SkiaSharp.SKImageInfo(plan.Width, plan.Height, SkiaSharp.SKColorType.Rgba8888, SkiaSharp.SKAlphaType.Opaque));
                MapPainter.Draw(surface.Canvas, plan);
            });
            Report($"map {map.Name}: png", runs, () => MapPainter.Png(plan));
            Report($"map {map.Name}: svg", runs, () => MapSvg.Of(plan));
            Report($"map {map.Name}: all files", runs, () => Maps.Save(map, NewFolder()));
        }

        GebiedChoropleths(dataSet, focus, runs);

        var markdown = ChapterRenderer.Markdown(scan, charts, maps.FirstOrDefault(), maps);
        Report("area.geojson", runs, () => AreaGeoJson.Write(dataSet.Registry.Chain(focus.Ref)));
        Report("buurtscan.html", runs, () => HtmlChapter.Page(markdown, folder, ScanBuilder.ToolVersion));
    }

    /// <summary>
    /// The choropleths' PNGs of every buurt of the focus's gebied, as `build --all` draws them: each map whole, and
    /// with the layers the gebied's buurten have in common drawn once (<see cref="MapLayers"/>). Checks that both give the same bytes.
    /// </summary>
    private static void GebiedChoropleths(Buurtscan.Import.DataSet dataSet, Buurtscan.Domain.Area focus, int runs)
    {
        var gebied = dataSet.Registry.Chain(focus.Ref).FirstOrDefault(a => a.Level == Buurtscan.Domain.Level.Gebied);
        if (gebied is null) return;
        var profile = ScanBuilder.LoadProfile(null, dataSet);
        var buurten = dataSet.Registry.BuurtenOf(gebied.Ref).Where(b => b.Geometry is not null).ToList();
        var plans = buurten
            .SelectMany(b => ScanBuilder.MapsFor(Resolver.Resolve(dataSet, FocusTarget.Of(b), profile, ScanBuilder.ToolVersion), dataSet, b))
            .Where(m => m.Choropleth is not null).Select(MapPlanner.Plan).ToList();
        var whole = plans.Select(p => MapPainter.Png(p)).ToList();
        var layers = new MapLayers();
        for (var i = 0; i < plans.Count; i++)
        {
            if (!MapPainter.Png(plans[i], layers).AsSpan().SequenceEqual(whole[i])) throw new InvalidOperationException($"{plans[i].Spec.Name}: drawn in layers, the PNG differs");
        }

        var what = $"choropleth PNGs of the {buurten.Count} buurten of gebied {gebied.Code} ({plans.Count} maps";
        Report($"{what}, each whole)", runs, () => plans.ForEach(p => MapPainter.Png(p)));
        Report($"{what}, common layers shared: {layers.Counts.Drawn} drawn)", runs, () =>
        {
            var shared = new MapLayers();
            plans.ForEach(p => MapPainter.Png(p, shared));
        });
    }

    /// <summary>
    /// The first call apart: it also compiles, and pays for what later calls find memoised (the label rooms of a
    /// map), which is what a single build pays. The A3 map's layout, for one, takes over 100 ms the first time
    /// and under 10 ms after.
    /// </summary>
    private static void Report(string what, int runs, Action action)
    {
        var first = Stopwatch.StartNew();
        action();
        var firstTime = first.Elapsed.TotalMilliseconds;
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine($"  {what}: median {Median(times):F1} ms (first call {firstTime:F1} ms)");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
