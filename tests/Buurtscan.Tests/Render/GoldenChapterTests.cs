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

        foreach (var file in new[] { "buurtscan.md", "figures.csv", "scan.json" })
        {
            Golden.Verify("wegener-sleeswijk/" + file, File.ReadAllText(Path.Combine(outDir, file)));
        }

        foreach (var chart in Directory.GetFiles(Path.Combine(outDir, "charts"), "*.csv").Order(StringComparer.Ordinal))
        {
            Golden.Verify("wegener-sleeswijk/charts/" + Path.GetFileName(chart), File.ReadAllText(chart));
        }
    }
}
