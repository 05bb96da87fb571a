using Buurtscan.Catalogue;
using Buurtscan.Domain;
using Buurtscan.Import;
using Buurtscan.Tests.Support;

namespace Buurtscan.Tests.Import;

/// <summary>
/// Every source format on its real file in ../shared/data, with figures checked against the files themselves
/// and against PROVENANCE.md. The whole folder is read once and shared by the tests.
/// </summary>
public sealed class RealFormatsTests
{
    internal static readonly Lazy<DataSet> All = new(() => DataLoader.Load(TestPaths.SharedData, null, keepGoing: true));

    private static DataSet Data => All.Value;

    private static AreaRef New(string code) => new(Division.Indeling2022, code);

    private static AreaRef Old(string code) => new(Division.Indeling2015, code);

    private static Observation One(string indicator, AreaRef area, int year, string? fromFile = null) =>
        Data.Observations.Single(o => o.IndicatorId == indicator && o.Area == area && o.Year == year && (fromFile is null || o.Source.File.Contains(fromFile, StringComparison.Ordinal)));

    private static double? Value(string indicator, AreaRef area, int year) => One(indicator, area, year).Value;

    private static FileReport Report(string pathPart) => Data.Files.Single(f => f.Path.Contains(pathPart, StringComparison.Ordinal));

    /// <summary>One file on its own, with the registry of the whole folder: for figures that other files repeat (and the merge keeps once).</summary>
    private static ImportResult Read(string relative, Func<TextFile, Buurtscan.Areas.AreaRegistry, IndicatorCatalogue, ImportResult> reader) =>
        reader(TextFile.Read(TestPaths.Real(relative), relative), Data.Registry, Data.Catalogue);

    private static Observation In(ImportResult result, string indicator, AreaRef area) =>
        result.Observations.Single(o => o.IndicatorId == indicator && o.Area == area);

    [Fact]
    public void Every_data_file_Should_be_recognised_or_skipped_with_a_reason()
    {
        Data.Errors.ShouldBeEmpty();
        Data.Skipped.Select(s => s.Path).Order(StringComparer.Ordinal).ShouldBe(["PROVENANCE.md", "derived/woonikveilig-GM0363.json"]);
        Data.Skipped.Single(s => s.Path.StartsWith("derived/", StringComparison.Ordinal)).Reason.ShouldContain("third party's compilation");
        var files = Directory.EnumerateFiles(TestPaths.SharedData, "*", SearchOption.AllDirectories).Count();
        (Data.Files.Count + Data.Skipped.Count).ShouldBe(files);
    }

    [Fact]
    public void Metadata_files_Should_be_used_as_metadata_not_skipped()
    {
        Report("85984NED_DataProperties.json").Role.ShouldBe(FileRole.Metadata);
        Report("85984NED_DataProperties.json").Summary.ShouldStartWith("128 topics described");
        Report("85984NED_TableInfos.json").Summary.ShouldContain("modified 2025-03-27");
        Report("47018NED_metadata/TableInfos.csv").Summary.ShouldContain("period 2012-2023");
        Report("47018NED_metadata/Perioden.csv").Summary.ShouldBe("Perioden: 12 members (2012JJ00 … 2023JJ00)");
        Report("47018NED_metadata/SoortMisdrijf.csv").Summary.ShouldStartWith("SoortMisdrijf: 59 members");
        Report("bbga/metadata_utf8.csv").Summary.ShouldStartWith("792 variables described");

        var inwoners = Data.Catalogue.MetadataOf("inwoners").Single(m => m.Source == "CBS 85984NED");
        inwoners.Variable.ShouldBe("AantalInwoners_5");
        Data.Catalogue.MetadataOf("woz_waarde").Single(m => m.Source == "CBS 85984NED").Unit.ShouldBe("x 1 000 euro");
        Data.Catalogue.MetadataOf("geregistreerde_misdrijven").Single(m => m.Source == "CBS 47018NED").Definition.ShouldContain("Basis Voorziening Informatie");
        var bevtotaal = Data.Catalogue.MetadataOf("inwoners_ois").Single(m => m.Variable == "BEVTOTAAL");
        bevtotaal.Definition.ShouldContain("briefadreshoudenden");
        bevtotaal.Unit.ShouldBe("aantal");
        bevtotaal.ShortLabel.ShouldBe("Bevolking totaal");
        Data.Catalogue.Get("welzijnsvoorzieningen_per_1000").MinPopulation.ShouldBe(500);
        Data.Catalogue.Get("woningbezetting").MinDwellings.ShouldBe(100);
    }

