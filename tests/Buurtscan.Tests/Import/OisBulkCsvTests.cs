using System.Text;
using Buurtscan.Areas;
using Buurtscan.Catalogue;
using Buurtscan.Domain;
using Buurtscan.Import;
using Buurtscan.Tests.Support;

namespace Buurtscan.Tests.Import;

/// <summary>
/// OIS statistieken as the bulk download unpacks them (`statistieken_v2_cijfers_openbaar.csv` with its
/// `statistieken_v2_indicatoren_openbaar.csv`) and as the API's `?_format=csv` writes them, on small invented files.
/// </summary>
public sealed class OisBulkCsvTests : IDisposable
{
    private static readonly Lazy<AreaRegistry> Registry = new(() =>
        AreaRegistry.Build(BoundaryReaders.ReadIndelingBuurt(TextFile.Read(Path.Combine(TestPaths.Samples, "gebieden", "INDELING_BUURT.csv"), "INDELING_BUURT.csv"))));

    private static readonly AreaRef FB08 = new(Division.Indeling2022, "FB08");

    /// <summary>As the bulk zip has them: `,`, every text quoted, a BOM, more columns than the reader needs, a comma inside a label.</summary>
    private const string Indicatoren = "\uFEFF\"Id\",\"Naam\",\"Label\",\"Thema\",\"Decimalen\"\n" +
        "2067,\"BEVTOTAAL\",\"Inwoners\",\"[\"\"Bevolking\"\"]\",0\n" +
        "3001,\"WLABELEFG_P\",\"Woningen met energielabel E, F of G (%)\",\"[\"\"Wonen\"\"]\",1\n" +
        "4100,\"BHDG_BINDAMS_P\",\"Koopkrachtbinding dagelijkse boodschappen in Amsterdam (%)\",\"[\"\"Economie\"\"]\",0\n";

    private const string Cijfers = "\uFEFF\"Id\",\"Gebiedtype\",\"Gebieddatum\",\"Gebiedcode\",\"Gebiednaam\",\"Tijdtype\",\"Begindatum\",\"Einddatum\",\"Indicatorid\",\"Waarde\"\n" +
        "1,\"Buurten\",\"2022-03-24\",\"FB08\",\"Wegener Sleeswijkbuurt\",\"Peildatum\",\"2025-01-01\",\"2025-01-01\",3001,23.4\n" +
        "2,\"Wijken\",\"2022-03-24\",\"FB\",\"Geuzenveld\",\"Peildatum\",\"2025-01-01\",\"2025-01-01\",3001,\n" +
        "3,\"Ggw-gebieden\",\"2022-03-24\",\"GF07\",\"Geuzenveld, Slotermeer\",\"Peildatum\",\"2025-01-01\",\"2025-01-01\",3001,NA\n" +
        "4,\"Stadsdelen\",\"2022-03-24\",\"F\",\"Nieuw-West\",\"Peildatum\",\"2025-01-01\",\"2025-01-01\",3001,x\n" +
        "5,\"Gemeente\",\"2022-03-24\",\"0363\",\"Amsterdam\",\"Peildatum\",\"2025-01-01\",\"2025-01-01\",3001,19.85\n" +
        "6,\"Buurten\",\"2022-03-24\",\"FB08\",\"Wegener Sleeswijkbuurt\",\"Peildatum\",\"2024-01-01\",\"2024-01-01\",2067,1485\n" +
        "7,\"Buurten\",\"2022-03-24\",\"FB08\",\"Wegener Sleeswijkbuurt\",\"Peildatum\",\"2024-01-01\",\"2024-01-01\",4100,12\n";

    private readonly TempFolder temp = new();

    public OisBulkCsvTests()
    {
        Directory.CreateDirectory(temp.Combine("gebieden"));
        foreach (var file in Directory.GetFiles(Path.Combine(TestPaths.Samples, "gebieden")))
        {
            File.Copy(file, temp.Combine("gebieden", Path.GetFileName(file)));
        }
    }

    public void Dispose() => temp.Dispose();

