using System.Text.Json;
using Buurtscan.Build;
using Buurtscan.Domain;
using Buurtscan.Render;
using Buurtscan.Tests.Support;

namespace Buurtscan.Tests.Build;

/// <summary>`buurtscan build --all`: every buurt of a selection, in parallel, one failure costing only itself.</summary>
public sealed class BatchBuilderTests : IDisposable
{
    private static readonly string[] SampleBuurten =
        ["AA01", "AA02", "BA01", "FB01", "FB02", "FB03", "FB04", "FB05", "FB06", "FB07", "FB08", "FB99", "FC01", "FC02", "FC03"];

    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private static List<string> ScannedCodes(string root) => Directory.GetDirectories(root)
        .Where(d => !Path.GetFileName(d).StartsWith('.'))
        .Select(d => JsonDocument.Parse(File.ReadAllText(Path.Combine(d, "scan.json"))).RootElement.GetProperty("focus").GetProperty("code").GetString()!)
        .Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void Build_all_Should_write_a_complete_scan_for_every_buurt_and_a_summary()
    {
        var result = Tool.Run("build", "--data", TestPaths.Samples, "--all", "--out", temp.Combine("out"));

        result.ExitCode.ShouldBe(0, result.Error);
        ScannedCodes(temp.Combine("out")).ShouldBe(SampleBuurten);
        var fb08 = temp.Combine("out", "wegener-sleeswijkbuurt");
        foreach (var file in new[] { "buurtscan.md", "scan.json", "figures.csv", "manifest.json", "charts/bevolking-leeftijd.png", "maps/ligging.svg" })
        {
            File.Exists(Path.Combine(fb08, file)).ShouldBeTrue(file);
        }

        result.Output.ShouldContain("buurtscan --all: 15 buurten in ");
        result.Output.ShouldContain("15 gelukt, 0 mislukt");
    }

    [Theory]
    [InlineData("--wijk", "FB", "FB01 FB02 FB03 FB04 FB05 FB06 FB07 FB08 FB99")]
    [InlineData("--wijk", "geuzenveld", "FB01 FB02 FB03 FB04 FB05 FB06 FB07 FB08 FB99")]
    [InlineData("--gebied", "GF07", "FB01 FB02 FB03 FB04 FB05 FB06 FB07 FB08 FB99 FC01 FC02 FC03")]
    [InlineData("--stadsdeel", "A", "AA01 AA02")]
    [InlineData("--stadsdeel", "B", "BA01")]
    public void Build_all_Should_build_only_the_buurten_of_the_selection(string option, string value, string expected)
    {
        var result = Tool.Run("build", "--data", TestPaths.Samples, "--all", option, value, "--out", temp.Combine("out"), "--no-charts");

        result.ExitCode.ShouldBe(0, result.Error);
        ScannedCodes(temp.Combine("out")).ShouldBe(expected.Split(' '));
    }

    [Fact]
    public void Filters_that_do_not_overlap_or_name_nothing_Should_fail_with_exit_code_3()
    {
        var none = Tool.Run("build", "--data", TestPaths.Samples, "--all", "--stadsdeel", "A", "--wijk", "FB", "--out", temp.Combine("out"));
        var unknown = Tool.Run("build", "--data", TestPaths.Samples, "--all", "--wijk", "Geuzenvelt", "--out", temp.Combine("out"));

        none.ExitCode.ShouldBe(3);
        none.Error.ShouldContain("the selection has no buurten");
        unknown.ExitCode.ShouldBe(3);
        unknown.Error.ShouldContain("no wijk matches 'Geuzenvelt'; did you mean Geuzenveld (FB)");
        Directory.Exists(temp.Combine("out")).ShouldBeFalse();
    }

