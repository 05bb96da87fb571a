using Buurtscan.Catalogue;
using Buurtscan.Domain;

namespace Buurtscan.Tests.Catalogue;

public sealed class CatalogueTests
{
    private static IndicatorCatalogue Catalogue => IndicatorCatalogue.Default;

    [Fact]
    public void Every_indicator_Should_belong_to_one_of_the_eight_themes_and_each_theme_Should_have_indicators()
    {
        IndicatorCatalogue.Themes.ShouldBe(["bevolking", "wonen", "werk-inkomen", "jeugd-onderwijs", "gezondheid-welzijn", "veiligheid", "openbare-ruimte", "sociale-kracht"]);
        Catalogue.Indicators.ShouldAllBe(i => IndicatorCatalogue.Themes.Contains(i.Theme));
        foreach (var theme in IndicatorCatalogue.Themes) Catalogue.Indicators.Count(i => i.Theme == theme).ShouldBeGreaterThanOrEqualTo(5, theme);
    }

    [Fact]
    public void The_original_ids_Should_be_kept()
    {
        string[] original = ["inwoners", "mannen", "vrouwen", "leeftijd_0_15", "leeftijd_15_25", "leeftijd_25_45", "leeftijd_45_65", "leeftijd_65plus",
            "aandeel_mannen", "aandeel_vrouwen", "aandeel_0_15", "aandeel_15_25", "aandeel_25_45", "aandeel_45_65", "aandeel_65plus"];
        foreach (var id in original) Catalogue.Find(id).ShouldNotBeNull(id);
        Catalogue.Get("aandeel_65plus").Numerator.ShouldBe("leeftijd_65plus");
    }

    [Fact]
    public void Every_indicator_Should_say_what_it_is()
    {
        foreach (var i in Catalogue.Indicators)
        {
            i.Label.ShouldNotBeNullOrWhiteSpace(i.Id);
            i.Unit.ShouldNotBeNullOrWhiteSpace(i.Id);
            i.Definition.ShouldNotBeNullOrWhiteSpace(i.Id);
            i.Source.ShouldNotBeNullOrWhiteSpace(i.Id);
            i.ReferenceDate.ShouldNotBeNullOrWhiteSpace(i.Id);
            if (i.IsRatio) i.Kind.ShouldBeOneOf([IndicatorKind.Share, IndicatorKind.Rate], i.Id);
            if (i.Kind == IndicatorKind.Share) i.Unit.ShouldBe("%", i.Id);
        }
    }

    [Theory]
    [InlineData("misdrijven_per_1000", Direction.HigherIsWorse)]
    [InlineData("veiligheidsindex", Direction.HigherIsWorse)]
    [InlineData("inkomen_per_inwoner", Direction.HigherIsBetter)]
    [InlineData("huishoudinkomen", Direction.HigherIsBetter)]
    [InlineData("laag_inkomen_pct", Direction.HigherIsWorse)]
    [InlineData("energielabel_ab_pct", Direction.HigherIsBetter)]
    [InlineData("energielabel_efg_pct", Direction.HigherIsWorse)]
    [InlineData("groen_aanbod", Direction.HigherIsBetter)]
    [InlineData("ses_woa_score", Direction.HigherIsBetter)]
    [InlineData("aandeel_65plus", Direction.Neutral)]
    [InlineData("aandeel_0_15", Direction.Neutral)]
    [InlineData("koopwoningen_pct", Direction.Neutral)]
    [InlineData("woz_waarde", Direction.Neutral)]
    public void Directions_Should_be_defensible(string id, Direction direction)
    {
        Catalogue.Get(id).Direction.ShouldBe(direction);
    }

    [Fact]
    public void Age_and_origin_shares_Should_be_neutral()
    {
        Catalogue.Indicators.Where(i => i.Id.StartsWith("aandeel_", StringComparison.Ordinal) || i.Id.StartsWith("leeftijd_", StringComparison.Ordinal) || i.Id.Contains("herkomst", StringComparison.Ordinal))
            .ShouldAllBe(i => i.Direction == Direction.Neutral);
    }

    [Fact]
    public void The_same_concept_from_two_sources_Should_be_linked_with_the_preferred_one_first()
    {
        Catalogue.Get("inwoners_ois").SameAs.ShouldBe("inwoners");
        Catalogue.Linked("inwoners_ois").Select(i => i.Id).ShouldBe(["inwoners", "inwoners_ois"]);
        Catalogue.Linked("inwoners").Select(i => i.Id).ShouldBe(["inwoners", "inwoners_ois"]);
        Catalogue.Linked("huishoudens").Select(i => i.Id).ShouldBe(["huishoudens", "huishoudens_ois", "huishoudens_ses_woa"]);
        Catalogue.Linked("groen_aanbod").Select(i => i.Id).ShouldBe(["groen_aanbod"]);
        foreach (var linked in Catalogue.Indicators.Where(i => i.SameAs is not null))
        {
            Catalogue.Get(linked.SameAs!).Unit.ShouldBe(linked.Unit, linked.Id);
        }
    }