    [Fact]
    public void Kwb_2024_classic_download_Should_give_FB08_1485_inhabitants()
    {
        var result = Read("cbs-kwb/Kerncijfers_wijken_en_buurten_2024_geslachten_Amsterdam.csv", KwbStatLineCsv.Read);
        In(result, "inwoners", New("FB08")).Value.ShouldBe(1485);
        In(result, "inwoners", New("NL")).Value.ShouldBe(7875); // wijk IJplein/Vogelbuurt, not Nederland
        In(result, "inwoners", CbsCodes.Nederland).Value.ShouldBe(17942942);
        Report("2024_geslachten").Format.ShouldBe("CBS Kerncijfers wijken en buurten, StatLine CSV");
    }

    [Fact]
    public void Kwb_2024_export_without_codes_Should_resolve_names_including_wijk_buurt_pairs()
    {
        var file = "2024_11122025_141648";
        One("inwoners", New("FB08"), 2024, file).Value.ShouldBe(1485);
        One("herkomst_nederland", CbsCodes.Nederland, 2024, file).Value.ShouldBe(12941748);
        Report(file).Format.ShouldContain("regions by name");
        Report(file).Areas.ShouldBe(629);
        Report(file).Warnings.ShouldBeEmpty();
        // Betondorp, Frankendael and Kadoelen are each a wijk and one of its buurten: both rows are read, each to its own area.
        var betondorp = Data.Registry.All.Where(a => a.Division == Division.Indeling2022 && a.Name == "Betondorp").ToList();
        betondorp.Count.ShouldBe(2);
        betondorp.ShouldAllBe(a => Data.Observations.Any(o => o.Area == a.Ref && o.Source.File.Contains(file, StringComparison.Ordinal)));
    }

    [Fact]
    public void Kwb_R_resaves_Should_read_old_codes_padded_dots_NA_and_quoted_decimal_commas()
    {
        One("inwoners", Old("F78a"), 2019).Value.ShouldBe(3065);
        One("huishoudensgrootte", Old("F78a"), 2019).Value.ShouldBe(2.3); // "2,3"
        One("woz_waarde", Old("F78a"), 2019).Value.ShouldBe(218);
        One("inwoners", Old("F78a"), 2017).Value.ShouldBe(3110);
        One("woz_waarde", Old("F78a"), 2017).Value.ShouldBe(154); // "     154"
        One("inwoners", Old("F78"), 2019).Value.ShouldBe(16260);
        Report("2019_Amsterdam_Rresave").Format.ShouldContain("re-saved by R");
        Report("2019_Amsterdam_Rresave").Divisions.ShouldBe([Division.Indeling2015]);
        // "       ." and NA are missing, never zero.
        Data.Observations.Where(o => o.Source.File.Contains("Rresave", StringComparison.Ordinal) && o.Value is null).ShouldAllBe(o => o.Status == Status.Missing);
        Data.Observations.Count(o => o.Source.File.Contains("Rresave", StringComparison.Ordinal) && o.Value is null).ShouldBeGreaterThan(100);
    }

