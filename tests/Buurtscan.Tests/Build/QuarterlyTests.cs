using System.Text.Json;
using Buurtscan.Tests.Support;

namespace Buurtscan.Tests.Build;

/// <summary>
/// The quarterly job as CI runs it: scripts/quarterly.sh on two data snapshots a quarter apart, then on the
/// second again. The workflow and `make quarterly` call the same script, so this is their test too.
/// </summary>
public sealed class QuarterlyTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private (int ExitCode, string Output, string Error) Quarterly(string data) => ChildProcess.Run(
        "bash",
        [Path.Combine(TestPaths.RepoRoot, "scripts", "quarterly.sh")],
        new Dictionary<string, string>
        {
            ["DATA"] = data,
            ["SCANS"] = temp.Combine("scans"),
            ["PUBLISH"] = temp.Combine("publish"),
            ["BUURTSCAN"] = ChildProcess.BuurtscanCommand,
        });

    [Fact]
    public void Two_quarters_Should_give_chapters_and_a_change_report_that_separates_real_from_data_change()
    {
        var first = Snapshots.First(temp.Combine("data-1"));
        var second = Snapshots.Second(temp.Combine("data-2"));
        var publish = temp.Combine("publish");

        // The first quarter: every buurt's chapter, nothing to compare with yet
        var one = Quarterly(first);
        one.ExitCode.ShouldBe(0, one.Error + one.Output);
        File.Exists(Path.Combine(publish, "buurtscans", "wegener-sleeswijkbuurt", "buurtscan.md")).ShouldBeTrue();
        File.ReadAllText(Path.Combine(publish, "wijzigingen", "overzicht.md")).ShouldContain("| wegener-sleeswijkbuurt | | – | 2024-Q1 | | | | | eerste run, niets te vergelijken |");

        // The second quarter: new data, a revision and a suppressed figure
        var two = Quarterly(second);
        two.ExitCode.ShouldBe(0, two.Error + two.Output);
        Directory.GetDirectories(temp.Combine("scans", "wegener-sleeswijkbuurt")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ShouldBe(["2024-Q1", "2025-Q1"]);
        var report = File.ReadAllText(Path.Combine(publish, "wijzigingen", "wegener-sleeswijkbuurt.md"));
        report.ShouldContain("| Run | 2024-Q1 | 2025-Q1 |");
        var real = report[report.IndexOf("## Echte veranderingen", StringComparison.Ordinal)..report.IndexOf("## Veranderingen in de gegevens", StringComparison.Ordinal)];
        real.ShouldContain("| Inwoners | 1.500 (2024) | 1.620 (2025) | +120 (+8,0%) | buurt |");
        real.ShouldNotContain("65 jaar");
        var data = report[report.IndexOf("## Veranderingen in de gegevens", StringComparison.Ordinal)..];
        data.ShouldContain("| herzien cijfer | 65 jaar of ouder | 255 (2024) | 300 (2024) |");
        data.ShouldContain("Nieuw bestand.");
        using (var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(publish, "wijzigingen", "wegener-sleeswijkbuurt.json"))))
        {
            json.RootElement.GetProperty("counts").GetProperty("real").GetInt32().ShouldBeGreaterThan(0);
            json.RootElement.GetProperty("counts").GetProperty("data").GetInt32().ShouldBeGreaterThan(0);
        }

        File.ReadAllText(Path.Combine(publish, "wijzigingen", "bakemabuurt.md")).ShouldContain("| ander niveau | 0 tot 15 jaar |");
        var overview = File.ReadAllText(Path.Combine(publish, "wijzigingen", "overzicht.md"));
        overview.ShouldContain("| Wegener Sleeswijkbuurt | FB08 | 2024-Q1 | 2025-Q1 |");
        overview.ShouldContain("[wegener-sleeswijkbuurt.md](wegener-sleeswijkbuurt.md)");
        // The published chapter is the newest quarter's
        File.ReadAllText(Path.Combine(publish, "buurtscans", "wegener-sleeswijkbuurt", "buurtscan.md")).ShouldContain("1.620");
        File.Exists(Path.Combine(publish, "buurtscans", "wegener-sleeswijkbuurt", "maps", "ligging.png")).ShouldBeTrue();

        // The same quarter again: byte-identical runs and reports, and no changes between the run and its rerun
        var scansBefore = Snapshots.Contents(temp.Combine("scans"));
        var publishBefore = Snapshots.Contents(publish);
        var three = Quarterly(second);
        three.ExitCode.ShouldBe(0, three.Error);
        var scansAfter = Snapshots.Contents(temp.Combine("scans"));
        var publishAfter = Snapshots.Contents(publish);
        scansAfter.Keys.ShouldBe(scansBefore.Keys);
        publishAfter.Keys.ShouldBe(publishBefore.Keys);
        foreach (var (path, bytes) in scansBefore) scansAfter[path].ShouldBe(bytes, path);
        foreach (var (path, bytes) in publishBefore) publishAfter[path].ShouldBe(bytes, path);
        Directory.GetDirectories(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal).ShouldBe(["data-1", "data-2", "publish", "scans"]);
    }

    [Fact]
    public void A_quarter_built_twice_Should_be_byte_identical_and_diff_to_no_changes()
    {
        var data = Snapshots.Second(temp.Combine("data"));
        Tool.Run("build", "--all", "--data", data, "--scans", temp.Combine("a")).ExitCode.ShouldBe(0);
        Tool.Run("build", "--all", "--data", data, "--scans", temp.Combine("b")).ExitCode.ShouldBe(0);

        var a = Snapshots.Contents(temp.Combine("a"));
        var b = Snapshots.Contents(temp.Combine("b"));
        b.Keys.ShouldBe(a.Keys);
        foreach (var (path, bytes) in a) b[path].ShouldBe(bytes, path);
        var diff = Tool.Run("diff", temp.Combine("a", "wegener-sleeswijkbuurt", "2025-Q1"), temp.Combine("b", "wegener-sleeswijkbuurt", "2025-Q1"));
        diff.ExitCode.ShouldBe(0);
        diff.Output.ShouldContain("geen wijzigingen");
    }

    [Fact]
    public void A_build_that_fails_Should_fail_the_job_and_leave_the_publication_alone()
    {
        Directory.CreateDirectory(temp.Combine("publish"));
        File.WriteAllText(temp.Combine("publish", "vorige.md"), "vorig kwartaal");

        var result = Quarterly(temp.Combine("bestaat-niet"));

        result.ExitCode.ShouldBe(5);
        result.Error.ShouldContain("data folder");
        File.ReadAllText(temp.Combine("publish", "vorige.md")).ShouldBe("vorig kwartaal");
    }

    [Fact]
    public void The_workflow_Should_run_the_same_script_at_the_start_of_every_quarter()
    {
        var workflow = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, ".github", "workflows", "quarterly-buurtscan.yml"));

        workflow.ShouldContain("cron: \"0 5 1 1,4,7,10 *\"");
        workflow.ShouldContain("run: scripts/quarterly.sh");
        workflow.ShouldContain("actions/upload-artifact@");
        File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "Makefile")).ShouldContain("scripts/quarterly.sh");
    }
}