    [Fact]
    public void Ratios_Should_know_their_scale()
    {
        Buurtscan.Resolve.Aggregation.ScaleOf(Catalogue.Get("aandeel_65plus").Unit).ShouldBe(100);
        Buurtscan.Resolve.Aggregation.ScaleOf(Catalogue.Get("misdrijven_per_1000").Unit).ShouldBe(1000);
        Catalogue.Get("misdrijven_per_1000").Numerator.ShouldBe("geregistreerde_misdrijven");
        Catalogue.Get("misdrijven_per_1000").Denominator.ShouldBe("inwoners");
    }

    [Theory]
    [InlineData("Bevolking/Aantal inwoners (aantal)", "inwoners")] // classic download
    [InlineData("Bevolking Aantal inwoners (aantal)", "inwoners")] // newer download
    [InlineData("Geslacht Vrouwen (aantal)", "vrouwen")] // newer download, shortened path
    [InlineData("Bevolking naar herkomst Herkomstland\nNederland (aantal)", "herkomst_nederland")] // line break in the header cell
    [InlineData("Gemiddelde WOZ-waarde van woningen (x\u00a01\u00a0000\u00a0euro)", "woz_waarde")] // non-breaking spaces
    [InlineData("Bevolking.Aantal.inwoners..aantal.", "inwoners")] // R's make.names
    [InlineData("Inkomen|Inkomen van personen|Gemiddeld inkomen per inwoner\u00a0 (x 1 000 euro)", "inkomen_per_inwoner")] // table layout
    [InlineData("Criminaliteit Totaal diefstal uit woning/schuur/e.d. (per 1 000 inwoners)", "diefstal_woning_per_1000")]
    [InlineData("SES-WOA/Totaalscore/Gemiddelde score (Getal)", "ses_woa_score")]
    public void Statline_headers_Should_map_in_every_variant(string header, string id)
    {
        Catalogue.ForKwbHeader(header).ShouldBe(id);
    }

    [Theory]
    [InlineData("Geboren in Nederland Nederland (aantal)")]
    [InlineData("Bevolking/Burgerlijke staat/Gehuwd (aantal)")]
    public void Headers_that_are_not_mapped_or_ambiguous_Should_not_map(string header)
    {
        Catalogue.ForKwbHeader(header).ShouldBeNull();
    }

    [Fact]
    public void Ois_variables_Should_map_with_forecasts_by_their_stem()
    {
        Catalogue.ForOisVariable("BEVTOTAAL", out _).ShouldBe(new OisMapping("inwoners_ois", VariableRole.Observation));
        Catalogue.ForOisVariable("BEV_PROG2018", out var edition).ShouldBe(new OisMapping("inwoners_ois", VariableRole.Forecast));
        edition.ShouldBe(2018);
        Catalogue.ForOisVariable("BEVTOTAAL_PROG2018", out _).ShouldBeNull();
        Catalogue.ForOisVariable("BEV18_64_PROG2018", out _).ShouldBeNull();
    }

    [Fact]
    public void A_broken_catalogue_file_Should_be_reported_with_file_line_and_field()
    {
        var files = new Dictionary<string, string>
        {
            ["indicators.csv"] = "id;label;theme;unit;kind;numerator;denominator;direction;definition;source\nx;X;buurtleven;aantal;count;;;neutral;d;s\n",
            ["cbs-kwb-columns.csv"] = "header;indicator\n",
            ["cbs-statline-columns.csv"] = "table;header;indicator\n",
            ["bbga-variables.csv"] = "variabele;indicator;role\n",
        };
        var e = Should.Throw<Buurtscan.Domain.InputException>(() => IndicatorCatalogue.Load(n => files[n]));
        e.Message.ShouldStartWith("indicators.csv:2: field 'theme': unknown theme 'buurtleven'");

        files["indicators.csv"] = "id;label;theme;unit;kind;numerator;denominator;direction;definition;source\nx;X;wonen;%;share;y;z;neutral;d;s\n";
        Should.Throw<Buurtscan.Domain.InputException>(() => IndicatorCatalogue.Load(n => files[n])).Message.ShouldContain("'y' is not an indicator");

        files["indicators.csv"] = "id;label;theme;unit;kind;numerator;denominator;direction;definition;source\nx;X;wonen;aantal;count;;;neutral;d;s\n";
        files["bbga-variables.csv"] = "variabele;indicator;role\nA;x;observation\nA;x;observation\n";
        Should.Throw<Buurtscan.Domain.InputException>(() => IndicatorCatalogue.Load(n => files[n])).Message.ShouldStartWith("bbga-variables.csv:3: field 'variabele': variable 'A' is mapped twice");
    }
}