    [Fact]
    public void Newer_statline_csv_Should_read_dutch_numbers_and_multi_line_headers()
    {
        var result = Read("cbs-kwb/format-sample-statline-newsite/Kerncijfers wijken en buurten 2024.csv", KwbStatLineCsv.Read);
        In(result, "inwoners", CbsCodes.Nederland).Value.ShouldBe(17942942); // "17.942.942"
        In(result, "huishoudensgrootte", CbsCodes.Nederland).Value.ShouldBe(2.1); // "2,1"
        In(result, "woz_waarde", CbsCodes.Nederland).Value.ShouldBe(379);
        In(result, "inkomen_per_inwoner", CbsCodes.Nederland).Status.ShouldBe(Status.Missing); // "." in June 2025
        In(result, "herkomst_buiten_europa", CbsCodes.Nederland).Value.ShouldBe(3324101);
        (In(result, "woningvoorraad", CbsCodes.Nederland).Value ?? 0).ShouldBeGreaterThan(8_000_000); // "8.204.049"-style thousands
        Report("newsite/Kerncijfers wijken en buurten 2018.csv").Format.ShouldContain("newer download");
        foreach (var year in new[] { 2018, 2019, 2020, 2022, 2023, 2024 })
        {
            Report($"newsite/Kerncijfers wijken en buurten {year}.csv").Indicators.ShouldBeGreaterThan(45);
        }
    }

    [Fact]
    public void Transposed_table_layout_Should_read_regions_across_by_code()
    {
        var file = "newsite/Kerncijfers wijken en buurten 2017.csv";
        var result = Read("cbs-kwb/format-sample-statline-" + file, StatLineTableCsv.Read);
        In(result, "inwoners", CbsCodes.Nederland).Value.ShouldBe(17081507);
        In(result, "diefstal_woning_per_1000", CbsCodes.Nederland).Status.ShouldBe(Status.Missing);
        In(result, "inwoners", CbsCodes.Nederland).Year.ShouldBe(2017);
        Report(file).Format.ShouldBe(StatLineTableCsv.Format);
        Report(file).Warnings.Single().ShouldContain("GM1680");
    }

    [Fact]
    public void Table_layout_with_names_Should_read_decimal_commas_and_refuse_names_that_do_not_fit()
    {
        var file = "2015_inkomen";
        One("inkomen_per_inwoner", Old("F78"), 2015, file).Value.ShouldBe(16.8);
        One("inkomen_per_ontvanger", Old("F78"), 2015, file).Value.ShouldBe(23.3);
        One("inkomensontvangers", Old("F78"), 2015, file).Value.ShouldBe(10500);
        One("sociaal_minimum_pct", Old("F78"), 2015, file).Value.ShouldBe(15.9);
        One("inkomen_per_inwoner", New("0363"), 2015, file).Value.ShouldBe(26.9);
        One("inkomen_per_inwoner", Old("F"), 2015, file).Value.ShouldNotBeNull(); // "Stadsdeel Nieuw-West"
        One("inkomen_per_inwoner", Old("F83"), 2015, file).Value.ShouldNotBeNull(); // "De Punt": wijk F83, not buurt F83a
        var warning = Report(file).Warnings.Single();
        warning.ShouldContain("'Diamantbuurt' names buurt K26a, which does not fit here");
        warning.ShouldContain("no area of the registry is called 'De Krommert'");
    }

    [Fact]
    public void Ses_woa_scores_Should_be_read_with_their_period_column()
    {
        One("ses_woa_score", Old("F78a"), 2019).Value.ShouldBe(-0.602);
        One("opleiding_laag_pct", Old("F78a"), 2019).Value.ShouldBe(39.6);
        One("huishoudens_ses_woa", Old("F78a"), 2019).Value.ShouldBe(1300);
        One("ses_woa_score", New("0363"), 2019).Value.ShouldBe(-0.1);
        Data.Observations.Count(o => o.Source.File.Contains("SES_WOA", StringComparison.Ordinal) && o.Value is null).ShouldBe(450);
    }

    [Fact]
    public void Registered_crime_47018NED_Should_give_FB08_78_in_2023()
    {
        One("geregistreerde_misdrijven", New("FB08"), 2023).Value.ShouldBe(78);
        Report("47018NED_data").Observations.ShouldBe(517);
        Report("47018NED_data").Table.ShouldBe("Geregistreerde misdrijven; soort misdrijf, wijk, buurt, jaarcijfers (47018NED)");
        Data.Observations.Where(o => o.IndicatorId == "geregistreerde_misdrijven" && o.Area.Code.StartsWith("MK0", StringComparison.Ordinal) && o.Value == 0).Count().ShouldBe(4);
    }

