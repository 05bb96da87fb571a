using Buurtscan.Build;
using Buurtscan.Tests.Support;

namespace Buurtscan.Tests.Render;

/// <summary>The chapter built from data-samples/, compared with committed expected files.</summary>
public sealed class GoldenChapterTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Chapter_from_the_samples_Should_match_the_golden_files()
    {
        var outDir = temp.Combine("scan");
        ScanBuilder.Build(new BuildSettings("wegener-sleeswijk", TestPaths.Samples, outDir, null));

        foreach (var file in new[] { "buurtscan.md", "figures.csv", "scan.json", "area.geojson" })
        {
            Golden.Verify("wegener-sleeswijk/" + file, File.ReadAllText(Path.Combine(outDir, file)));
        }

        var charts = Directory.GetFiles(Path.Combine(outDir, "charts"), "*.csv").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Golden.Verify("wegener-sleeswijk/charts.txt", string.Join("\n", charts) + "\n");
        foreach (var chart in charts)
        {
            Golden.Verify("wegener-sleeswijk/charts/" + chart, File.ReadAllText(Path.Combine(outDir, "charts", chart!)));
        }

        // The data behind every map (choropleth classes and values; the areas on each map and how each is named), not pixels.
        var maps = Directory.GetFiles(Path.Combine(outDir, "maps"), "*.csv").Order(StringComparer.Ordinal).ToList();
        Golden.Verify("wegener-sleeswijk/maps.txt", string.Join("\n", maps.Select(Path.GetFileName)) + "\n");
        foreach (var map in maps)
        {
            Golden.Verify("wegener-sleeswijk/maps/" + Path.GetFileName(map), File.ReadAllText(map));
        }
    }
}