    [Fact]
    public void One_failing_buurt_Should_be_reported_while_the_others_complete()
    {
        // Given a file where the Bakemabuurt's folder should go, so that one buurt cannot be written
        Directory.CreateDirectory(temp.Combine("out"));
        File.WriteAllText(temp.Combine("out", "bakemabuurt"), "in de weg");

        // When every buurt is built
        var result = Tool.Run("build", "--data", TestPaths.Samples, "--all", "--out", temp.Combine("out"), "--no-charts");

        // Then that buurt fails with its own exit code, named on standard error, and every other buurt is complete
        result.ExitCode.ShouldBe(ExitCodes.OutputFailed);
        result.Error.ShouldContain("buurtscan: mislukt: FB07 Bakemabuurt: '");
        result.Error.ShouldContain("bakemabuurt' is a file; --out must name a folder");
        result.Output.ShouldContain("14 gelukt, 1 mislukt");
        File.ReadAllText(temp.Combine("out", "bakemabuurt")).ShouldBe("in de weg");
        Directory.GetDirectories(temp.Combine("out")).Length.ShouldBe(14);
        foreach (var folder in Directory.GetDirectories(temp.Combine("out"))) File.Exists(Path.Combine(folder, "manifest.json")).ShouldBeTrue();
    }

    [Fact]
    public void Progress_Should_go_to_standard_error_as_plain_lines_and_never_into_the_files()
    {
        var result = Tool.Run("build", "--data", TestPaths.Samples, "--all", "--out", temp.Combine("out"), "--no-charts");

        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("buurtscan: 15 buurten bouwen");
        lines[^1].ShouldBe("buurtscan: 15/15 buurten (100%)");
        lines.Length.ShouldBeLessThanOrEqualTo(12); // a line per tenth of the work, not per buurt
        result.Error.ShouldNotContain("\r");
        result.Output.ShouldNotContain("buurten bouwen");
        foreach (var file in Directory.EnumerateFiles(temp.Combine("out"), "*", SearchOption.AllDirectories))
        {
            File.ReadAllText(file).ShouldNotContain("buurten bouwen");
        }
    }

    [Fact]
    public void Progress_on_a_terminal_Should_be_a_bar_redrawn_in_place_and_cleared_at_the_end()
    {
        using var error = new StringWriter();
        var progress = BuildProgress.For(error, terminal: true);
        var data = Buurtscan.Import.DataLoader.Load(TestPaths.Samples);
        var buurten = BatchBuilder.Select(data.Registry, BatchSelection.All);

        progress.Started(buurten.Count);
        foreach (var buurt in buurten) progress.Finished(buurt, buurt.Code == "FB07" ? "kapot" : null);
        progress.Done();

        var text = error.ToString();
        text.ShouldStartWith("\r[..............................] 0/15   0% ");
        text.ShouldContain("\r[##############################] 15/15 100% FC03 Confuciusbuurt");
        text.ShouldContain("buurtscan: mislukt: FB07 Bakemabuurt: kapot\n");
        text.ShouldEndWith("\r");
    }

    [Fact]
    public void No_charts_Should_leave_out_charts_and_maps_and_the_images_in_the_chapter()
    {
        Tool.Run("build", "--data", TestPaths.Samples, "--all", "--wijk", "FB", "--out", temp.Combine("out"), "--no-charts").ExitCode.ShouldBe(0);

        var fb08 = temp.Combine("out", "wegener-sleeswijkbuurt");
        Directory.Exists(Path.Combine(fb08, "charts")).ShouldBeFalse();
        Directory.Exists(Path.Combine(fb08, "maps")).ShouldBeFalse();
        File.ReadAllText(Path.Combine(fb08, "buurtscan.md")).ShouldNotContain("![");
        File.ReadAllText(Path.Combine(fb08, "buurtscan.md")).ShouldContain("| Inwoners |");
    }

