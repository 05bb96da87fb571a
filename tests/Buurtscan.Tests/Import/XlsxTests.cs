using System.IO.Compression;
using System.Text;
using Buurtscan.Areas;
using Buurtscan.Catalogue;
using Buurtscan.Domain;
using Buurtscan.Import;
using Buurtscan.Tests.Support;

namespace Buurtscan.Tests.Import;

public sealed class XlsxTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private string Save(byte[] bytes, string name = "book.xlsx")
    {
        var path = temp.Combine(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static readonly object?[][] DataRows =
    [
        ["Jaar", "Gebiedsindeling", "Code", "Naam", "Aanbod groen (1-10)"],
        [2023, "buurten", "FB08", "Wegener Sleeswijkbuurt", 6.7],
        [2021, "buurten", "FB08", "Wegener Sleeswijkbuurt", 7.9],
        [2023, "buurten", "FB07", "Bakemabuurt", null],
    ];

    private static readonly object?[][] MetaRows =
    [
        ["Indicator", "Aanbod groen (1-10) (ORGROEN_R)"],
        ["Definitie", "Gemiddeld rapportcijfer & meer"],
        ["Bron", "Wonen in Amsterdam"],
        ["Peildatum", "1 april"],
    ];

    [Theory]
    [InlineData(XlsxStrings.Shared)]
    [InlineData(XlsxStrings.Inline)]
    [InlineData(XlsxStrings.Formula)]
    public void Every_way_of_storing_text_Should_read_the_same(XlsxStrings strings)
    {
        var sheets = Xlsx.Read(Save(XlsxWriter.Write(strings, ("data", DataRows), ("metadata", MetaRows))), "book.xlsx");

        sheets.Select(s => s.Name).ShouldBe(["data", "metadata"]);
        sheets[0].Rows[1].Cells.ShouldBe(["2023", "buurten", "FB08", "Wegener Sleeswijkbuurt", "6.7"]);
        sheets[0].Rows[3][4].ShouldBeNull();
        sheets[0].Rows[3].Number.ShouldBe(4);
        sheets[1].Rows[1][1].ShouldBe("Gemiddeld rapportcijfer & meer");
    }

    [Fact]
    public void Rich_text_runs_Should_be_joined_and_phonetic_runs_left_out()
    {
        using var memory = new MemoryStream(XlsxWriter.Write(XlsxStrings.Shared, ("data", [["x"]])));
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry("xl/sharedStrings.xml")!.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("xl/sharedStrings.xml").Open(), new UTF8Encoding(false));
            writer.Write("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><r><rPr><b/></rPr><t>Energie</t></r><r><t xml:space=\"preserve\">label </t></r>" +
                "<rPh sb=\"0\" eb=\"1\"><t>phonetic</t></rPh><r><t>A</t></r></si></sst>");
        }

        Xlsx.Read(Save(memory.ToArray()), "book.xlsx")[0].Rows[0][0].ShouldBe("Energielabel A");
    }

    [Fact]
    public void Column_references_Should_count_from_A()
    {
        Xlsx.Column("A1").ShouldBe(0);
        Xlsx.Column("E12").ShouldBe(4);
        Xlsx.Column("AB3").ShouldBe(27);
        Should.Throw<InputException>(() => Xlsx.Column("12"));
    }

    [Fact]
    public void A_cut_off_workbook_Should_be_a_clear_input_error()
    {
        var bytes = XlsxWriter.Write(XlsxStrings.Shared, ("data", DataRows));
        var path = Save(bytes[..(bytes.Length / 2)], "cut.xlsx");

        var e = Should.Throw<InputException>(() => Xlsx.Read(path, "cut.xlsx"));
        e.Message.ShouldStartWith("cut.xlsx: not a readable .xlsx workbook");
    }

    [Fact]
    public void A_workbook_without_a_workbook_part_Should_say_what_was_expected()
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true)) zip.CreateEntry("hello.txt");

        Should.Throw<InputException>(() => Xlsx.Read(Save(memory.ToArray()), "x.xlsx")).Message.ShouldContain("expected an Excel .xlsx workbook");
    }

    [Fact]
    public void Gebied_in_beeld_Should_take_the_variable_from_the_metadata_sheet_and_leave_absent_areas_absent()
    {
        var registry = AreaRegistry.Build([]);
        var sheets = Xlsx.Read(Save(XlsxWriter.Write(XlsxStrings.Inline, ("data", DataRows), ("metadata", MetaRows))), "g.xlsx");

        var result = GebiedInBeeldXlsx.Read(sheets, "g.xlsx", "g.xlsx", "0", registry, IndicatorCatalogue.Default);

        result.Observations.Select(o => (o.IndicatorId, o.Area.Code, o.Year, o.Value, o.Status)).ShouldBe(
        [
            ("groen_aanbod", "FB08", 2023, (double?)6.7, Status.Ok),
            ("groen_aanbod", "FB08", 2021, 7.9, Status.Ok),
            ("groen_aanbod", "FB07", 2023, null, Status.Missing),
        ]);
        result.Observations[0].Source.ShouldBe(new SourceRef("g.xlsx", 2));
        result.Metadata.Single().Metadata.Definition.ShouldBe("Gemiddeld rapportcijfer & meer");
        result.Source.Table.ShouldBe("Gebied in beeld: Aanbod groen (1-10) (ORGROEN_R)");
    }

    [Fact]
    public void Gebied_in_beeld_with_a_bad_year_Should_name_the_row_and_field()
    {
        object?[][] rows = [DataRows[0], ["twintig", "buurten", "FB08", "x", 1.0]];
        var sheets = Xlsx.Read(Save(XlsxWriter.Write(XlsxStrings.Shared, ("data", rows), ("metadata", MetaRows))), "g.xlsx");

        var e = Should.Throw<InputException>(() => GebiedInBeeldXlsx.Read(sheets, "g.xlsx", "g.xlsx", "0", AreaRegistry.Build([]), IndicatorCatalogue.Default));
        e.Message.ShouldBe("g.xlsx:2: field 'Jaar': 'twintig' is not a year (expected e.g. 2024)");
    }

    [Fact]
    public void Gebied_in_beeld_of_an_unmapped_variable_Should_warn_not_guess()
    {
        object?[][] meta = [["Indicator", "Iets anders (XYZ_P)"]];
        var sheets = Xlsx.Read(Save(XlsxWriter.Write(XlsxStrings.Shared, ("data", DataRows), ("metadata", meta))), "g.xlsx");

        var result = GebiedInBeeldXlsx.Read(sheets, "g.xlsx", "g.xlsx", "0", AreaRegistry.Build([]), IndicatorCatalogue.Default);
        result.Observations.ShouldBeEmpty();
        result.Warnings.Single().ShouldContain("variable XYZ_P is not in the catalogue");
    }
}
