using Buurtscan.Build;
using Buurtscan.Catalogue;
using Buurtscan.Domain;
using Buurtscan.Import;
using Buurtscan.Resolve;
using Buurtscan.Tests.Support;

namespace Buurtscan.Tests.Resolve;

/// <summary>The scan of the Wegener Sleeswijkbuurt on the real sources in ../shared/data.</summary>
public sealed class RealDataScanTests
{
    private static readonly Lazy<DataSet> Data = new(() => ScanBuilder.LoadData(TestPaths.SharedData));

    private static readonly Lazy<Scan> Fb08 = new(() =>
        Resolver.Resolve(Data.Value, FocusTarget.Of(Data.Value.Registry.Get(new AreaRef(Division.Indeling2022, "FB08"))), ScanProfile.Default, "test"));

    private static Figure Figure(string id) => Fb08.Value.Themes.SelectMany(t => t.Figures).Single(f => f.IndicatorId == id);

    [Fact]
    public void Every_profile_indicator_Should_have_a_figure_or_an_explained_gap()
    {
        foreach (var figure in Fb08.Value.Themes.SelectMany(t => t.Figures))
        {
            if (figure.Value is null || figure.Level != Level.Buurt)
            {
                Fb08.Value.Gaps.ShouldContain(g => g.IndicatorId == figure.IndicatorId && g.Reason.Length > 0, figure.IndicatorId);
            }
        }
    }

    [Fact]
    public void Crime_per_1000_inwoners_Should_be_missing_for_want_of_inwoners_in_the_police_year_and_say_so()
    {
        // The police's figures are of 2023; CBS counted inwoners on 1 January 2017, 2019 and 2024 (and the city's
        // statistics have no 2023 for this buurt): no year has both, and no year is divided by another.
        Figure("misdrijven_per_1000").Value.ShouldBeNull();
        Fb08.Value.Gaps.Single(g => g.IndicatorId == "misdrijven_per_1000").Reason
            .ShouldBe("berekend uit geregistreerde misdrijven en inwoners, maar voor de Wegener Sleeswijkbuurt zijn er geregistreerde misdrijven van 2023 " +
                      "en inwoners van 2017, 2019 en 2024: geen jaar met beide");
    }

    [Fact]
    public void Population_Should_come_from_the_buurt_itself_in_2024()
    {
        var inwoners = Figure("inwoners");
        inwoners.Value.ShouldBe(1485);
        inwoners.Level.ShouldBe(Level.Buurt);
        inwoners.Year.ShouldBe(2024);
        inwoners.Status.ShouldBe(FigureStatus.Ok);
        inwoners.Comparisons.Single(c => c.Level == Level.Gemeente).Value.ShouldBe(931298);
        inwoners.Comparisons.Single(c => c.Level == Level.Wijk).Value.ShouldBe(19180);
    }

    [Fact]
    public void Shares_Should_be_recomputed_and_indexed_against_Amsterdam()
    {
        var young = Figure("aandeel_0_15");
        young.Value!.Value.ShouldBe(285.0 / 1485 * 100, 1e-9);
        young.Status.ShouldBe(FigureStatus.Computed);
        var city = 122836.0 / 931298 * 100;
        young.Comparisons.Single(c => c.Level == Level.Gemeente).Value!.Value.ShouldBe(city, 1e-9);
        young.Index.ShouldBe(Math.Round(285.0 / 1485 * 100 / city * 100, 1));
        young.Ranking!.Of.ShouldBeGreaterThan(400);
    }

    [Fact]
    public void Gebied_and_stadsdeel_Should_be_summed_from_their_wijken()
    {
        var inwoners = Figure("inwoners");
        var gebied = inwoners.Comparisons.Single(c => c.Level == Level.Gebied);
        gebied.Status.ShouldBe(FigureStatus.Computed);
        var wijken = Data.Value.Registry.Children(new AreaRef(Division.Indeling2022, "GF07"));
        var index = new ObservationIndex(Data.Value.Observations);
        gebied.Value.ShouldBe(wijken.Sum(w => index.Get("inwoners", w.Ref, 2024)!.Value!.Value));
    }

    [Fact]
    public void History_before_2022_Should_be_estimated_from_F78a_and_say_so()
    {
        var inwoners = Figure("inwoners");
        var weight = Fb08.Value.BoundaryWeights.Single(w => w.FromCode == "F78a" && w.ToCode == "FB08");
        weight.FromDivision.ShouldBe(Division.Indeling2015);
        weight.Weight.ShouldBe(0.72, 0.02); // about 72% of F78a's surface lies in FB08

        var y2017 = inwoners.Series.Single(p => p.Year == 2017);
        y2017.Status.ShouldBe(FigureStatus.Estimated);
        y2017.Value!.Value.ShouldBe(3110 * weight.Weight, 0.5); // F78a had 3110 inwoners in KWB 2017
        inwoners.Series.Single(p => p.Year == 2024).Status.ShouldBe(FigureStatus.Ok);

        // Worded in Dutch, decimal comma included: F79 covers 63.1% of wijk FB.
        Fb08.Value.BoundaryWeights.Single(w => w.FromCode == "F79" && w.ToCode == "FB").Basis.ShouldEndWith("bedekt 63,1% van FB");
    }

    [Fact]
    public void Every_profile_indicator_Should_resolve_to_a_known_level()
    {
        var levels = Fb08.Value.Themes.SelectMany(t => t.Figures).ToDictionary(f => f.IndicatorId, f => f.Level);
        levels["inwoners"].ShouldBe(Level.Buurt);
        levels["energielabel_ab_pct"].ShouldBe(Level.Buurt); // Gebied in beeld, 2022 buurten
        levels["groen_aanbod"].ShouldBe(Level.Buurt);
        levels["ervaren_gezondheid_goed_pct"].ShouldBe(Level.Gebied); // OIS publishes it per gebied only
        levels["misdrijven_per_1000"].ShouldBeNull(); // crime 2023 exists, inhabitants 2023 at buurt level do not
    }
}
