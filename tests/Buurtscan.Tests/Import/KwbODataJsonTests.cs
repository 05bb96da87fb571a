using System.Text.Json;
using Buurtscan.Catalogue;
using Buurtscan.Domain;
using Buurtscan.Import;
using Buurtscan.Tests.Support;
using FsCheck.Xunit;

namespace Buurtscan.Tests.Import;

public class KwbODataJsonTests
{
    private static string OdataSample => Path.Combine(TestPaths.Samples, "cbs", "odata", "85984NED");

    private static string Csv2024 => Directory.GetFiles(Path.Combine(TestPaths.Samples, "cbs"), "Kerncijfers_wijken_en_buurten_2024_*.csv").Single();

    [Fact]
    public void OData_sample_gives_the_same_observations_as_the_2024_csv()
    {
        using var csvFolder = DataFolder.WithBoundaries();
        File.Copy(Csv2024, csvFolder.Combine(Path.GetFileName(Csv2024)));
        using var odataFolder = DataFolder.WithBoundaries();
        CopyFolder(OdataSample, odataFolder.Combine("cbs", "85984NED"));

        var fromCsv = DataLoader.Load(csvFolder.Path);
        var fromOData = DataLoader.Load(odataFolder.Path);

        var csvFigures = Figures(fromCsv.Observations);
        var odataFigures = Figures(fromOData.Observations);
        csvFigures.Count.ShouldBeGreaterThan(100);
        odataFigures.ShouldBe(csvFigures, ignoreOrder: true);
        fromOData.Sources.Select(s => s.Format).ShouldContain(KwbODataJson.Format);
        fromOData.Skipped.ShouldBeEmpty();
        fromOData.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void Data_samples_read_each_2024_figure_once_and_cite_the_csv()
    {
        var data = DataLoader.Load(TestPaths.Samples);

        data.Observations.GroupBy(o => (o.IndicatorId, o.Area, o.Year)).ShouldAllBe(g => g.Count() == 1);
        data.Observations.Where(o => o.Year == 2024).ShouldAllBe(o => o.Source.File.EndsWith(".csv", StringComparison.Ordinal));
        data.Warnings.ShouldNotContain(w => w.Contains("disagree", StringComparison.Ordinal));
        data.Sources.Count(s => s.Path.StartsWith("cbs/odata/", StringComparison.Ordinal)).ShouldBe(3);
    }

    [Fact]
    public void Padded_keys_nulls_strings_and_cbs_sentinels_keep_their_meaning()
    {
        using var folder = DataFolder.WithBoundaries();
        WriteTable(folder.Combine("t"), rows:
        [
            """{"ID":1,"WijkenEnBuurten":"GM0363    ","AantalInwoners_5":925000,"Mannen_6":null,"Vrouwen_7":"    467125","k_0Tot15Jaar_8":"       ."}""",
            """{"ID":2,"WijkenEnBuurten":"WK0363FB  ","AantalInwoners_5":-99997,"Mannen_6":-99995,"Vrouwen_7":-99991,"k_0Tot15Jaar_8":-99999}""",
            """{"ID":3,"WijkenEnBuurten":"BU0363FB08","AantalInwoners_5":1500,"Mannen_6":740.0,"Vrouwen_7":7.6e2,"k_0Tot15Jaar_8":0}""",
        ]);

        var data = DataLoader.Load(folder.Path);

        Status Of(string area, string indicator) => data.Observations.Single(o => o.Area.Code == area && o.IndicatorId == indicator).Status;
        double? Value(string area, string indicator) => data.Observations.Single(o => o.Area.Code == area && o.IndicatorId == indicator).Value;
        Value("0363", "inwoners").ShouldBe(925000);
        Of("0363", "mannen").ShouldBe(Status.Missing);
        Value("0363", "vrouwen").ShouldBe(467125);
        Of("0363", "leeftijd_0_15").ShouldBe(Status.Missing);
        Of("FB", "inwoners").ShouldBe(Status.Suppressed);
        Of("FB", "mannen").ShouldBe(Status.Later);
        Of("FB", "vrouwen").ShouldBe(Status.NotAtLevel);
        Of("FB", "leeftijd_0_15").ShouldBe(Status.Missing);
        Value("FB08", "mannen").ShouldBe(740);
        Value("FB08", "vrouwen").ShouldBe(760);
        Value("FB08", "leeftijd_0_15").ShouldBe(0);
        data.Observations.ShouldAllBe(o => o.Year == 2024);
        data.Observations.Single(o => o.Area.Code == "FB08" && o.IndicatorId == "inwoners").Source.Line.ShouldBe(4);
    }

    [Fact]
    public void Keys_are_resolved_by_stem_whatever_their_suffix()
    {
        using var folder = DataFolder.WithBoundaries();
        var table = folder.Combine("t");
        WriteTable(table, rows: ["""{"ID":1,"WijkenEnBuurten":"BU0363FB08","AantalInwoners_41":1500,"Mannen_42":740}"""],
            renameKeys: k => k switch { "AantalInwoners_5" => "AantalInwoners_41", "Mannen_6" => "Mannen_42", _ => k });

        var data = DataLoader.Load(folder.Path);

        data.Observations.Single(o => o.IndicatorId == "inwoners").Value.ShouldBe(1500);
        data.Observations.Single(o => o.IndicatorId == "mannen").Value.ShouldBe(740);
    }

    [Fact]
    public void Bare_arrays_under_other_names_are_recognised_by_content()
    {
        using var folder = DataFolder.WithBoundaries();
        var table = Directory.CreateDirectory(folder.Combine("download")).FullName;
        foreach (var (name, target) in new[] { ("TableInfos", "a.json"), ("DataProperties", "b.json"), ("TypedDataSet", "c.json") })
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(OdataSample, name + ".json")));
            File.WriteAllText(Path.Combine(table, target), JsonSerializer.Serialize(doc.RootElement.GetProperty("value"), new JsonSerializerOptions { WriteIndented = true }));
        }

        var data = DataLoader.Load(folder.Path);

        data.Observations.Single(o => o.Area.Code == "FB08" && o.IndicatorId == "inwoners").Value.ShouldBe(1500);
        data.Sources.Single(s => s.Format == KwbODataJson.Format).Table.ShouldBe("Kerncijfers wijken en buurten 2024 (85984NED)");
    }

    [Fact]
    public void Police_crime_is_read_for_the_selected_category_and_whole_years_only()
    {
        using var folder = DataFolder.WithBoundaries();
        var table = Directory.CreateDirectory(folder.Combine("politie", "47018NED")).FullName;
        File.WriteAllText(Path.Combine(table, "TableInfos.json"), Wrap("TableInfos",
            """{"ID":0,"Title":"Geregistreerde misdrijven; soort misdrijf, wijk, buurt, jaarcijfers","Identifier":"47018NED","Modified":"2024-08-15T02:00:00","Catalog":"Politie","Period":"2012-2023","MetaDataModified":"2024-08-15T02:00:00"}"""));
        File.WriteAllText(Path.Combine(table, "DataProperties.json"), Wrap("DataProperties",
            """{"odata.type":"Cbs.OData.Dimension","ID":0,"Position":0,"ParentID":null,"Type":"Dimension","Key":"SoortMisdrijf","Title":"Soort misdrijf","Description":""}""",
            """{"odata.type":"Cbs.OData.GeoDetail","ID":1,"Position":1,"ParentID":null,"Type":"GeoDetail","Key":"WijkenEnBuurten","Title":"Wijken en buurten","Description":"","MapYear":2019}""",
            """{"odata.type":"Cbs.OData.TimeDimension","ID":2,"Position":2,"ParentID":null,"Type":"TimeDimension","Key":"Perioden","Title":"Perioden","Description":""}""",
            """{"odata.type":"Cbs.OData.Topic","ID":3,"Position":3,"ParentID":null,"Type":"Topic","Key":"GeregistreerdeMisdrijven_1","Title":"Geregistreerde misdrijven","Description":"","Datatype":"Long","Unit":"aantal","Decimals":0,"Default":"Zero","PresentationType":"Absolute"}""",
            """{"odata.type":"Cbs.OData.TopicGroup","ID":4,"Position":null,"ParentID":null,"Type":"TopicGroup","Key":"","Title":"Regioaanduiding","Description":""}""",
            """{"odata.type":"Cbs.OData.Topic","ID":5,"Position":4,"ParentID":4,"Type":"Topic","Key":"Gemeentenaam_2","Title":"Gemeentenaam","Description":"","Datatype":"String","Unit":"naam","Decimals":0,"Default":"Missing","PresentationType":""}"""));
        File.WriteAllText(Path.Combine(table, "TypedDataSet.json"), Wrap("TypedDataSet",
            """{"ID":14075,"SoortMisdrijf":"0.0.0 ","WijkenEnBuurten":"BU0363FB08","Perioden":"2023JJ00","GeregistreerdeMisdrijven_1":78,"Gemeentenaam_2":"Amsterdam                     "}""",
            """{"ID":14076,"SoortMisdrijf":"1.1.1 ","WijkenEnBuurten":"BU0363FB08","Perioden":"2023JJ00","GeregistreerdeMisdrijven_1":9,"Gemeentenaam_2":"Amsterdam                     "}""",
            """{"ID":14063,"SoortMisdrijf":"0.0.0 ","WijkenEnBuurten":"BU0363FB08","Perioden":"2022JJ00","GeregistreerdeMisdrijven_1":null,"Gemeentenaam_2":"Amsterdam                     "}""",
            """{"ID":99,"SoortMisdrijf":"0.0.0 ","WijkenEnBuurten":"BU0363FB08","Perioden":"2025MM09","GeregistreerdeMisdrijven_1":7,"Gemeentenaam_2":"Amsterdam                     "}"""));

        var data = DataLoader.Load(folder.Path);

        var crime = data.Observations.Where(o => o.IndicatorId == "geregistreerde_misdrijven").OrderBy(o => o.Year).ToList();
        crime.Select(o => (o.Year, o.Value, o.Status)).ShouldBe([(2022, null, Status.Missing), (2023, 78.0, Status.Ok)]);
        data.Warnings.ShouldContain(w => w.Contains("not whole years", StringComparison.Ordinal) && w.Contains("2025MM09", StringComparison.Ordinal));
        var source = data.Sources.Single(s => s.Format == KwbODataJson.Format);
        source.Publisher.ShouldBe("Politie via CBS");
        source.ReferenceDate.ShouldBe("2022–2023");
    }

    [Fact]
    public void A_cut_off_TypedDataSet_is_an_input_error_naming_file_and_line()
    {
        using var folder = DataFolder.WithBoundaries();
        var table = folder.Combine("t");
        CopyFolder(OdataSample, table);
        var path = Path.Combine(table, "TypedDataSet.json");
        var text = File.ReadAllText(path);
        File.WriteAllText(path, text[..(text.Length / 2)]);

        var e = Should.Throw<InputException>(() => DataLoader.Load(folder.Path));

        e.File.ShouldBe("t/TypedDataSet.json");
        e.Line.ShouldBeGreaterThan(5);
        e.Message.ShouldContain("cut off");
    }

    [Fact]
    public void A_TypedDataSet_without_its_TableInfos_says_what_is_missing()
    {
        using var folder = DataFolder.WithBoundaries();
        var table = folder.Combine("t");
        CopyFolder(OdataSample, table);
        File.Delete(Path.Combine(table, "TableInfos.json"));

        var e = Should.Throw<InputException>(() => DataLoader.Load(folder.Path));

        e.Message.ShouldContain("no CBS OData TableInfos beside this TypedDataSet");
    }

    [Fact]
    public void Metadata_without_data_is_listed_with_a_warning_not_skipped_as_unknown()
    {
        var data = DataLoader.Load(TestPaths.Real("cbs-kwb"));

        data.Sources.Where(s => s.Format == KwbODataJson.MetadataFormat).Select(s => s.Path).ShouldBe(
            ["85984NED_DataProperties.json", "85984NED_TableInfos.json"], ignoreOrder: true);
        data.Sources.Single(s => s.Path == "85984NED_TableInfos.json").Table.ShouldBe("Kerncijfers wijken en buurten 2024 (85984NED)");
        data.Warnings.Count(w => w.Contains("without a TypedDataSet", StringComparison.Ordinal)).ShouldBe(2);
    }

    [Fact]
    public void Every_stem_in_the_keys_file_is_a_topic_of_the_real_2024_table_with_the_catalogue_unit()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(TestPaths.Real("cbs-kwb/85984NED_DataProperties.json")));
        var topics = doc.RootElement.EnumerateArray().Where(p => p.GetProperty("Type").GetString() == "Topic").ToList();
        var kwbKeys = CbsODataKeys.Default.Keys.Where(k => k.Selection.Count == 0).ToList();

        kwbKeys.Count.ShouldBeGreaterThanOrEqualTo(8);
        foreach (var key in kwbKeys)
        {
            var matches = topics.Where(t => CbsODataKeys.Stem(t.GetProperty("Key").GetString()!) == key.Stem).ToList();
            matches.Count.ShouldBe(1, $"stem {key.Stem}");
            matches[0].GetProperty("Unit").GetString().ShouldBe(IndicatorCatalogue.Default.Get(key.Indicator).Unit, $"unit of {key.Stem}");
        }

        CbsODataKeys.Default.Keys.ShouldAllBe(k => IndicatorCatalogue.Default.Find(k.Indicator) != null);
    }

    [Fact]
    public void The_real_2024_metadata_read_a_TypedDataSet_with_real_keys()
    {
        using var folder = DataFolder.WithBoundaries();
        var table = Directory.CreateDirectory(folder.Combine("t")).FullName;
        File.Copy(TestPaths.Real("cbs-kwb/85984NED_DataProperties.json"), Path.Combine(table, "DataProperties.json"));
        File.Copy(TestPaths.Real("cbs-kwb/85984NED_TableInfos.json"), Path.Combine(table, "TableInfos.json"));
        File.WriteAllText(Path.Combine(table, "TypedDataSet.json"), Wrap("TypedDataSet",
            """{"ID":7,"WijkenEnBuurten":"BU0363FB08","Gemeentenaam_1":"Amsterdam ","AantalInwoners_5":1485,"Mannen_6":730,"Nederland_17":400,"Nederland_20":800,"GemiddeldeHuishoudensgrootte_33":2.4}"""));

        var data = DataLoader.Load(folder.Path);

        data.Observations.Single(o => o.IndicatorId == "inwoners").Value.ShouldBe(1485);
        data.Observations.Single(o => o.IndicatorId == "mannen").Value.ShouldBe(730);
        data.Observations.ShouldAllBe(o => o.Year == 2024 && o.Area.Code == "FB08");
        data.Warnings.ShouldContain(w => w.Contains("topics are not in the catalogue", StringComparison.Ordinal));
    }

    [Fact]
    public void A_stem_used_twice_in_a_table_needs_its_group()
    {
        using var folder = DataFolder.WithBoundaries();
        var table = Directory.CreateDirectory(folder.Combine("t")).FullName;
        File.Copy(TestPaths.Real("cbs-kwb/85984NED_DataProperties.json"), Path.Combine(table, "DataProperties.json"));
        File.Copy(TestPaths.Real("cbs-kwb/85984NED_TableInfos.json"), Path.Combine(table, "TableInfos.json"));
        File.WriteAllText(Path.Combine(table, "TypedDataSet.json"), Wrap("TypedDataSet",
            """{"ID":7,"WijkenEnBuurten":"BU0363FB08","Nederland_17":400,"Nederland_20":800}"""));
        var registry = DataLoader.Load(folder.Path).Registry;
        var file = TextFile.Read(Path.Combine(table, "TypedDataSet.json"), "t/TypedDataSet.json");
        const string Header = "stem;indicator;group;selection\n";

        var loose = KwbODataJson.Read(file, registry, IndicatorCatalogue.Default, CbsODataKeys.Parse(Header + "Nederland;inwoners;;\n", "keys.csv"));
        var grouped = KwbODataJson.Read(file, registry, IndicatorCatalogue.Default,
            CbsODataKeys.Parse(Header + "Nederland;inwoners;Bevolking/Bevolking naar herkomst/Geboren in Nederland;\n", "keys.csv"));

        // Nederland_17 is still read through its StatLine header (herkomst_nederland in cbs-kwb-columns.csv), but never as inwoners.
        loose.Observations.ShouldNotContain(o => o.IndicatorId == "inwoners");
        loose.Warnings.ShouldContain(w => w.Contains("Nederland occurs 2 times", StringComparison.Ordinal));
        grouped.Observations.Single(o => o.IndicatorId == "inwoners").Value.ShouldBe(800);
    }

    [Fact]
    public void Topics_mapped_only_by_their_StatLine_header_are_read_too()
    {
        using var folder = DataFolder.WithBoundaries();
        CopyFolder(OdataSample, folder.Combine("t"));
        var registry = DataLoader.Load(folder.Path).Registry;
        var file = TextFile.Read(folder.Combine("t", "TypedDataSet.json"), "t/TypedDataSet.json");

        var result = KwbODataJson.Read(file, registry, IndicatorCatalogue.Default, CbsODataKeys.Parse("stem;indicator;group;selection\n", "empty.csv"));

        result.Observations.Select(o => o.IndicatorId).Distinct().Count().ShouldBe(8);
        result.Observations.Single(o => o.IndicatorId == "leeftijd_65plus" && o.Area.Code == "FB08").Value.ShouldBe(255);
    }

    [Fact]
    public void A_keys_file_with_a_suffixed_stem_is_refused()
    {
        var e = Should.Throw<InputException>(() => CbsODataKeys.Parse("stem;indicator;group;selection\nAantalInwoners_5;inwoners;;\n", "keys.csv"));

        e.Line.ShouldBe(2);
        e.Field.ShouldBe("stem");
    }

    [Property(Replay = "(20240101,1)")]
    public bool Stem_strips_exactly_the_numeric_suffix(FsCheck.NonNegativeInt n, bool prefixed)
    {
        var stem = prefixed ? "k_65JaarOfOuder" : "AantalInwoners";
        return CbsODataKeys.Stem($"{stem}_{n.Get}") == stem && CbsODataKeys.Stem(stem) == stem;
    }

    [Theory]
    [InlineData("2023JJ00", 2023)]
    [InlineData("2025MM09", null)]
    [InlineData("2024KW02", null)]
    [InlineData(" 2019JJ00 ", 2019)]
    public void Period_keys_give_a_year_only_for_whole_years(string period, int? year) =>
        KwbODataJson.YearOfPeriod(period).ShouldBe(year);

    [Theory]
    [InlineData("TableInfos.json", ODataKind.TableInfos)]
    [InlineData("DataProperties.json", ODataKind.DataProperties)]
    [InlineData("TypedDataSet.json", ODataKind.TypedDataSet)]
    public void Files_are_recognised_by_content(string name, ODataKind kind) =>
        ODataJson.Peek(File.ReadAllText(Path.Combine(OdataSample, name))).ShouldBe(kind);

    [Fact]
    public void Other_json_and_csv_are_not_taken_for_odata()
    {
        ODataJson.Peek(File.ReadAllText(TestPaths.Real("amsterdam-gebieden/2022/api-gebieden-buurten.geojson"))).ShouldBe(ODataKind.None);
        ODataJson.Peek(File.ReadAllText(TestPaths.Real("derived/woonikveilig-GM0363.json"))).ShouldBe(ODataKind.None);
        ODataJson.Peek(File.ReadAllText(Csv2024)).ShouldBe(ODataKind.None);
    }

    private static List<(string, string, int, double?, Status)> Figures(IEnumerable<Observation> observations) =>
        observations.Select(o => (o.IndicatorId, o.Area.Code, o.Year, o.Value, o.Status)).ToList();

    internal static string Wrap(string set, params string[] rows) =>
        $"{{\"odata.metadata\":\"https://opendata.cbs.nl/ODataApi/OData/00000NED/$metadata#Cbs.OData.WebAPI.{set}\",\"value\":[\n{string.Join(",\n", rows)}\n]}}\n";

    /// <summary>The sample's TableInfos and DataProperties (keys optionally renamed) with the given rows.</summary>
    private static void WriteTable(string folder, string[] rows, Func<string, string>? renameKeys = null)
    {
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(OdataSample, "TableInfos.json"), Path.Combine(folder, "TableInfos.json"));
        var properties = File.ReadAllText(Path.Combine(OdataSample, "DataProperties.json"));
        if (renameKeys is not null)
        {
            foreach (var key in new[] { "AantalInwoners_5", "Mannen_6", "Vrouwen_7", "k_0Tot15Jaar_8" })
            {
                properties = properties.Replace($"\"{key}\"", $"\"{renameKeys(key)}\"", StringComparison.Ordinal);
            }
        }

        File.WriteAllText(Path.Combine(folder, "DataProperties.json"), properties);
        File.WriteAllText(Path.Combine(folder, "TypedDataSet.json"), Wrap("TypedDataSet", rows));
    }

    internal static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }
}

/// <summary>A temporary data folder with the example boundaries, so that CBS codes resolve to areas.</summary>
internal static class DataFolder
{
    public static TempFolder WithBoundaries()
    {
        var folder = new TempFolder();
        KwbODataJsonTests.CopyFolder(Path.Combine(TestPaths.Samples, "gebieden"), folder.Combine("gebieden"));
        return folder;
    }
}
