using System.Security.Cryptography;
using System.Text;
using Buurtscan.Domain;
using Buurtscan.Import;

namespace Buurtscan.Tests.Import;

public sealed class ByteCsvReaderTests
{
    private static ByteCsvReader Reader(byte[] bytes, char delimiter = ';') => new(new MemoryStream(bytes), "t.csv", (byte)delimiter);

    private static ByteCsvReader Reader(string text, char delimiter = ';') => Reader(Encoding.UTF8.GetBytes(text), delimiter);

    private static List<(int Line, string[] Fields)> All(ByteCsvReader csv)
    {
        var rows = new List<(int, string[])>();
        while (csv.Read()) rows.Add((csv.LineNumber, Enumerable.Range(0, csv.FieldCount).Select(csv.GetString).ToArray()));
        return rows;
    }

    [Fact]
    public void Quoted_fields_Should_keep_delimiters_doubled_quotes_and_line_breaks()
    {
        var rows = All(Reader("a;\"b;c\";\"d\"\"e\"\r\n\"multi\r\nline\";2;3\nlast;;\n"));

        rows.Select(r => r.Fields).ShouldBe([["a", "b;c", "d\"e"], ["multi\r\nline", "2", "3"], ["last", "", ""]]);
        rows.Select(r => r.Line).ShouldBe([1, 2, 4]);
    }

    [Fact]
    public void Blank_lines_a_bom_and_a_missing_final_break_Should_be_handled()
    {
        var rows = All(Reader([0xEF, 0xBB, 0xBF, .. "jaar,code\n\n2015,F\r\n\r\n2016,F"u8], ','));

        rows.Select(r => (r.Line, string.Join("|", r.Fields))).ShouldBe([(1, "jaar|code"), (3, "2015|F"), (5, "2016|F")]);
    }

    [Fact]
    public void Records_across_chunk_boundaries_Should_be_read_whole_and_hashed_once()
    {
        var text = new StringBuilder("jaar;gebiedcode15;variabele;waarde\n");
        for (var i = 0; i < 120_000; i++) text.Append(2000 + i % 20).Append(";F78a;\"BEV;TOTAAL\";").Append(i).Append('\n');
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        bytes.Length.ShouldBeGreaterThan(3 * 1024 * 1024);

        using var csv = Reader(bytes);
        var count = 0;
        long sum = 0;
        csv.Read();
        while (csv.Read())
        {
            csv.FieldCount.ShouldBe(4);
            csv.GetString(2).ShouldBe("BEV;TOTAAL");
            sum += long.Parse(csv.GetString(3), System.Globalization.CultureInfo.InvariantCulture);
            count++;
        }

        count.ShouldBe(120_000);
        sum.ShouldBe(120_000L * 119_999 / 2);
        csv.LineNumber.ShouldBe(120_001);
        csv.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    [Fact]
    public void A_file_cut_off_inside_quotes_Should_name_the_line()
    {
        using var csv = Reader("a;b\n1;\"open\n");
        csv.Read();

        var e = Should.Throw<InputException>(() => csv.Read());
        e.Line.ShouldBe(2);
        e.Message.ShouldContain("ends inside a quoted field");
    }

    [Fact]
    public void A_binary_file_Should_be_refused_with_a_clear_message()
    {
        using var csv = Reader([(byte)'P', (byte)'K', 3, 4, 0, 0, 1]);

        Should.Throw<InputException>(() => csv.Read()).Message.ShouldContain("binary file");
    }

    [Fact]
    public void Windows_1252_Should_be_detected_and_decoded()
    {
        var bytes = Encoding.GetEncoding(1252).GetBytes("naam;code\nBelgiëplein e.o.;F88g\n");
        using var csv = Reader(bytes);
        csv.Read();
        csv.Read();

        csv.Encoding.CodePage.ShouldBe(1252);
        csv.GetString(0).ShouldBe("Belgiëplein e.o.");
        Span<char> chars = stackalloc char[32];
        csv.TryGetChars(0, chars, out var n).ShouldBeTrue();
        chars[..n].ToString().ShouldBe("Belgiëplein e.o.");
    }

    [Theory]
    [InlineData("12", false, 12.0)]
    [InlineData(" 1.5 ", false, 1.5)]
    [InlineData("1,5", false, 1.5)]
    [InlineData("40,56", true, 40.56)]
    [InlineData("-0.602", false, -0.602)]
    public void Numbers_Should_parse_with_point_or_comma(string text, bool decimalComma, double expected)
    {
        Utf8Numbers.ParseCell(Encoding.UTF8.GetBytes(text), decimalComma, "f", 1, "v").ShouldBe(((double?)expected, Status.Ok));
    }

    [Theory]
    [InlineData("", Status.Missing)]
    [InlineData(".", Status.Missing)]
    [InlineData("NA", Status.Missing)]
    [InlineData("x", Status.Suppressed)]
    [InlineData("-99997", Status.Suppressed)]
    [InlineData("-99995", Status.Later)]
    [InlineData("-99991", Status.NotAtLevel)]
    public void Missing_and_special_values_Should_never_be_zero(string text, Status status)
    {
        Utf8Numbers.ParseCell(Encoding.UTF8.GetBytes(text), false, "f", 1, "v").ShouldBe(((double?)null, status));
    }

    [Fact]
    public void A_number_that_does_not_parse_Should_name_file_line_field_and_what_was_expected()
    {
        var e = Should.Throw<InputException>(() => Utf8Numbers.ParseCell("12a"u8, false, "bbga.csv", 7, "waarde"));

        e.Message.ShouldBe("bbga.csv:7: field 'waarde': '12a' is not a number (expected a number or an empty cell)");
    }
}