    [Fact]
    public void Build_all_Should_write_every_chapter_in_the_formats_asked_for()
    {
        var result = Tool.Run("build", "--data", TestPaths.Samples, "--all", "--wijk", "FB", "--out", temp.Combine("out"), "--no-charts", "--format", "md,html");

        result.ExitCode.ShouldBe(0, result.Error);
        foreach (var folder in Directory.GetDirectories(temp.Combine("out")))
        {
            File.Exists(Path.Combine(folder, "buurtscan.md")).ShouldBeTrue(folder);
            File.Exists(Path.Combine(folder, "buurtscan.html")).ShouldBeTrue(folder);
        }
    }

    [Fact]
    public void Parallel_and_sequential_runs_Should_write_byte_identical_files()
    {
        Tool.Run("build", "--data", TestPaths.Samples, "--all", "--out", temp.Combine("one"), "-j", "1").ExitCode.ShouldBe(0);
        Tool.Run("build", "--data", TestPaths.Samples, "--all", "--out", temp.Combine("many"), "-j", "4").ExitCode.ShouldBe(0);

        var one = Snapshots.Contents(temp.Combine("one"));
        var many = Snapshots.Contents(temp.Combine("many"));
        many.Keys.ShouldBe(one.Keys);
        foreach (var (path, bytes) in one) many[path].ShouldBe(bytes, path);
    }

    [Fact]
    public void A_run_over_an_earlier_run_Should_replace_every_folder_whole_and_leave_no_old_copies()
    {
        string[] args = ["build", "--data", TestPaths.Samples, "--all", "--wijk", "FB", "--no-charts"];
        Tool.Run([.. args, "--out", temp.Combine("fresh")]).ExitCode.ShouldBe(0);
        Tool.Run([.. args, "--out", temp.Combine("again")]).ExitCode.ShouldBe(0);
        File.WriteAllText(temp.Combine("again", "wegener-sleeswijkbuurt", "stray.txt"), "not part of a scan");

        var result = Tool.Run([.. args, "--out", temp.Combine("again")]);

        result.ExitCode.ShouldBe(0, result.Error);
        Directory.EnumerateFileSystemEntries(temp.Combine("again")).Select(Path.GetFileName).Where(n => n!.StartsWith('.')).ShouldBeEmpty();
        var fresh = Snapshots.Contents(temp.Combine("fresh"));
        var again = Snapshots.Contents(temp.Combine("again"));
        again.Keys.ShouldBe(fresh.Keys); // the stray file went with the folder it was in
        foreach (var (path, bytes) in fresh) again[path].ShouldBe(bytes, path);
    }

    [Fact]
    public void Charts_drawn_once_for_several_buurten_Should_be_the_bytes_a_build_of_each_buurt_alone_writes()
    {
        Tool.Run("build", "--data", TestPaths.Samples, "--all", "--out", temp.Combine("all")).ExitCode.ShouldBe(0);

        // These two buurten show the same city-level chart (sociale-kracht-vergelijking-2); the run drew it once.
        foreach (var buurt in new[] { "wegener-sleeswijkbuurt", "bakemabuurt" })
        {
            Tool.Run("build", "--data", TestPaths.Samples, "--buurt", buurt, "--out", temp.Combine("alone", buurt)).ExitCode.ShouldBe(0);
            var alone = Snapshots.Contents(temp.Combine("alone", buurt, "charts"));
            var inRun = Snapshots.Contents(temp.Combine("all", buurt, "charts"));
            inRun.Keys.ShouldBe(alone.Keys);
            foreach (var (path, bytes) in alone) inRun[path].AsSpan().SequenceEqual(bytes).ShouldBeTrue($"{buurt}/{path}");
        }

        File.ReadAllBytes(temp.Combine("all", "bakemabuurt", "charts", "sociale-kracht-vergelijking-2.png")).AsSpan()
            .SequenceEqual(File.ReadAllBytes(temp.Combine("all", "wegener-sleeswijkbuurt", "charts", "sociale-kracht-vergelijking-2.png"))).ShouldBeTrue();
    }

