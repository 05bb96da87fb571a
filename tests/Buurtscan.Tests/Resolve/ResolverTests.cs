using Buurtscan.Areas;
using Buurtscan.Build;
using Buurtscan.Catalogue;
using Buurtscan.Domain;
using Buurtscan.Import;
using Buurtscan.Resolve;
using Buurtscan.Tests.Support;

namespace Buurtscan.Tests.Resolve;

/// <summary>The resolve rules on the example areas with observations made up per test.</summary>
public sealed class ResolverTests
{
    private static readonly Lazy<DataSet> Samples = new(() => ScanBuilder.LoadData(TestPaths.Samples));

    private static AreaRef A(string code) => new(Division.Indeling2022, code);

    private static Observation Obs(string indicator, string code, double? value, Status status = Status.Ok, int year = 2024) =>
        new(indicator, A(code), year, value, value is null && status == Status.Ok ? Status.Missing : status, new SourceRef("test.csv", 2));

    /// <summary>The example registry with only the given observations.</summary>
    private static ValueResolver With(params Observation[] observations) =>
        new(Samples.Value with { Observations = observations });

    private static Indicator I(string id) => IndicatorCatalogue.Default.Get(id);

    [Fact]
    public void A_published_value_Should_be_taken_as_it_is()
    {
        var r = With(Obs("inwoners", "FB08", 1500)).ValueOf(I("inwoners"), A("FB08"), 2024);
        r.Value.ShouldBe(1500);
        r.Status.ShouldBe(FigureStatus.Ok);
        r.Sources.ShouldBe([new SourceRef("test.csv", 2)]);
    }

    [Fact]
    public void A_gebied_Should_be_the_sum_of_its_wijken_when_complete()
    {
        var r = With(Obs("inwoners", "FB", 13000), Obs("inwoners", "FC", 8000)).ValueOf(I("inwoners"), A("GF07"), 2024);
        r.Value.ShouldBe(21000);
        r.Status.ShouldBe(FigureStatus.Computed);
        r.Rule.ShouldBe("som van 2 wijken");
    }

    [Fact]
    public void A_sum_with_a_missing_part_Should_not_be_a_value()
    {
        // FC has no figure and none of its buurten do: the gebied cannot be summed.
        var r = With(Obs("inwoners", "FB", 13000)).ValueOf(I("inwoners"), A("GF07"), 2024);
        r.HasValue.ShouldBeFalse();
        r.Rule.ShouldContain("1 van 2 delen zonder cijfer");
    }

    [Fact]
    public void A_value_secret_at_the_source_Should_never_be_rebuilt_from_parts()
    {
        var r = With(Obs("inwoners", "FC", null, Status.Suppressed), Obs("inwoners", "FC01", 2600), Obs("inwoners", "FC02", 2300), Obs("inwoners", "FC03", 2900))
            .ValueOf(I("inwoners"), A("FC"), 2024);
        r.HasValue.ShouldBeFalse();
        r.Status.ShouldBe(FigureStatus.Suppressed);
    }

    [Fact]
    public void A_share_Should_be_recomputed_from_numerator_and_denominator()
    {
        var values = With(Obs("inwoners", "FB", 13000), Obs("inwoners", "FC", 7000), Obs("leeftijd_0_15", "FB", 2600), Obs("leeftijd_0_15", "FC", 700));
        values.ValueOf(I("aandeel_0_15"), A("FB"), 2024).Value.ShouldBe(20);
        values.ValueOf(I("aandeel_0_15"), A("FC"), 2024).Value.ShouldBe(10);
        // Not the average of 20% and 10%: (2600 + 700) / (13000 + 7000).
        values.ValueOf(I("aandeel_0_15"), A("GF07"), 2024).Value.ShouldBe(16.5);
    }

    [Fact]
    public void A_share_on_a_small_denominator_Should_be_suppressed()
    {
        var r = With(Obs("inwoners", "FB01", 15), Obs("leeftijd_0_15", "FB01", 5)).ValueOf(I("aandeel_0_15"), A("FB01"), 2024);
        r.HasValue.ShouldBeFalse();
        r.Status.ShouldBe(FigureStatus.Suppressed);
    }