    [Fact]
    public void Bbga_long_format_Should_keep_forecasts_apart_and_skip_area_onbekend()
    {
        One("inwoners_ois", Old("DX06"), 2018).Value.ShouldBe(45940);
        One("inwoners_ois", Old("F"), 2018).Value.ShouldBe(155781);
        One("koopwoningen_pct_ois", Old("DX06"), 2017).Value.ShouldBe(23.2);
        One("veiligheidsindex", Old("DX06"), 2017).Value.ShouldBe(120);
        One("inwoners_ois", New("0363"), 2018).Value.ShouldBe(854316);
        Data.Observations.ShouldNotContain(o => o.IndicatorId == "inwoners_ois" && o.Year > 2018);
        var forecast = Data.Forecasts.Single(f => f.IndicatorId == "inwoners_ois" && f.Area == Old("DX06") && f.Year == 2025 && f.Edition == 2018);
        forecast.Value.ShouldBe(44926);
        Report("bbga_latest_and_greatest-DX.csv").NotRead.ShouldContain(n => n.Contains("'onbekend'", StringComparison.Ordinal));
        Data.Observations.ShouldNotContain(o => o.Area.Code == "ZX99" || o.Area.Code == "Z");
    }

    [Fact]
    public void Bbga_files_that_disagree_Should_give_a_warning_naming_both()
    {
        // bbga_tableau_sample.csv is a test fixture whose years are shifted against the real file: the merge must say so.
        Data.Warnings.ShouldContain(w => w.StartsWith("bbga/bbga_latest_and_greatest-DX.csv and bbga/bbga_tableau_sample.csv disagree on ", StringComparison.Ordinal) &&
            w.Contains("leeftijd_0_17 0363 2008: 138608 at line 6 against 140615 at line 2", StringComparison.Ordinal));
        One("leeftijd_0_17", New("0363"), 2008).Value.ShouldBe(138608);
    }

    [Fact]
    public void Ois_statistieken_Should_read_decimal_commas_and_the_division_date()
    {
        One("koopkrachtbinding_dagelijks_pct", New("GF07"), 2024).Value.ShouldBe(65.36);
        One("koopkrachtbinding_dagelijks_pct", New("F"), 2020).Value.ShouldBe(83.23);
        Report("koopkrachtbinding").Divisions.ShouldBe([Division.Indeling2022]);
    }

    [Fact]
    public void Gebied_in_beeld_xlsx_Should_read_inline_and_shared_strings()
    {
        Data.Observations.Where(o => o.IndicatorId == "groen_aanbod" && o.Area == New("FB08")).OrderBy(o => o.Year)
            .Select(o => (o.Year, o.Value)).ShouldBe([(2019, (double?)6.9), (2021, 7.9), (2023, 6.7)]);
        Data.Observations.Where(o => o.IndicatorId == "energielabel_ab_pct" && o.Area == New("FB08")).OrderBy(o => o.Year)
            .Select(o => o.Value).ShouldBe([2, 2.5, 4.5, 5.4, 13.4, 14.8]);
        Report("WLABELAB_P").Observations.ShouldBe(2496);
        Report("ORGROEN_R").Observations.ShouldBe(961);
        var meta = Data.Catalogue.MetadataOf("groen_aanbod").Single(m => m.Source == "OIS Gebied in beeld");
        meta.Variable.ShouldBe("ORGROEN_R");
        meta.Publisher.ShouldBe("Wonen in Amsterdam");
    }

