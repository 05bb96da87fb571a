using System.Text;
using Buurtscan.Cli;
using Buurtscan.Domain;
using Buurtscan.Import;
using Buurtscan.Tests.Support;

namespace Buurtscan.Tests.Import;

/// <summary>
/// The cases of docs/importers.md ("Bad input"), each in a data folder of its own beside the sample boundaries: what is
/// fatal stops the load with file, line, field and what was expected; what is a warning is said and the rest read.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TempFolder temp = new();

    public BadInputTests()
    {
        Directory.CreateDirectory(temp.Combine("gebieden"));
        foreach (var file in Directory.GetFiles(Path.Combine(TestPaths.Samples, "gebieden")))
        {
            File.Copy(file, temp.Combine("gebieden", Path.GetFileName(file)));
        }
    }

    public void Dispose() => temp.Dispose();

    private void Write(string name, string text) => File.WriteAllText(temp.Combine(name), text, new UTF8Encoding(false));

    private InputException Fatal() => Should.Throw<InputException>(() => DataLoader.Load(temp.Path));

    private const string Bbga = "jaar;gebiedcode22;variabele;waarde\n";

    [Fact]
    public void An_empty_file_Should_be_skipped_with_that_reason()
    {
        Write("leeg.csv", "");
        Write("spaties.csv", " \r\n\r\n");

        var data = DataLoader.Load(temp.Path);
        data.Skipped.ShouldContain(new SkippedFile("leeg.csv", "empty file (0 bytes)"));
        data.Skipped.ShouldContain(new SkippedFile("spaties.csv", "empty file (only white space)"));
    }

    [Fact]
    public void A_binary_file_with_a_csv_name_Should_be_skipped_as_binary()
    {
        File.WriteAllBytes(temp.Combine("werkblad.csv"), [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]);

        DataLoader.Load(temp.Path).Skipped.ShouldContain(s => s.Path == "werkblad.csv" && s.Reason.Contains("binary file", StringComparison.Ordinal));
    }

    [Fact]
    public void A_truncated_long_file_Should_be_fatal_and_name_the_line()
    {
        Write("bbga.csv", Bbga + "2020;FB08;BEVTOTAAL;1500\n2021;FB08;BEVTOT");

        var e = Fatal();
        e.Message.ShouldBe("bbga.csv:3: the row has 3 fields, expected 4 (jaar, gebiedcode22, variabele, waarde); the file may be cut off");
    }

    [Fact]
    public void A_file_cut_off_inside_quotes_Should_be_fatal()
    {
        Write("Kerncijfers_wijken_en_buurten_2024.csv", "\"Wijken en buurten\";\"Regioaanduiding/Codering (code)\";\"Bevolking/Aantal inwoners (aantal)\"\n\"X\";\"BU0363FB08\";1500\n\"Y\";\"BU0363FB");

        var e = Fatal();
        e.File.ShouldBe("Kerncijfers_wijken_en_buurten_2024.csv");
        e.Line.ShouldBe(3);
        e.Message.ShouldContain("ends inside a quoted field");
    }

    [Fact]
    public void A_row_with_too_few_fields_Should_be_fatal()
    {
        Write("Kerncijfers_wijken_en_buurten_2024.csv", "\"Wijken en buurten\";\"Regioaanduiding/Codering (code)\";\"Bevolking/Aantal inwoners (aantal)\"\n\"X\";\"BU0363FB08\"\n");

        Fatal().Message.ShouldBe("Kerncijfers_wijken_en_buurten_2024.csv:2: the row has 2 fields, expected 3 as in the header");
    }

    [Fact]
    public void A_number_that_does_not_parse_Should_be_fatal_and_name_the_field()
    {
        Write("bbga.csv", Bbga + "2020;FB08;BEVTOTAAL;veel\n");

        Fatal().Message.ShouldBe("bbga.csv:2: field 'waarde': 'veel' is not a number (expected a number or an empty cell)");
    }

    [Fact]
    public void An_unknown_code_Should_be_a_warning_and_the_rest_read()
    {
        Write("bbga.csv", Bbga + "2020;FB08;BEVTOTAAL;1500\n2020;QQ77;BEVTOTAAL;12\n2020;QQ77;BEVTOTAAL_X;12\n");

        var data = DataLoader.Load(temp.Path);
        data.Observations.Single(o => o.IndicatorId == "inwoners_ois").Value.ShouldBe(1500);
        data.Warnings.ShouldContain("bbga.csv: 1 rows with area codes outside the registry were not used (QQ77)");
    }

    [Fact]
    public void A_duplicated_observation_with_another_value_in_one_file_Should_be_fatal()
    {
        Write("bbga.csv", Bbga + "2020;FB08;BEVTOTAAL;1500\n2020;FB08;BEVTOTAAL;1600\n");

        Fatal().Message.ShouldBe("bbga.csv:3: a second, different value for inwoners_ois, FB08, 2020: 1600 here, 1500 on line 2 (expected one value per area and year)");
    }

    [Fact]
    public void The_same_figure_in_two_files_Should_be_kept_once_and_different_figures_Should_be_a_warning()
    {
        Write("a.csv", Bbga + "2020;FB08;BEVTOTAAL;1500\n2021;FB08;BEVTOTAAL;1510\n2022;FB08;BEVTOTAAL;\n");
        Write("b.csv", Bbga + "2020;FB08;BEVTOTAAL;1500\n2021;FB08;BEVTOTAAL;1520\n2022;FB08;BEVTOTAAL;1530\n");

        var data = DataLoader.Load(temp.Path);
        data.Observations.Where(o => o.IndicatorId == "inwoners_ois").OrderBy(o => o.Year).Select(o => (o.Year, o.Value, o.Source.File))
            .ShouldBe([(2020, (double?)1500, "a.csv"), (2021, 1510, "a.csv"), (2022, null, "a.csv")]);
        data.Warnings.ShouldBe(["a.csv and b.csv disagree on 2 figures (e.g. inwoners_ois FB08 2021: 1510 at line 3 against 1520 at line 3); the figures of a.csv are used"]);
    }

    [Fact]
    public void Bad_files_Should_be_listed_by_sources_which_exits_with_code_4()
    {
        Write("bbga.csv", Bbga + "2020;FB08;BEVTOTAAL;veel\n");
        Write("goed.csv", Bbga + "2020;FB08;BEVTOTAAL;1500\n");
        var output = new StringWriter();

        CommandLine.Run(["sources", "--data", temp.Path], output, new StringWriter()).ShouldBe(ExitCodes.BadInput);
        output.ToString().ShouldContain("  bbga.csv: bad input: bbga.csv:2: field 'waarde': 'veel' is not a number");
        output.ToString().ShouldContain("goed.csv\n  formaat: OIS BBGA, long format");
    }

    [Fact]
    public void A_build_on_a_bad_file_Should_fail_with_one_line_and_exit_code_4()
    {
        Write("bbga.csv", Bbga + "2020;FB08;BEVTOTAAL;veel\n");
        var error = new StringWriter();

        CommandLine.Run(["build", "--buurt", "FB08", "--data", temp.Path, "--out", temp.Combine("out")], new StringWriter(), error).ShouldBe(ExitCodes.BadInput);
        error.ToString().ShouldBe("buurtscan: bbga.csv:2: field 'waarde': 'veel' is not a number (expected a number or an empty cell)\n");
    }

    [Fact]
    public void A_comma_resave_with_crlf_Should_read_like_the_original()
    {
        Write("bbga.csv", "jaar,gebiedcode22,variabele,waarde\r\n2020,FB08,BEVTOTAAL,1500\r\n2020,FB08,BEV65PLUS_P,16.5\r\n");

        var data = DataLoader.Load(temp.Path);
        data.Observations.Select(o => (o.IndicatorId, o.Value)).Order().ShouldBe([("aandeel_65plus_ois", (double?)16.5), ("inwoners_ois", 1500)]);
    }

    [Fact]
    public void Statistieken_with_a_bad_date_Should_name_the_field()
    {
        Write("stat.csv", "\"\";\"spatial_code\";\"spatial_name\";\"spatial_type\";\"spatial_date\";\"temporal_date\";\"temporal_type\";\"measure\";\"value\"\n" +
            "\"1\";\"GF07\";\"Geuzenveld, Slotermeer\";\"gebieden\";\"20220324\";\"2024-01-01\";\"peildatum\";\"BHDG_BINDGEB_P\";65,36\n");

        Fatal().Message.ShouldBe("stat.csv:2: field 'temporal_date': '2024-01-01' is not a date (expected yyyymmdd, e.g. 20240101)");
    }
}