    [Fact]
    public void The_lowest_level_with_a_value_Should_be_used_and_the_reason_given()
    {
        var data = Samples.Value with { Observations = [Obs("inwoners", "FB", 13000), Obs("inwoners", "0363", 925000), Obs("inwoners", "FB08", null, Status.Suppressed)] };
        var profile = new ScanProfile("t", [new ProfileTheme("bevolking", "Bevolking", ["inwoners"])]);

        var scan = Resolver.Resolve(data, FocusTarget.Of(data.Registry.Get(A("FB08"))), profile, "test");

        var figure = scan.Themes[0].Figures[0];
        figure.Value.ShouldBe(13000);
        figure.Level.ShouldBe(Level.Wijk);
        figure.Reason.ShouldBe("buurt: geheim bij de bron");
        scan.Gaps.Single().LevelUsed.ShouldBe(Level.Wijk);
    }

    [Fact]
    public void A_ratio_whose_parts_have_no_year_in_common_Should_say_so_with_their_years()
    {
        // Misdrijven of 2023 and inwoners of 2022 and 2024: the one year is never divided by the other.
        var data = Samples.Value with
        {
            Observations =
            [
                Obs("geregistreerde_misdrijven", "FB08", 80, year: 2023), Obs("inwoners", "FB08", 1450, year: 2022), Obs("inwoners", "FB08", 1485),
            ],
        };
        var profile = new ScanProfile("t", [new ProfileTheme("veiligheid", "Veiligheid", ["misdrijven_per_1000"])]);

        var scan = Resolver.Resolve(data, FocusTarget.Of(data.Registry.Get(A("FB08"))), profile, "test");

        scan.Themes[0].Figures[0].Value.ShouldBeNull();
        scan.Gaps.Single().Reason.ShouldBe("berekend uit geregistreerde misdrijven en inwoners, maar voor de Wegener Sleeswijkbuurt zijn er " +
            "geregistreerde misdrijven van 2023 en inwoners van 2022 en 2024: geen jaar met beide");
    }

    [Fact]
    public void A_ratio_whose_parts_share_a_year_Should_not_blame_the_years()
    {
        // Both parts have 2024, but the denominator is too small to divide by: the reason is not the years.
        var data = Samples.Value with { Observations = [Obs("geregistreerde_misdrijven", "FB08", 3), Obs("inwoners", "FB08", 15)] };
        var profile = new ScanProfile("t", [new ProfileTheme("veiligheid", "Veiligheid", ["misdrijven_per_1000"])]);

        var scan = Resolver.Resolve(data, FocusTarget.Of(data.Registry.Get(A("FB08"))), profile, "test");

        scan.Themes[0].Figures[0].Value.ShouldBeNull();
        scan.Gaps.Single().Reason.ShouldNotContain("geen jaar met beide");
    }

    [Fact]
    public void A_figure_taken_from_the_city_itself_Should_have_no_index()
    {
        // Only Amsterdam has the share: an index of 100 would read as the buurt being at the city's level.
        var data = Samples.Value with { Observations = [Obs("inwoners", "0363", 925000), Obs("leeftijd_0_15", "0363", 120250)] };
        var profile = new ScanProfile("t", [new ProfileTheme("bevolking", "Bevolking", ["aandeel_0_15"])]);

        var figure = Resolver.Resolve(data, FocusTarget.Of(data.Registry.Get(A("FB08"))), profile, "test").Themes[0].Figures[0];

        figure.Level.ShouldBe(Level.Gemeente);
        figure.Value!.Value.ShouldBe(13, tolerance: 0.01);
        figure.Index.ShouldBeNull();
    }

    [Fact]
    public void A_figure_taken_from_the_wijk_Should_be_indexed_against_the_city()
    {
        var data = Samples.Value with
        {
            Observations = [Obs("inwoners", "0363", 925000), Obs("leeftijd_0_15", "0363", 120250), Obs("inwoners", "FB", 13000), Obs("leeftijd_0_15", "FB", 2600)],
        };
        var profile = new ScanProfile("t", [new ProfileTheme("bevolking", "Bevolking", ["aandeel_0_15"])]);

        var figure = Resolver.Resolve(data, FocusTarget.Of(data.Registry.Get(A("FB08"))), profile, "test").Themes[0].Figures[0];

        figure.Level.ShouldBe(Level.Wijk);
        figure.Index.ShouldBe(153.8); // 20% against 13%
    }

