using Buurtscan.Cli;
using Buurtscan.Domain;
using Buurtscan.Tests.Support;

namespace Buurtscan.Tests.Cli;

/// <summary>The command line as a user meets it: output, exit codes, and what is (not) written.</summary>
public sealed class BuildCommandTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Build_from_the_samples_Should_write_the_chapter_and_its_data()
    {
        var outDir = temp.Combine("scan");

        var (code, output, _) = Run("build", "--buurt", "wegener-sleeswijk", "--data", TestPaths.Samples, "--out", outDir);

        code.ShouldBe(ExitCodes.Ok);
        output.ShouldContain("Wegener Sleeswijkbuurt (FB08)");
        output.ShouldContain("voorbeelddata");
        foreach (var file in new[] { "buurtscan.md", "scan.json", "figures.csv", "manifest.json", "maps/ligging.png", "maps/ligging.svg", "charts/bevolking-leeftijd.png", "charts/bevolking-leeftijd.svg" })
        {
            File.Exists(Path.Combine(outDir, file)).ShouldBeTrue(file);
        }

        File.ReadAllText(Path.Combine(outDir, "buurtscan.md")).ShouldStartWith("# Buurtscan Wegener Sleeswijkbuurt\n\n> **Let op: voorbeelddata.**");
    }

    [Fact]
    public void Two_builds_of_the_same_inputs_Should_be_byte_identical()
    {
        var first = temp.Combine("one");
        var second = temp.Combine("two");
        Run("build", "--buurt", "FB08", "--data", TestPaths.Samples, "--out", first).Code.ShouldBe(0);
        Run("build", "--buurt", "FB08", "--data", TestPaths.Samples, "--out", second).Code.ShouldBe(0);

        var files = Directory.GetFiles(first, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(first, f)).Order().ToList();
        files.Count.ShouldBeGreaterThan(5);
        Directory.GetFiles(second, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(second, f)).Order().ShouldBe(files);
        foreach (var file in files)
        {
            var a = File.ReadAllBytes(Path.Combine(first, file));
            var b = File.ReadAllBytes(Path.Combine(second, file));
            var at = a.AsSpan().CommonPrefixLength(b);
            (at == a.Length && a.Length == b.Length).ShouldBeTrue(
                $"{file} differs between two runs at byte {at}: '{System.Text.Encoding.UTF8.GetString(a, Math.Max(0, at - 40), Math.Min(80, a.Length - Math.Max(0, at - 40)))}'");
        }
    }

    [Fact]
    public void An_unknown_buurt_Should_suggest_the_closest_and_write_nothing()
    {
        var outDir = temp.Combine("scan");

        var (code, _, error) = Run("build", "--buurt", "wegner-sleswijk", "--data", TestPaths.Samples, "--out", outDir);

        code.ShouldBe(ExitCodes.UnknownArea);
        error.ShouldStartWith("buurtscan: no buurt matches 'wegner-sleswijk'; did you mean Wegener Sleeswijkbuurt (FB08, wegener-sleeswijkbuurt)");
        error.Trim().Split('\n').Length.ShouldBe(1);
        Directory.Exists(outDir).ShouldBeFalse();
    }

    [Fact]
    public void A_data_folder_without_boundaries_Should_say_what_is_missing()
    {
        var data = temp.Combine("data");
        Directory.CreateDirectory(data);
        File.Copy(Path.Combine(TestPaths.Samples, "cbs", "Kerncijfers_wijken_en_buurten_2024_11122025_141648.csv"), Path.Combine(data, "kwb.csv"));

        var (code, _, error) = Run("build", "--buurt", "FB08", "--data", data, "--out", temp.Combine("scan"));

        code.ShouldBe(ExitCodes.MissingData);
        error.ShouldContain("no area boundaries found");
        Directory.Exists(temp.Combine("scan")).ShouldBeFalse();
    }

    [Fact]
    public void A_boundary_file_with_the_wrong_delimiter_Should_name_file_line_and_expectation()
    {
        var data = CopySamples();
        var path = Path.Combine(data, "gebieden", "INDELING_BUURT.csv");
        File.WriteAllText(path, File.ReadAllText(path).Replace(';', '\t'));

        var (code, _, error) = Run("build", "--buurt", "FB08", "--data", data, "--out", temp.Combine("scan"));

        code.ShouldBe(ExitCodes.BadInput);
        error.ShouldBe("buurtscan: gebieden/INDELING_BUURT.csv:1: missing column 'Buurtcode' (expected the city's open-geodata header with ';' between columns)\n", StringCompareShould.IgnoreLineEndings);
    }

    [Fact]
    public void A_boundary_file_with_a_missing_column_Should_name_file_line_and_column()
    {
        var data = CopySamples();
        var path = Path.Combine(data, "gebieden", "INDELING_BUURT.csv");
        File.WriteAllText(path, File.ReadAllText(path).Replace("WKT_LNG_LAT", "GEOMETRIE", StringComparison.Ordinal));

        var (code, _, error) = Run("build", "--buurt", "FB08", "--data", data, "--out", temp.Combine("scan"));

        code.ShouldBe(ExitCodes.BadInput);
        error.ShouldContain("buurtscan: gebieden/INDELING_BUURT.csv:1: missing column 'WKT_LNG_LAT'");
    }

    [Fact]
    public void A_failed_build_Should_leave_the_previous_scan_untouched()
    {
        var outDir = temp.Combine("scan");
        Run("build", "--buurt", "FB08", "--data", TestPaths.Samples, "--out", outDir).Code.ShouldBe(0);
        var before = File.ReadAllBytes(Path.Combine(outDir, "scan.json"));
        var data = CopySamples();
        var path = Path.Combine(data, "cbs", "Kerncijfers_wijken_en_buurten_2024_11122025_141648.csv");
        File.WriteAllText(path, File.ReadAllText(path).Replace(";1500;", ";15x0;", StringComparison.Ordinal));

        var (code, _, _) = Run("build", "--buurt", "FB08", "--data", data, "--out", outDir);

        code.ShouldBe(ExitCodes.BadInput);
        File.ReadAllBytes(Path.Combine(outDir, "scan.json")).ShouldBe(before);
        Directory.GetDirectories(temp.Path).ShouldAllBe(d => !Path.GetFileName(d).StartsWith('.'));
    }

    [Fact]
    public void An_unknown_option_Should_be_a_usage_error()
    {
        var (code, _, error) = Run("build", "--buurt", "FB08", "--colour", "red");

        code.ShouldBe(ExitCodes.Usage);
        error.ShouldContain("--colour");
    }

    [Theory]
    [InlineData("build --all -j 2 -j 3", "-j")]
    [InlineData("build --all --jobs two", "two")]
    [InlineData("build --buurt FB08 --buurt FB07", "--buurt")]
    [InlineData("diff a b --min-change 1 --min-change 2", "--min-change")]
    [InlineData("diff a b --min-change veel", "veel")]
    public void An_option_given_twice_or_with_a_wrong_value_Should_be_a_usage_error_naming_it(string commandLine, string named)
    {
        var (code, output, error) = Run([.. commandLine.Split(' '), "--out", temp.Combine("out")]);

        code.ShouldBe(ExitCodes.Usage, error);
        error.ShouldStartWith("buurtscan: ");
        error.ShouldContain(named);
        output.ShouldBeEmpty();
        Directory.Exists(temp.Combine("out")).ShouldBeFalse();
    }

    [Fact]
    public void Areas_Should_list_matches_with_codes_and_parent_chain()
    {
        var (code, output, _) = Run("areas", "sleeswijk", "--data", TestPaths.Samples);

        code.ShouldBe(0);
        var lines = output.TrimEnd().Split('\n');
        lines.Length.ShouldBe(2);
        lines[1].ShouldBe("FB08\tBU0363FB08\tWegener Sleeswijkbuurt\tbuurt\twegener-sleeswijkbuurt\twijk FB Geuzenveld > gebied GF07 Geuzenveld, Slotermeer > stadsdeel F Nieuw-West > gemeente 0363 Amsterdam");
    }

    [Fact]
    public void Areas_by_level_Should_list_only_that_level()
    {
        var (code, output, _) = Run("areas", "--level", "wijk", "--data", TestPaths.Samples);

        code.ShouldBe(0);
        output.TrimEnd().Split('\n').Skip(1).Select(l => l.Split('\t')[0]).ShouldBe(["AA", "BA", "FB", "FC"]);
    }

    [Fact]
    public void Areas_with_an_unknown_name_Should_suggest_and_fail()
    {
        var (code, _, error) = Run("areas", "geuzenvelt", "--data", TestPaths.Samples);

        code.ShouldBe(ExitCodes.UnknownArea);
        error.ShouldContain("did you mean Geuzenveld (FB");
    }

    private string CopySamples()
    {
        var target = temp.Combine("data");
        foreach (var file in Directory.GetFiles(TestPaths.Samples, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(TestPaths.Samples, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }
}