    [Fact]
    public void The_2015_division_Should_be_in_the_registry_with_cbs_codes_and_validity()
    {
        var f78a = Data.Registry.Get(Old("F78a"));
        f78a.CbsCode.ShouldBe("BU03637800");
        f78a.Name.ShouldBe("Buurt 6");
        f78a.Level.ShouldBe(Level.Buurt);
        f78a.ValidFrom.ShouldBe(new DateOnly(2015, 1, 1));
        f78a.ValidUntil.ShouldBe(new DateOnly(2022, 3, 23));
        f78a.Geometry.ShouldNotBeNull();
        Data.Registry.Chain(f78a.Ref).Select(a => a.Code).ShouldBe(["F78a", "F78", "DX06", "F", "0363"]);
        Data.Registry.Get(Old("F78")).CbsCode.ShouldBe("WK036378");
        Data.Registry.Get(Old("DX06")).Name.ShouldBe("Geuzenveld, Slotermeer, Sloterdijken"); // GEBIEDEN22 names it first
        Data.Registry.Get(Old("F")).Geometry.ShouldNotBeNull(); // dissolved from its gebieden
        Data.Registry.OfLevel(Level.Buurt, Division.Indeling2015).Count().ShouldBe(481);
        Data.Registry.OfLevel(Level.Wijk, Division.Indeling2015).Count().ShouldBe(99);
        Data.Registry.Chain(Old("B10a")).Select(a => a.Level).ShouldBe([Level.Buurt, Level.Wijk, Level.Stadsdeel, Level.Gemeente]); // Westpoort: no gebied
        Data.Registry.Get(Old("A00e")).Name.ShouldNotBeEmpty();

        var fb08 = Data.Registry.Get(New("FB08"));
        fb08.ValidFrom.ShouldBe(new DateOnly(2022, 3, 24));
        fb08.ValidUntil.ShouldBeNull();
        Data.Registry.Get(New("0363")).ValidFrom.ShouldBeNull();
        Data.Registry.Children(New("0363")).ShouldAllBe(a => a.Division == Division.Indeling2022);
    }

    [Fact]
    public void FB08_Should_lie_almost_wholly_in_F78a_which_splits_72_20_8()
    {
        var overlaps = Data.Registry.Overlaps(Data.Registry.Get(New("FB08")), Division.Indeling2015);
        overlaps[0].Area.Code.ShouldBe("F78a");
        overlaps[0].Share.ShouldBeGreaterThan(0.99);
        var split = Data.Registry.Overlaps(Data.Registry.Get(Old("F78a")), Division.Indeling2022).ToDictionary(o => o.Area.Code, o => o.Share);
        split["FB08"].ShouldBe(0.72, 0.02);
        split["FB06"].ShouldBe(0.20, 0.02);
        split["FB07"].ShouldBe(0.08, 0.02);
    }

    [Fact]
    public void The_windows_1252_lookup_Should_keep_its_accents()
    {
        var file = TextFile.Read(TestPaths.Real("amsterdam-gebieden/2015/brt-bce-sdl-ggw.csv"), "brt-bce-sdl-ggw.csv");
        file.EncodingName.ShouldBe("Windows-1252");
        Boundaries2015.ReadLookup(file).ShouldContain(r => r.Ref.Code == "F88g" && r.Name == "Belgiëplein e.o.");
        Data.Registry.Get(Old("F88g")).Name.ShouldBe("Belgiëplein e.o.");
    }

    [Fact]
    public void Indicators_report_Should_show_FB08s_chain_per_level_and_year()
    {
        var output = new StringWriter();
        Buurtscan.Cli.CommandLine.Run(["indicators", "--data", TestPaths.SharedData, "--buurt", "FB08"], output, new StringWriter()).ShouldBe(0);
        var text = output.ToString();
        text.ShouldContain("groen_aanbod — Aanbod groen\n  rapportcijfer 1-10 · score · hoger is beter");
        text.ShouldContain("  indeling 2022: buurt FB08 2019, 2021, 2023\n");
        text.ShouldContain("  indeling 2022: buurt FB08 2018–2019, 2021–2024\n");
        text.ShouldContain("  indeling 2022: buurt FB08 2023\n"); // misdrijven
        text.ShouldContain("  indeling 2022: buurt FB08 2024; wijk FB 2024; gemeente 0363 2017, 2019, 2024\n  indeling 2015: buurt F78a 2017, 2019; wijk F78 2017, 2019\n");
        text.ShouldContain("  indeling 2015: gebied DX06 2005–2018; stadsdeel F 2005–2018");
        foreach (var theme in IndicatorCatalogue.Themes) text.ShouldContain($"== {theme} ==");
    }