    [Fact]
    public void An_older_year_at_the_buurt_Should_not_beat_the_newest_year_at_a_higher_level()
    {
        var data = Samples.Value with { Observations = [Obs("inwoners", "FB08", 1400, year: 2023), Obs("inwoners", "FB", 13000), Obs("inwoners", "0363", 925000)] };
        var profile = new ScanProfile("t", [new ProfileTheme("bevolking", "Bevolking", ["inwoners"])]);

        var figure = Resolver.Resolve(data, FocusTarget.Of(data.Registry.Get(A("FB08"))), profile, "test").Themes[0].Figures[0];

        figure.Year.ShouldBe(2024);
        figure.Level.ShouldBe(Level.Wijk);
        figure.Series.ShouldBe([new YearValue(2024, 13000, FigureStatus.Ok)]);
    }

    [Fact]
    public void A_figure_years_older_than_the_rest_Should_be_listed_as_stale()
    {
        var data = Samples.Value with { Observations = [Obs("inwoners", "FB08", 1500), Obs("mannen", "FB08", 700, year: 2019)] };
        var profile = new ScanProfile("t", [new ProfileTheme("bevolking", "Bevolking", ["inwoners", "mannen"])]);

        var scan = Resolver.Resolve(data, FocusTarget.Of(data.Registry.Get(A("FB08"))), profile, "test");

        scan.Gaps.Single().IndicatorId.ShouldBe("mannen");
        scan.Gaps.Single().Reason.ShouldBe("verouderd: het nieuwste cijfer is van 2019, de scan loopt tot 2024");
    }

    [Fact]
    public void A_focus_area_of_two_buurten_Should_sum_counts_and_recompute_shares()
    {
        var data = Samples.Value with
        {
            Observations = [Obs("inwoners", "FB07", 2000), Obs("inwoners", "FB08", 1500), Obs("leeftijd_0_15", "FB07", 300), Obs("leeftijd_0_15", "FB08", 400)],
        };
        var focus = FocusAreas.Parse("""{ "name": "Zuid", "buurten": ["FB07", "FB08"] }""", "zuid.json", data.Registry);
        var profile = new ScanProfile("t", [new ProfileTheme("bevolking", "Bevolking", ["inwoners", "aandeel_0_15"])]);

        var scan = Resolver.Resolve(data, focus, profile, "test");

        focus.Parent.ShouldBe(A("FB"));
        var (inwoners, share) = (scan.Themes[0].Figures[0], scan.Themes[0].Figures[1]);
        inwoners.Value.ShouldBe(3500);
        inwoners.Status.ShouldBe(FigureStatus.Computed);
        share.Value.ShouldBe(20);
        scan.Focus.Parts.Select(p => p.Code).ShouldBe(["FB07", "FB08"]);
    }

    [Fact]
    public void A_drawn_polygon_Should_be_apportioned_by_surface_and_marked_estimated()
    {
        var data = Samples.Value with { Observations = [Obs("inwoners", "FB08", 1000)] };
        // The western half of FB08 (lon 4.792–4.798, lat 52.372–52.376).
        var focus = FocusAreas.Parse("""{ "name": "Halve buurt", "geometry": { "type": "Polygon", "coordinates": [[[4.792, 52.372], [4.795, 52.372], [4.795, 52.376], [4.792, 52.376], [4.792, 52.372]]] } }""", "half.json", data.Registry);
        var profile = new ScanProfile("t", [new ProfileTheme("bevolking", "Bevolking", ["inwoners"])]);

        focus.Parts.Single().Buurt.ShouldBe(A("FB08"));
        focus.Parts.Single().Weight.ShouldBe(0.5, 0.01);
        var figure = Resolver.Resolve(data, focus, profile, "test").Themes[0].Figures[0];
        figure.Value!.Value.ShouldBe(500, 10);
        figure.Status.ShouldBe(FigureStatus.Estimated);
    }

