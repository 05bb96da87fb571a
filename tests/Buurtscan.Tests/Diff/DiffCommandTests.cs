using System.Text.Json;
using Buurtscan.Tests.Support;

namespace Buurtscan.Tests.Diff;

/// <summary>`buurtscan diff` end to end: two real runs of the example data, a quarter apart.</summary>
public sealed class DiffCommandTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private (string Old, string New) TwoRuns(string buurt = "FB08")
    {
        var first = Snapshots.First(temp.Combine("data-1"));
        var second = Snapshots.Second(temp.Combine("data-2"));
        Tool.Run("build", "--buurt", buurt, "--data", first, "--scans", temp.Combine("scans")).ExitCode.ShouldBe(0);
        Tool.Run("build", "--buurt", buurt, "--data", second, "--scans", temp.Combine("scans")).ExitCode.ShouldBe(0);
        var folder = Directory.GetDirectories(temp.Combine("scans")).Single();
        return (Path.Combine(folder, "2024-Q1"), Path.Combine(folder, "2025-Q1"));
    }

    [Fact]
    public void Diff_Should_separate_real_change_from_data_change()
    {
        // Given two runs of the Wegener Sleeswijkbuurt, built from data a quarter apart
        var (old, @new) = TwoRuns();

        // When they are compared
        var result = Tool.Run("diff", old, @new);

        // Then the report names the new period as a real change and the revision as a data change, and exits 1
        result.ExitCode.ShouldBe(1, result.Error);
        var report = result.Output;
        report.ShouldStartWith("# Wijzigingen in de buurtscan Wegener Sleeswijkbuurt (FB08)");
        var real = Section(report, "## Echte veranderingen in de buurt");
        var data = Section(report, "## Veranderingen in de gegevens");
        real.ShouldContain("| Inwoners | 1.500 (2024) | 1.620 (2025) | +120 (+8,0%) | buurt |");
        real.ShouldContain("Amsterdam 925.000 → 931.000");
        real.ShouldNotContain("65 jaar");
        data.ShouldContain("| herzien cijfer | 65 jaar of ouder | 255 (2024) | 300 (2024) | De bron heeft het cijfer over 2024 herzien: 255 → 300 (+45 (+17,6%)).");
        data.ShouldContain("| herzien cijfer | Aandeel 65 jaar of ouder | 17,0% (2024) | 20,0% (2024) |");
        data.ShouldNotContain("Inwoners");
        var sources = Section(report, "## Bronbestanden");
        sources.ShouldContain($"| `{Snapshots.File2024}` | Andere inhoud (SHA-256 ");
        sources.ShouldContain($"| `{Snapshots.File2025}` | Nieuw bestand. |");
        report.ShouldContain("| Run | 2024-Q1 | 2025-Q1 |");
    }

    [Fact]
    public void Diff_Should_report_a_figure_that_moved_to_the_wijk_because_the_buurt_value_became_secret()
    {
        var (old, @new) = TwoRuns("bakemabuurt");

        var result = Tool.Run("diff", old, @new);

        result.ExitCode.ShouldBe(1);
        var data = Section(result.Output, "## Veranderingen in de gegevens");
        data.ShouldContain("| ander niveau | 0 tot 15 jaar | 370 (2024) | 2.255 (2025) | Kwam uit de buurt (Bakemabuurt), nu uit de wijk (Geuzenveld), " +
            "want voor de buurt (Bakemabuurt) is er nu geen waarde (geheim of te klein om te tonen)");
    }

    [Fact]
    public void Diff_Should_write_the_JSON_form_with_every_change_classified()
    {
        var (old, @new) = TwoRuns();
        var file = temp.Combine("reports", "fb08.json");

        var result = Tool.Run("diff", old, @new, "--json", "--out", file);

        result.ExitCode.ShouldBe(1);
        result.Output.ShouldContain("geschreven naar");
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        var root = json.RootElement;
        root.GetProperty("areaCode").GetString().ShouldBe("FB08");
        root.GetProperty("notable").GetBoolean().ShouldBeTrue();
        root.GetProperty("old").GetProperty("label").GetString().ShouldBe("2024-Q1");
        var changes = root.GetProperty("changes").EnumerateArray().ToList();
        var inwoners = changes.Single(c => c.GetProperty("indicatorId").GetString() == "inwoners");
        inwoners.GetProperty("kind").GetString().ShouldBe("new-period");
        inwoners.GetProperty("nature").GetString().ShouldBe("real");
        inwoners.GetProperty("difference").GetDouble().ShouldBe(120);
        var revised = changes.Single(c => c.GetProperty("indicatorId").GetString() == "leeftijd_65plus");
        revised.GetProperty("kind").GetString().ShouldBe("revised");
        revised.GetProperty("nature").GetString().ShouldBe("data");
        changes.Count(c => c.GetProperty("kind").GetString() == "source-changed").ShouldBe(2);
        // Most important first: every notable change comes before every other change.
        var notable = changes.Select(c => c.GetProperty("notable").GetBoolean()).ToList();
        notable.ShouldBe(notable.OrderByDescending(n => n).ToList());
    }

    [Fact]
    public void Diff_Should_follow_the_min_change_threshold_and_exit_zero_when_asked()
    {
        var (old, @new) = TwoRuns();

        // A threshold above every change leaves only the changes that are always notable (none here).
        Tool.Run("diff", old, @new, "--min-change", "50").ExitCode.ShouldBe(0);
        var loose = Tool.Run("diff", old, @new, "--min-change", "50").Output;
        Section(loose, "## Echte veranderingen in de buurt").ShouldContain("Geen.");
        Section(loose, "## Kleine wijzigingen").ShouldContain("| nieuwe periode | Inwoners |");
        Tool.Run("diff", old, @new, "--exit-zero").ExitCode.ShouldBe(0);
    }

    [Fact]
    public void Diff_of_a_run_with_itself_Should_find_nothing_and_exit_0()
    {
        var (old, _) = TwoRuns();

        var result = Tool.Run("diff", old, Path.Combine(old, "scan.json"));

        result.ExitCode.ShouldBe(0);
        result.Output.ShouldContain("**Kort:** geen wijzigingen");
    }

    [Fact]
    public void Diff_previous_Should_compare_the_newest_run_with_the_one_before()
    {
        var (old, @new) = TwoRuns();

        var fromFolder = Tool.Run("diff", "--previous", Path.GetDirectoryName(@new)!);

        fromFolder.ExitCode.ShouldBe(1);
        fromFolder.Output.ShouldBe(Tool.Run("diff", old, @new).Output);
    }

    [Fact]
    public void Diff_Should_refuse_runs_of_different_buurten_and_write_nothing()
    {
        var data = Snapshots.First(temp.Combine("data"));
        Tool.Run("build", "--buurt", "FB08", "--data", data, "--out", temp.Combine("fb08")).ExitCode.ShouldBe(0);
        Tool.Run("build", "--buurt", "FB07", "--data", data, "--out", temp.Combine("fb07")).ExitCode.ShouldBe(0);
        var report = temp.Combine("report.md");

        var result = Tool.Run("diff", temp.Combine("fb08"), temp.Combine("fb07"), "--out", report);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("different areas: Wegener Sleeswijkbuurt (FB08) and Bakemabuurt (FB07)");
        File.Exists(report).ShouldBeFalse();
    }

    [Theory]
    [InlineData("schema", "against 99 (buurtscan")]
    [InlineData("profile", "different scan profiles")]
    [InlineData("missing", "scan.json: missing")]
    [InlineData("corrupt", "scan.json is damaged at line")]
    [InlineData("not-a-scan", "not a buurtscan scan.json")]
    [InlineData("manifest", "manifest.json is damaged")]
    public void Diff_Should_refuse_incomparable_or_damaged_runs_with_exit_2_and_write_nothing(string damage, string message)
    {
        var data = Snapshots.First(temp.Combine("data"));
        Tool.Run("build", "--buurt", "FB08", "--data", data, "--out", temp.Combine("old")).ExitCode.ShouldBe(0);
        Tool.Run("build", "--buurt", "FB08", "--data", data, "--out", temp.Combine("new")).ExitCode.ShouldBe(0);
        var scan = temp.Combine("new", "scan.json");
        var manifest = temp.Combine("new", "manifest.json");
        switch (damage)
        {
            case "schema":
                // As if the new run came from a buurtscan whose scan.json has another shape.
                foreach (var file in new[] { scan, manifest })
                {
                    File.WriteAllText(file, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(file), "\"schemaVersion\": \"[^\"]+\"", "\"schemaVersion\": \"99\""));
                }

                break;
            case "profile":
                File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"profile\": \"default\"", "\"profile\": \"wonen.csv\"", StringComparison.Ordinal));
                break;
            case "missing":
                File.Delete(scan);
                break;
            case "corrupt":
                File.WriteAllText(scan, File.ReadAllText(scan)[..500]);
                break;
            case "not-a-scan":
                File.WriteAllText(scan, "{\"hello\": 1}");
                break;
            case "manifest":
                File.WriteAllText(manifest, "{ not json");
                break;
        }

        var report = temp.Combine("report.md");
        var result = Tool.Run("diff", temp.Combine("old"), temp.Combine("new"), "--out", report);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain(message);
        result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(1);
        File.Exists(report).ShouldBeFalse();
    }

    [Theory]
    [InlineData("diff")]
    [InlineData("diff a")]
    [InlineData("diff a b --previous c")]
    [InlineData("diff --previous c --all")]
    [InlineData("diff a b --min-change -1")]
    public void Diff_Should_give_usage_errors_exit_2(string commandLine)
    {
        var result = Tool.Run(commandLine.Split(' '));

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldStartWith("buurtscan: ");
    }

    [Fact]
    public void Diff_all_Should_write_a_report_per_buurt_and_an_overview()
    {
        var first = Snapshots.First(temp.Combine("data-1"));
        var second = Snapshots.Second(temp.Combine("data-2"));
        var scans = temp.Combine("scans");
        Tool.Run("build", "--all", "--wijk", "FB", "--data", first, "--scans", scans, "--no-charts").ExitCode.ShouldBe(0);
        Tool.Run("build", "--all", "--wijk", "FB", "--data", second, "--scans", scans, "--no-charts").ExitCode.ShouldBe(0);
        Tool.Run("build", "--buurt", "FC01", "--data", second, "--scans", scans, "--no-charts").ExitCode.ShouldBe(0);
        var reports = temp.Combine("reports");

        var result = Tool.Run("diff", "--all", "--previous", scans, "--out", reports);

        result.ExitCode.ShouldBe(1, result.Error);
        File.ReadAllText(Path.Combine(reports, "wegener-sleeswijkbuurt.md")).ShouldContain("| Inwoners | 1.500 (2024) | 1.620 (2025) |");
        File.Exists(Path.Combine(reports, "wegener-sleeswijkbuurt.json")).ShouldBeTrue();
        File.Exists(Path.Combine(reports, "jan-de-louterbuurt.md")).ShouldBeFalse();
        var overview = File.ReadAllText(Path.Combine(reports, "overzicht.md"));
        overview.ShouldContain("| Wegener Sleeswijkbuurt | FB08 | 2024-Q1 | 2025-Q1 |");
        overview.ShouldContain("| jan-de-louterbuurt | | – | 2025-Q1 | | | | | eerste run, niets te vergelijken |");
        Tool.Run("diff", "--all", "--previous", scans, "--out", reports, "--exit-zero").ExitCode.ShouldBe(0);
    }

    /// <summary>The text of one `##` section, up to the next.</summary>
    private static string Section(string markdown, string heading)
    {
        var start = markdown.IndexOf(heading + "\n", StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0, $"section '{heading}' is missing");
        var end = markdown.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? markdown[start..] : markdown[start..end];
    }
}