    [Fact]
    public void Sources_report_Should_list_every_file_with_what_it_gave()
    {
        var output = new StringWriter();
        Buurtscan.Cli.CommandLine.Run(["sources", "--data", TestPaths.SharedData], output, new StringWriter()).ShouldBe(0);
        var text = output.ToString();
        foreach (var file in Data.Files) text.ShouldContain(file.Path + "\n");
        text.ShouldContain("  derived/woonikveilig-GM0363.json: a third party's compilation");
        text.ShouldContain("prognoses (apart gehouden)");
        text.ShouldContain("  metadata: 792 variables described");
    }
}

/// <summary>The invented example data in data-samples/: every file is read, in the same formats as the real sources.</summary>
public sealed class SampleFormatsTests
{
    private static readonly Lazy<DataSet> Samples = new(() => DataLoader.Load(TestPaths.Samples, null, keepGoing: true));

    [Fact]
    public void Every_sample_file_Should_be_read()
    {
        var data = Samples.Value;
        data.Errors.ShouldBeEmpty();
        data.Skipped.ShouldAllBe(s => s.Path.StartsWith("areas/", StringComparison.Ordinal));
        data.Files.Select(f => f.Format).ShouldContain(GebiedInBeeldXlsx.Format);
        data.Files.Select(f => f.Format).ShouldContain(BbgaLongCsv.Format);
        data.Files.Select(f => f.Format).ShouldContain(OisStatistiekenCsv.Format);
        data.Files.Select(f => f.Format).ShouldContain(CbsTypedDataSetCsv.Format);
        data.Files.Select(f => f.Format).ShouldContain(BbgaMetadataCsv.Format);
        data.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void Samples_Should_give_FB08_a_history_before_2022_through_F78a()
    {
        var data = Samples.Value;
        var f78a = new AreaRef(Division.Indeling2015, "F78a");
        data.Registry.Get(f78a).CbsCode.ShouldBe("BU03637800");
        data.Registry.Chain(f78a).Select(a => a.Code).ShouldBe(["F78a", "F78", "DX06", "F", "0363"]);
        data.Registry.Overlaps(data.Registry.Get(new AreaRef(Division.Indeling2022, "FB08")), Division.Indeling2015)[0].Area.Code.ShouldBe("F78a");
        data.Observations.Where(o => o.IndicatorId == "inwoners_ois" && o.Area == f78a).Select(o => o.Year).Order().ShouldBe([2015, 2016, 2017, 2018, 2019, 2020, 2021]);
        data.Observations.Single(o => o.IndicatorId == "ses_woa_score" && o.Area == f78a && o.Year == 2019).Value.ShouldBe(-0.551);
        data.Observations.Single(o => o.IndicatorId == "huishoudinkomen" && o.Area == f78a && o.Year == 2019).Status.ShouldBe(Status.Missing);
        data.Forecasts.Where(f => f.Area == new AreaRef(Division.Indeling2015, "F")).Select(f => (f.Year, f.Edition)).Order()
            .ShouldBe([(2022, 2018), (2023, 2018), (2024, 2018), (2025, 2018)]);
        data.Catalogue.Get("ses_gemiddeld").MinPopulation.ShouldBe(800);
    }

    [Fact]
    public void Samples_Should_give_FB08_figures_of_the_2022_division_from_OIS_and_the_police()
    {
        var data = Samples.Value;
        var fb08 = new AreaRef(Division.Indeling2022, "FB08");
        data.Observations.Where(o => o.IndicatorId == "energielabel_ab_pct" && o.Area == fb08).OrderBy(o => o.Year).Select(o => o.Value).ShouldBe([3.1, 6.2, 15.5]);
        data.Observations.Where(o => o.IndicatorId == "groen_aanbod" && o.Area == fb08).OrderBy(o => o.Year).Select(o => o.Value).ShouldBe([7.1, 7.4, 7.0]);
        data.Observations.Single(o => o.IndicatorId == "geregistreerde_misdrijven" && o.Area == fb08 && o.Year == 2023).Value.ShouldBe(80);
        data.Observations.Single(o => o.IndicatorId == "ses_gemiddeld" && o.Area == fb08 && o.Year == 2023).Value.ShouldBe(4.8);
        data.Observations.ShouldNotContain(o => o.Area == new AreaRef(Division.Indeling2022, "FB99") && o.IndicatorId == "energielabel_ab_pct"); // absent, not zero
    }
}