    [Fact]
    public void A_focus_area_whose_complement_is_secret_Should_be_suppressed()
    {
        // Wijk FC is published and FC01 is secret: FC02 + FC03 beside the wijk total would give FC01 away.
        var data = Samples.Value with
        {
            Observations = [Obs("inwoners", "FC", 7800), Obs("inwoners", "FC01", null, Status.Suppressed), Obs("inwoners", "FC02", 2300), Obs("inwoners", "FC03", 2900)],
        };
        var focus = FocusAreas.Parse("""{ "name": "Rest", "buurten": ["FC02", "FC03"] }""", "rest.json", data.Registry);
        var profile = new ScanProfile("t", [new ProfileTheme("bevolking", "Bevolking", ["inwoners"])]);

        var figure = Resolver.Resolve(data, focus, profile, "test").Themes[0].Figures[0];

        figure.Comparisons[0].Value.ShouldBeNull();
        figure.Comparisons[0].Status.ShouldBe(FigureStatus.Suppressed);
        figure.Level.ShouldBe(Level.Wijk);
    }

    [Fact]
    public void Map_values_Should_hide_a_second_buurt_when_exactly_one_is_secret_beside_a_published_wijk()
    {
        var data = Samples.Value with
        {
            Observations =
            [
                Obs("inwoners", "FC", 7800), Obs("inwoners", "FC01", null, Status.Suppressed), Obs("inwoners", "FC02", 2300), Obs("inwoners", "FC03", 2900),
                Obs("inwoners", "FB08", 1500), Obs("inwoners", "0363", 925000),
            ],
        };
        var profile = new ScanProfile("t", [new ProfileTheme("bevolking", "Bevolking", ["inwoners"])]);

        var figure = Resolver.Resolve(data, FocusTarget.Of(data.Registry.Get(A("FB08"))), profile, "test").Themes[0].Figures[0];

        var fc = figure.Neighbourhood.Where(n => n.Code.StartsWith("FC", StringComparison.Ordinal)).ToDictionary(n => n.Code);
        fc["FC01"].Value.ShouldBeNull();
        fc["FC02"].Value.ShouldBeNull(); // the smaller one, hidden as well
        fc["FC02"].Status.ShouldBe(FigureStatus.Suppressed);
        fc["FC03"].Value.ShouldBe(2900);
    }

    [Fact]
    public void Classification_Should_follow_the_direction_and_the_threshold()
    {
        // A made-up "higher is worse" share so the rule can be seen on its own.
        var catalogue = IndicatorCatalogue.Default;
        var neutral = catalogue.Get("aandeel_65plus");
        neutral.Direction.ShouldBe(Direction.Neutral);

        var data = Samples.Value;
        var scan = Resolver.Resolve(data, FocusTarget.Of(data.Registry.Get(A("FB08"))), ScanProfile.Default, "test");
        scan.Themes.SelectMany(t => t.Figures).Where(f => f.Direction == Direction.Neutral).ShouldAllBe(f => f.Classification == Classification.None);
        scan.Themes.SelectMany(t => t.Figures).Where(f => f.Kind == IndicatorKind.Count).ShouldAllBe(f => f.Classification == Classification.None);
    }

    [Fact]
    public void Ranking_Should_count_buurten_with_a_value()
    {
        var data = Samples.Value;
        var scan = Resolver.Resolve(data, FocusTarget.Of(data.Registry.Get(A("FB08"))), ScanProfile.Default, "test");
        var share = scan.Themes[0].Figures.Single(f => f.IndicatorId == "aandeel_0_15");

        share.Ranking.ShouldNotBeNull();
        // 15 example buurten; FB99 and BA01 have no inhabitants and FB01/FB04 are too small for a share.
        share.Ranking.Of.ShouldBe(11);
        share.Ranking.Rank.ShouldBeInRange(1, 11);
        share.Ranking.Percentile.ShouldBeInRange(0, 100);
    }
}