    private void Write(string name, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(temp.Combine(name))!);
        File.WriteAllText(temp.Combine(name), text, new UTF8Encoding(false));
    }

    private static MemoryStream Bytes(string text) => new(Encoding.UTF8.GetBytes(text));

    private static OisIndicatoren Names(string text, byte delimiter = (byte)',') => OisBulkCsv.ReadIndicatoren(Bytes(text), delimiter, "ind.csv");

    private static ImportResult Read(string cijfers, string indicatoren = Indicatoren, byte delimiter = (byte)',') =>
        OisBulkCsv.ReadCijfers(Bytes(cijfers), delimiter, "cijfers.csv", Registry.Value, IndicatorCatalogue.Default, Names(indicatoren, delimiter));

    private static Observation One(ImportResult result, string indicator, string code, int year) =>
        result.Observations.Single(o => o.IndicatorId == indicator && o.Area.Code == code && o.Year == year);

    [Fact]
    public void Bulk_members_Should_give_figures_by_the_names_of_their_indicator_ids()
    {
        var result = Read(Cijfers);

        One(result, "energielabel_efg_pct", "FB08", 2025).Value.ShouldBe(23.4);
        One(result, "energielabel_efg_pct", "FB08", 2025).Source.ShouldBe(new SourceRef("cijfers.csv", 2));
        One(result, "energielabel_efg_pct", "0363", 2025).Value.ShouldBe(19.85);
        One(result, "inwoners_ois", "FB08", 2024).Value.ShouldBe(1485);
        result.Observations.Select(o => o.Area).ShouldBe(
            [FB08, new(Division.Indeling2022, "FB"), new(Division.Indeling2022, "GF07"), new(Division.Indeling2022, "F"), BoundaryReaders.Amsterdam, FB08]);
        result.Source.Format.ShouldBe(OisBulkCsv.CijfersFormat);
        result.Source.Publisher.ShouldBe("Gemeente Amsterdam, OIS");
        result.Source.Licence.ShouldContain("geen licentie");
        result.Source.ReferenceDate.ShouldBe("2024, 2025");
        result.NotRead.ShouldBe(["BHDG_BINDAMS_P"]);
        result.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void Empty_NA_and_x_Should_be_missing_and_suppressed_as_in_the_other_OIS_files()
    {
        var result = Read(Cijfers);

        One(result, "energielabel_efg_pct", "FB", 2025).Status.ShouldBe(Status.Missing);
        One(result, "energielabel_efg_pct", "GF07", 2025).Status.ShouldBe(Status.Missing);
        One(result, "energielabel_efg_pct", "F", 2025).Status.ShouldBe(Status.Suppressed);
        result.Observations.Where(o => o.Status != Status.Ok).ShouldAllBe(o => o.Value == null);
    }

    [Fact]
    public void The_api_csv_Should_be_read_with_its_own_column_names_semicolons_and_decimal_commas()
    {
        const string names = "id;naam;label\n3001;WLABELEFG_P;Energielabel E, F of G\n";
        const string cijfers = "gebiedType;gebiedCode;begindatum;indicatorId;waarde\nBuurten;FB08;2025-01-01;3001;23,4\nwijken;FB;2025-01-01;3001;21,05\n";

        var result = Read(cijfers, names, (byte)';');

        One(result, "energielabel_efg_pct", "FB08", 2025).Value.ShouldBe(23.4);
        One(result, "energielabel_efg_pct", "FB", 2025).Value.ShouldBe(21.05);
    }

    [Fact]
    public void The_api_csv_with_commas_Should_be_read_with_decimal_points()
    {
        const string names = "id,naam\n3001,WLABELEFG_P\n";
        const string cijfers = "gebiedType,gebiedCode,begindatum,indicatorId,waarde\r\nBuurten,FB08,2025-01-01,3001,23.4\r\n";

        One(Read(cijfers, names), "energielabel_efg_pct", "FB08", 2025).Value.ShouldBe(23.4);
    }

    [Fact]
    public void Ids_the_indicatoren_do_not_list_Should_be_counted_in_a_warning_not_guessed()
    {
        var result = Read("Gebiedtype,Gebiedcode,Begindatum,Indicatorid,Waarde\nBuurten,FB08,2025-01-01,3001,23.4\nBuurten,FB08,2025-01-01,9999,1\nWijken,FB,2025-01-01,9999,2\n");

        result.Observations.ShouldHaveSingleItem();
        result.Warnings.ShouldBe(["cijfers.csv: 2 rows with indicator ids that ind.csv does not list were not used (9999)"]);
    }

    [Fact]
    public void A_gebieddatum_before_the_new_division_Should_give_codes_of_2015()
    {
        var result = Read("Gebiedtype,Gebieddatum,Gebiedcode,Begindatum,Indicatorid,Waarde\nBuurten,2015-01-01,F78a,2020-01-01,2067,1560\nBuurten,2022-03-24,FB08,2024-01-01,2067,1485\n");

        result.Observations.Select(o => (o.Area, o.Year)).ShouldBe([(new AreaRef(Division.Indeling2015, "F78a"), 2020), (FB08, 2024)]);
    }

    [Fact]
    public void Wijk_NA_Should_be_an_area_code_not_a_missing_value()
    {
        // Oostzanerwerf's wijk code is NA; the sample registry does not hold it, so the row is reported by its code.
        var result = Read("Gebiedtype,Gebiedcode,Begindatum,Indicatorid,Waarde\nWijken,NA,2025-01-01,3001,12.5\n");

        result.Observations.ShouldBeEmpty();
        result.Warnings.ShouldBe(["cijfers.csv: 1 rows with area codes outside the registry were not used (NA)"]);
    }

    [Fact]
    public void Other_kinds_of_area_Should_be_listed_as_not_read()
    {
        var result = Read("Gebiedtype,Gebiedcode,Begindatum,Indicatorid,Waarde\nWinkelgebieden,W012,2025-01-01,3001,3\nBuurten,FB08,2025-01-01,3001,23.4\n");

        result.Observations.ShouldHaveSingleItem().Area.ShouldBe(FB08);
        result.NotRead.ShouldContain("1 rows of Gebiedtype 'Winkelgebieden'");
    }

    [Theory]
    [InlineData("Buurten,FB08,2025-01-01,3001,veel", "cijfers.csv:3: field 'Waarde': 'veel' is not a number (expected a number or an empty cell)")]
    [InlineData("Buurten,FB08,20250101,3001,1", "cijfers.csv:3: field 'Begindatum': '20250101' is not a date (expected yyyy-mm-dd, e.g. 2024-01-01)")]
    [InlineData("Buurten,FB08,2025-01-01,WLABELEFG_P,1", "cijfers.csv:3: field 'Indicatorid': 'WLABELEFG_P' is not an indicator id (expected a whole number, e.g. 2067)")]
    [InlineData("Buurten,FB08,2025-01-01,3001", "cijfers.csv:3: the row has 4 fields, expected 5 as in the header; the file may be cut off")]
    [InlineData("Buurten,FB,2025-01-01,3001,1", "cijfers.csv:3: field 'Gebiedcode': 'FB' is a wijk code, but the Gebiedtype says buurt (expected a code of the Gebiedtype's level)")]
    public void A_bad_row_Should_name_the_file_the_line_and_what_was_expected(string row, string message)
    {
        var cijfers = "Gebiedtype,Gebiedcode,Begindatum,Indicatorid,Waarde\nBuurten,FB07,2025-01-01,3001,20\n" + row + "\n";

        Should.Throw<InputException>(() => Read(cijfers)).Message.ShouldBe(message);
    }

    [Fact]
    public void Indicatoren_that_name_one_id_twice_differently_Should_be_refused()
    {
        Should.Throw<InputException>(() => Names("Id,Naam\n1,BEVTOTAAL\n1,BEV0_17\n")).Message
            .ShouldBe("ind.csv:3: field 'Id': indicator id 1 is 'BEV0_17' here but 'BEVTOTAAL' on line 2 (expected one name per id)");
        Should.Throw<InputException>(() => Names("Id,Naam\nx,BEVTOTAAL\n")).Message.ShouldContain("ind.csv:2: field 'Id'");
    }

    [Fact]
    public void The_loader_Should_recognise_both_files_by_content_and_read_the_cijfers_with_the_indicatoren_beside_them()
    {
        Write("ois/cijfers-download.csv", Cijfers);
        Write("ois/namen.csv", Indicatoren);

        var data = DataLoader.Load(temp.Path);

        data.Observations.Single(o => o.IndicatorId == "energielabel_efg_pct" && o.Area == FB08).Value.ShouldBe(23.4);
        data.Files.Single(f => f.Path == "ois/cijfers-download.csv").Format.ShouldBe(OisBulkCsv.CijfersFormat);
        var names = data.Files.Single(f => f.Path == "ois/namen.csv");
        names.Role.ShouldBe(FileRole.Metadata);
        names.Summary.ShouldBe("names of 3 indicator ids for the cijfers beside it, 2 of them in the catalogue");
        data.Sources.Select(s => s.Path).ShouldContain("ois/namen.csv");
        data.Skipped.ShouldBeEmpty();
    }

    [Fact]
    public void Cijfers_without_indicatoren_in_their_folder_Should_be_bad_input_naming_what_is_missing()
    {
        Write("ois/statistieken_v2_cijfers_openbaar.csv", Cijfers);
        Write("elders/statistieken_v2_indicatoren_openbaar.csv", Indicatoren);

        var error = Should.Throw<InputException>(() => DataLoader.Load(temp.Path));

        error.File.ShouldBe("ois/statistieken_v2_cijfers_openbaar.csv");
        error.Line.ShouldBe(1);
        error.Message.ShouldContain("no OIS indicatoren file (header Id, Naam) in the same folder");
        var kept = DataLoader.Load(temp.Path, null, keepGoing: true);
        kept.Skipped.ShouldHaveSingleItem().Path.ShouldBe("ois/statistieken_v2_cijfers_openbaar.csv");
    }

    [Fact]
    public void Cijfers_beside_bad_indicatoren_Should_be_skipped_saying_why()
    {
        Write("ois/statistieken_v2_cijfers_openbaar.csv", Cijfers);
        Write("ois/statistieken_v2_indicatoren_openbaar.csv", "Id,Naam\n1,BEVTOTAAL\n2\n");

        var data = DataLoader.Load(temp.Path, null, keepGoing: true);

        data.Errors.ShouldHaveSingleItem().Message.ShouldStartWith("ois/statistieken_v2_indicatoren_openbaar.csv:3: the row has 1 fields");
        data.Skipped.Single(s => s.Path == "ois/statistieken_v2_cijfers_openbaar.csv").Reason
            .ShouldBe("the OIS indicatoren file beside it (ois/statistieken_v2_indicatoren_openbaar.csv) is bad input, so the indicator ids cannot be resolved");
    }

    [Theory]
    [InlineData("Gebiedtype,Gebiedcode,Begindatum,Indicatorid,Waarde", true, false)]
    [InlineData("\"gebiedType\";\"gebiedCode\";\"begindatum\";\"indicatorId\";\"waarde\"", true, false)]
    [InlineData("Id,Gebiedtype,Gebieddatum,Gebiedcode,Gebiednaam,Tijdtype,Begindatum,Einddatum,Indicatorid,Waarde", true, false)]
    [InlineData("Id,Naam", false, true)]
    [InlineData("\"id\";\"naam\";\"label\";\"definitie\"", false, true)]
    [InlineData("\"ID\",\"SoortMisdrijf\",\"WijkenEnBuurten\",\"Perioden\"", false, false)]
    [InlineData("jaar;gebiedcode15;variabele;waarde", false, false)]
    public void Headers_Should_be_recognised_without_regard_to_case_quotes_and_delimiter(string header, bool cijfers, bool indicatoren)
    {
        OisBulkCsv.RecognisesCijfers(header).ShouldBe(cijfers);
        OisBulkCsv.RecognisesIndicatoren(header).ShouldBe(indicatoren);
    }
}