    [Theory]
    [InlineData("build")]
    [InlineData("build --buurt FB08 --all")]
    [InlineData("build --buurt FB08 --wijk FB")]
    [InlineData("build --all --period 2024-Q1")]
    [InlineData("build --all --scans s --period 2024-Q5")]
    [InlineData("build --all --scans s --out o")]
    [InlineData("build --all --jobs 0")]
    public void Wrong_combinations_of_options_Should_be_usage_errors(string commandLine)
    {
        var result = Tool.Run(commandLine.Split(' '));

        result.ExitCode.ShouldBe(ExitCodes.Usage);
        result.Error.ShouldStartWith("buurtscan: ");
        Directory.Exists("s").ShouldBeFalse();
    }

    [Fact]
    public void A_single_buurt_Should_go_into_the_scans_layout_with_the_quarter_of_its_data()
    {
        var result = Tool.Run("build", "--data", TestPaths.Samples, "--buurt", "wegener-sleeswijk", "--scans", temp.Combine("scans"));

        result.ExitCode.ShouldBe(0, result.Error);
        File.Exists(temp.Combine("scans", "wegener-sleeswijkbuurt", "2024-Q1", "scan.json")).ShouldBeTrue();
        Tool.Run("build", "--data", TestPaths.Samples, "--buurt", "FB08", "--scans", temp.Combine("scans"), "--period", "2024-Q3").ExitCode.ShouldBe(0);
        RunLayout.Runs(temp.Combine("scans", "wegener-sleeswijkbuurt")).Select(r => r.Period.ToString()).ShouldBe(["2024-Q1", "2024-Q3"]);
    }

    [Fact]
    public void A_custom_focus_area_Should_go_into_the_scans_layout_under_its_slug()
    {
        var result = Tool.Run("build", "--data", TestPaths.Samples, "--buurt", "geuzenveld-zuid", "--areas", Path.Combine(TestPaths.Samples, "areas"),
            "--scans", temp.Combine("scans"), "--no-charts");

        result.ExitCode.ShouldBe(0, result.Error);
        File.ReadAllText(temp.Combine("scans", "geuzenveld-zuid", "2024-Q1", "scan.json")).ShouldContain("\"code\": \"GZ\"");
    }

    [Fact]
    public void Build_all_Should_build_every_buurt_of_Amsterdam_from_the_real_data()
    {
        // Without charts to keep the test quick; `make bench` times the full run with charts and maps.
        var result = Tool.Run("build", "--all", "--data", TestPaths.SharedData, "--scans", temp.Combine("scans"), "--no-charts");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Output.ShouldContain("518 buurten in ");
        result.Output.ShouldContain("518 gelukt, 0 mislukt");
        var folders = Directory.GetDirectories(temp.Combine("scans"));
        folders.Length.ShouldBe(518);
        var fb08 = ScanJson.Deserialize(File.ReadAllText(temp.Combine("scans", "wegener-sleeswijkbuurt", "2024-Q1", "scan.json")));
        fb08.Focus.Code.ShouldBe("FB08");
        fb08.Themes.SelectMany(t => t.Figures).Single(f => f.IndicatorId == "inwoners").Value.ShouldBe(1485);
        foreach (var folder in folders) RunLayout.Runs(folder).Single().Period.ShouldBe(new Period(2024, 1));
    }

    [Fact]
    public void Build_all_Should_draw_charts_and_maps_for_a_wijk_of_the_real_data()
    {
        var result = Tool.Run("build", "--all", "--wijk", "FB", "--data", TestPaths.SharedData, "--out", temp.Combine("out"));

        result.ExitCode.ShouldBe(0, result.Error);
        var folders = Directory.GetDirectories(temp.Combine("out"));
        folders.Length.ShouldBeGreaterThan(5);
        foreach (var folder in folders)
        {
            File.Exists(Path.Combine(folder, "maps", "ligging.png")).ShouldBeTrue(folder);
            File.ReadAllText(Path.Combine(folder, "buurtscan.md")).ShouldContain("](maps/ligging.png)");
        }
    }
}
