using Buurtscan.Domain;
using Buurtscan.Import;
using FsCheck;
using FsCheck.Fluent;

namespace Buurtscan.Tests.Import;

public sealed class CsvReaderTests
{
    [Fact]
    public void Quoted_fields_with_delimiters_quotes_and_line_breaks_Should_be_read_whole()
    {
        var csv = new CsvReader("a;\"b;c\";\"d\"\"e\"\r\n\"multi\nline\";2;3\n", "t.csv", ';');

        csv.Read().ShouldBeTrue();
        csv.GetRecord().ShouldBe(["a", "b;c", "d\"e"]);
        csv.LineNumber.ShouldBe(1);
        csv.Read().ShouldBeTrue();
        csv.GetRecord().ShouldBe(["multi\nline", "2", "3"]);
        csv.LineNumber.ShouldBe(2);
        csv.Read().ShouldBeFalse();
    }

    [Fact]
    public void Line_numbers_Should_count_physical_lines_across_embedded_breaks()
    {
        var csv = new CsvReader("h\n\"x\r\ny\r\nz\"\nnext\n", "t.csv", ',');
        csv.Read();
        csv.Read();
        csv.Read().ShouldBeTrue();
        csv.GetString(0).ShouldBe("next");
        csv.LineNumber.ShouldBe(5);
    }

    [Fact]
    public void Padded_cbs_codes_Should_be_trimmed()
    {
        var csv = new CsvReader("\"GM0363    \";  \"x\"  ;17942942\r\n", "t.csv", ';');
        csv.Read();
        csv.GetRecord().ShouldBe(["GM0363", "x", "17942942"]);
    }

    [Fact]
    public void An_unterminated_quote_Should_name_the_file_and_line()
    {
        var csv = new CsvReader("a;b\n\"open;c\n", "broken.csv", ';');
        csv.Read();

        var e = Should.Throw<InputException>(() => csv.Read());
        e.Message.ShouldBe("broken.csv:2: the file ends inside a quoted field (expected a closing \")");
    }

    [Theory]
    [InlineData("a;b;c\n", ';')]
    [InlineData("a,b,c\n", ',')]
    [InlineData("\"a;x\",b,c\n", ',')]
    [InlineData("a\tb\tc\n", '\t')]
    [InlineData("\"Wijken\nen buurten\",\"b\"\n", ',')]
    public void Delimiter_Should_be_detected_outside_quotes(string text, char expected) =>
        CsvReader.DetectDelimiter(text).ShouldBe(expected);

    [Fact]
    public void Written_records_Should_read_back_unchanged()
    {
        // Property: any table of fields, written as RFC 4180 with every field quoted, reads back the same.
        var field = ArbMap.Default.GeneratorFor<NonNull<string>>().Select(s => s.Get.Trim().Replace("\r", "", StringComparison.Ordinal));
        var table = Gen.NonEmptyListOf(Gen.ArrayOf(field, 3));
        Prop.ForAll(table.ToArbitrary(), rows =>
        {
            var text = string.Join("\r\n", rows.Select(r => string.Join(";", r.Select(f => "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")))) + "\r\n";
            var csv = new CsvReader(text, "p.csv", ';');
            var read = new List<string[]>();
            while (csv.Read()) read.Add(csv.GetRecord());
            return read.Count == rows.Count && read.Zip(rows).All(p => p.First.SequenceEqual(p.Second.Select(f => f.Trim())));
        }).Check(Config.QuickThrowOnFailure.WithReplay(12345, 67891).WithMaxTest(300));
    }

    [Fact]
    public void Mangled_input_Should_only_ever_raise_the_documented_error()
    {
        var chars = Gen.Elements('a', '1', ';', ',', '"', '\n', '\r', ' ', '.');
        var text = Gen.ArrayOf(chars).Select(cs => new string(cs));
        Prop.ForAll(text.ToArbitrary(), s =>
        {
            try
            {
                var csv = new CsvReader(s, "fuzz.csv", CsvReader.DetectDelimiter(s));
                while (csv.Read())
                {
                    for (var i = 0; i < csv.FieldCount; i++) _ = csv.GetString(i);
                }
            }
            catch (InputException)
            {
            }

            return true;
        }).Check(Config.QuickThrowOnFailure.WithReplay(4242, 2425).WithMaxTest(1000));
    }
}
