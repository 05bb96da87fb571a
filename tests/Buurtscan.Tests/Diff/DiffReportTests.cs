using Buurtscan.Diff;
using Buurtscan.Domain;
using Buurtscan.Resolve;
using Buurtscan.Tests.Support;

namespace Buurtscan.Tests.Diff;

/// <summary>The Markdown and JSON reports, golden-tested on a diff that has one change of nearly every kind.</summary>
public sealed class DiffReportTests
{
    private static ScanDiffResult EveryKind()
    {
        var old = TestScans.Scan;
        var wijk = old.Figure("leeftijd_0_15").Comparisons.Single(c => c.Level == Level.Wijk);
        var city = old.Figure("aandeel_65plus").Comparisons.Single(c => c.Level == Level.Gemeente).Value!.Value;
        var @new = (old with { ToolVersion = "0.2.0" })
            .With("inwoners", f => f.Next(1620).WithComparison(Level.Gemeente, 931_000))
            .With("mannen", f => f.Next(745))
            .With("vrouwen", f => f with { Value = 790 })
            .With("leeftijd_0_15", f => (f with { Value = wijk.Value, Level = Level.Wijk, AreaCode = wijk.Code, AreaName = wijk.Name })
                .WithComparison(Level.Buurt, null, FigureStatus.Suppressed))
            .With("leeftijd_15_25", f => f with { Value = null, Status = FigureStatus.Suppressed, Level = null, AreaCode = null, AreaName = null })
            .With("aandeel_65plus", f => f.WithComparison(Level.Gemeente, city + 2.5))
            .Without("aandeel_vrouwen");
        var manifest = TestScans.Manifest;
        var newManifest = manifest with
        {
            Inputs = manifest.Inputs.Select(i => i.Path == "cbs/Kerncijfers_wijken_en_buurten_2024_11122025_141648.csv" ? i with { Sha256 = new string('a', 64) } : i).ToList(),
        };
        return ScanDiff.Compare(old, @new, manifest, newManifest, new DiffOptions());
    }

    [Fact]
    public void Markdown_report_Should_match_the_golden_file()
    {
        Golden.Verify("diff/every-kind.md", DiffReport.Markdown(EveryKind(), new RunLabels("2024-Q1", "2025-Q1")));
    }

    [Fact]
    public void Json_report_Should_match_the_golden_file()
    {
        Golden.Verify("diff/every-kind.json", DiffReport.Json(EveryKind(), new RunLabels("2024-Q1", "2025-Q1")));
    }

    [Fact]
    public void Report_of_no_changes_Should_say_so()
    {
        var diff = ScanDiff.Compare(TestScans.Scan, TestScans.Scan, TestScans.Manifest, TestScans.Manifest, new DiffOptions());

        var markdown = DiffReport.Markdown(diff, new RunLabels("2024-Q1", "2024-Q2"));

        markdown.ShouldContain("**Kort:** geen wijzigingen: beide runs geven dezelfde cijfers uit dezelfde bestanden.");
        markdown.ShouldNotContain("## Soorten wijzigingen");
    }
}
