using Buurtscan.Areas;
using Buurtscan.Build;
using Buurtscan.Catalogue;
using Buurtscan.Domain;
using Buurtscan.Import;
using Buurtscan.Render;
using Buurtscan.Resolve;
using Buurtscan.Tests.Support;
using FsCheck;
using FsCheck.Fluent;

namespace Buurtscan.Tests.Render;

/// <summary>The data of a real build of the Wegener Sleeswijkbuurt from ../shared/data, shared by the map tests.</summary>
internal static class RealFb08
{
    private static readonly Lazy<(DataSet Data, Area Focus, Scan Scan)> Built = new(() =>
    {
        var data = ScanBuilder.LoadData(TestPaths.SharedData);
        var focus = ScanBuilder.FindBuurt(data.Registry, "FB08");
        return (data, focus, Resolver.Resolve(data, FocusTarget.Of(focus), ScanProfile.Default, "test"));
    });

    public static DataSet Data => Built.Value.Data;
    public static Area Focus => Built.Value.Focus;
    public static Scan Scan => Built.Value.Scan;
    public static AreaRegistry Registry => Data.Registry;

    public static Figure Figure(string id) => Scan.Themes.SelectMany(t => t.Figures).Single(f => f.IndicatorId == id);
}

public sealed class ChoroplethTests
{
    private static Figure Figure(params (string Code, double? Value, FigureStatus Status)[] buurten) => new(
        "aandeel_65plus", "Aandeel 65 jaar of ouder", "%", IndicatorKind.Share, Direction.Neutral, 2024, 16.8, FigureStatus.Computed,
        Level.Buurt, "FB08", "Wegener Sleeswijkbuurt", null, "berekend", 124, [], [], null, [], [], null, Classification.None, null,
        buurten.Select(b => new AreaValue(b.Code, "Buurt " + b.Code, b.Value, b.Status)).ToList(), "Inwoners van 65 jaar of ouder als percentage.", "bevolking", true);

    [Fact]
    public void Ten_values_Should_make_five_quantile_classes_of_two()
    {
        var values = Enumerable.Range(1, 10).Select(i => (double)i).ToArray();

        var classes = ChoroplethClasses.ClassesOf(values);

        values.Select(v => classes[v]).ShouldBe([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    }

    [Fact]
    public void Equal_values_Should_share_a_class_even_across_a_break()
    {
        double[] values = [1, 2, 2, 2, 2, 3];

        var classes = ChoroplethClasses.ClassesOf(values);

        classes.Count.ShouldBe(3);
        (classes[1], classes[2], classes[3]).ShouldBe((1, 2, 3));
    }

    [Fact]
    public void A_suppressed_or_missing_buurt_Should_get_no_class_and_be_hatched_not_coloured()
    {
        var figure = Figure(("FB01", null, FigureStatus.Suppressed), ("FB02", 10, FigureStatus.Computed), ("FB03", 20, FigureStatus.Computed),
            ("FB04", 30, FigureStatus.Computed), ("FB08", 16.8, FigureStatus.Computed), ("FB99", null, FigureStatus.Missing));

        var data = ChoroplethClasses.For(figure, "FB08");

        data.Areas.Where(a => a.Class is null).Select(a => a.Code).ShouldBe(["FB01", "FB99"]);
        data.Classes.Sum(c => c.Count).ShouldBe(4);
        data.Areas.Single(a => a.IsFocus).Code.ShouldBe("FB08");
        var csv = ChoroplethClasses.ToCsv(data).Split('\n');
        csv[0].ShouldBe("code;naam;waarde;status;klasse;klasse_van;klasse_tot;kleur;focus");
        csv[1].ShouldBe("FB01;Buurt FB01;;suppressed;;;;#E3E3E3;nee");
    }

    [Fact]
    public void Legend_labels_Should_gain_a_decimal_when_rounding_would_join_two_classes()
    {
        var figure = Figure(("A", 19.02, FigureStatus.Ok), ("B", 19.18, FigureStatus.Ok), ("C", 19.21, FigureStatus.Ok), ("D", 21.6, FigureStatus.Ok), ("E", 25, FigureStatus.Ok));

        var data = ChoroplethClasses.For(figure, "A");

        data.Classes.Select(c => c.Label).ShouldBe(["19,02%", "19,18%", "19,21%", "21,60%", "25,00%"]);
    }

    [Fact]
    public void Classes_Should_be_ordered_non_empty_and_at_most_five_for_any_values()
    {
        // Property: classes never overlap, follow the values' order, are all used, and number at most five.
        var values = Gen.NonEmptyListOf(Gen.Choose(0, 40).Select(i => i / 4.0));
        Prop.ForAll(values.ToArbitrary(), list =>
        {
            var sorted = list.Order().ToArray();
            var classes = ChoroplethClasses.ClassesOf(sorted);
            var used = classes.Values.Distinct().Order().ToList();
            var monotone = sorted.Zip(sorted.Skip(1)).All(p => classes[p.First] <= classes[p.Second]);
            return monotone && used.SequenceEqual(Enumerable.Range(1, used.Count)) && used.Count <= ChoroplethClasses.MaxClasses &&
                used.Count == Math.Min(ChoroplethClasses.MaxClasses, sorted.Distinct().Count());
        }).Check(Config.QuickThrowOnFailure.WithReplay(20240, 1201).WithMaxTest(500));
    }

    [Fact]
    public void Choropleth_of_the_real_gebied_Should_show_every_buurt_and_hatch_the_suppressed_ones()
    {
        var figure = RealFb08.Figure("aandeel_0_15");

        var map = Maps.Choropleth(RealFb08.Registry, RealFb08.Scan.Focus, figure, "CBS");

        var data = map.Choropleth.ShouldNotBeNull();
        data.Areas.Count.ShouldBe(RealFb08.Registry.BuurtenOf(new AreaRef(Division.Indeling2022, "GF07")).Count);
        data.Areas.Single(a => a.Code == "FB01").Class.ShouldBeNull(); // 25 inhabitants: the share is suppressed
        var hatched = map.Shapes.Where(s => s.Hatched).Select(s => s.Code).Order(StringComparer.Ordinal).ToList();
        hatched.ShouldBe(data.Areas.Where(a => a.Class is null).Select(a => a.Code).Order(StringComparer.Ordinal).ToList());
        map.Shapes.Where(s => s.Hatched).ShouldAllBe(s => s.Fill == Maps.NoFigureFill);
        map.Legend.ShouldContain(l => l.Hatched && l.Label.StartsWith("geen cijfer of onderdrukt", StringComparison.Ordinal));
        map.Shapes.Single(s => s.Role == "focus").Cased.ShouldBeTrue();
        map.Source.ShouldBe("Kaart: Gemeente Amsterdam, gebiedsindeling 2022 · Cijfers: CBS");
        map.AltText.ShouldContain("Wegener Sleeswijkbuurt: 19,2%");
    }

    [Fact]
    public void The_mapped_figure_Should_be_a_share_not_a_count()
    {
        var chosen = Maps.ChoroplethFigures(RealFb08.Scan);

        chosen.Count.ShouldBe(RealFb08.Scan.Themes.Count);
        chosen.ShouldAllBe(c => c.Figure.Kind != IndicatorKind.Count);
    }
}
