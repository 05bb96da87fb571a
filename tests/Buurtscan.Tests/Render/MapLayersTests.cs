using Buurtscan.Areas;
using Buurtscan.Build;
using Buurtscan.Catalogue;
using Buurtscan.Domain;
using Buurtscan.Render;
using Buurtscan.Resolve;
using NetTopologySuite.Geometries;

namespace Buurtscan.Tests.Render;

/// <summary>The shapes a gebied's choropleths have in common, drawn once for all its buurten: only where the pixels are the same.</summary>
public sealed class MapLayersTests
{
    /// <summary>The choropleths of the Wegener Sleeswijkbuurt and of another buurt of its gebied (GF07), on the real data.</summary>
    private static readonly Lazy<IReadOnlyList<MapPlan>> GebiedPlans = new(() =>
    {
        var other = RealFb08.Registry.BuurtenOf(new AreaRef(Division.Indeling2022, "GF07"))
            .Where(b => b.Code != "FB08" && b.Geometry is not null).OrderBy(b => b.Code, StringComparer.Ordinal).First();
        var otherScan = Resolver.Resolve(RealFb08.Data, FocusTarget.Of(other), ScanProfile.Default, "test");
        return [.. new[] { ScanBuilder.MapsFor(RealFb08.Scan, RealFb08.Data, RealFb08.Focus), ScanBuilder.MapsFor(otherScan, RealFb08.Data, other) }
            .SelectMany(maps => maps.Where(m => m.Choropleth is not null)).Select(MapPlanner.Plan)];
    });

    [Fact]
    public void Choropleths_drawn_on_shared_layers_Should_be_the_bytes_of_the_maps_drawn_whole()
    {
        var plans = GebiedPlans.Value;
        var layers = new MapLayers();

        foreach (var plan in plans)
        {
            MapPainter.Png(plan, layers).AsSpan().SequenceEqual(MapPainter.Png(plan)).ShouldBeTrue(plan.Spec.Name);
        }

        // The second buurt's maps of the same indicator were drawn on the first one's layers, and those differ per indicator.
        var kinds = plans.Select(p => p.Spec.Name).Distinct(StringComparer.Ordinal).Count();
        plans.Count.ShouldBeGreaterThan(kinds);
        layers.Counts.Drawn.ShouldBe(kinds);
        layers.Counts.Reused.ShouldBe(plans.Count - kinds);
        plans.ShouldContain(p => p.Spec.Shapes.Take(p.Spec.CommonShapes).Any(s => s.Hatched), "a map with hatched areas is among them");
    }

    [Fact]
    public void Layers_pushed_out_Should_be_drawn_again_with_the_same_pixels()
    {
        var plans = GebiedPlans.Value.DistinctBy(p => p.Spec.Name).Take(3).ToList();
        var whole = plans.Select(p => MapPainter.Png(p)).ToList();
        var layers = new MapLayers(capacity: 1);

        foreach (var i in new[] { 0, 1, 0, 2, 2, 1 })
        {
            MapPainter.Png(plans[i], layers).AsSpan().SequenceEqual(whole[i]).ShouldBeTrue(plans[i].Spec.Name);
        }

        layers.Counts.ShouldBe((5, 1));
    }

    [Fact]
    public void Maps_without_common_shapes_Should_be_drawn_whole()
    {
        var layers = new MapLayers();
        var locator = MapPlanner.Plan(Maps.Locator(RealFb08.Registry, RealFb08.Focus));

        locator.Spec.CommonShapes.ShouldBe(0);
        MapPainter.Png(locator, layers).AsSpan().SequenceEqual(MapPainter.Png(locator)).ShouldBeTrue();
        layers.Counts.ShouldBe((0, 0));
    }

    private static readonly Polygon Square = Geo.Wgs84.CreatePolygon([new(4.85, 52.37), new(4.86, 52.37), new(4.86, 52.38), new(4.85, 52.38), new(4.85, 52.37)]);

    private static readonly MapShape Shape = new("AA01", "Buurt", Square, "#A6CEE3", "#FFFFFF", 0.9) { Role = "buurt met cijfer" };

    private static MapPlan PlanOf(MapShape shape, Envelope? extent = null) =>
        MapPlanner.Plan(new MapSpec("kaart-test", "Test", "Een testkaart", [shape], []) { Extent = extent ?? new Envelope(4.84, 4.87, 52.36, 52.39), CommonShapes = 1 });

    private static LayerKey KeyOf(MapPlan plan) => MapLayers.KeyOf(plan, plan.Shapes);

    /// <summary>One change to each thing the layer's pixels depend on; every one must make another key.</summary>
    public static TheoryData<string, MapShape, Envelope?> DrawnChanges() => new()
    {
        { "fill", Shape with { Fill = "#1F78B4" }, null },
        { "line colour", Shape with { Line = "#000000" }, null },
        { "line width", Shape with { LineWidth = 1.3 }, null },
        { "hatched", Shape with { Hatched = true }, null },
        { "cased", Shape with { Cased = true }, null },
        { "dashed", Shape with { Dashed = true }, null },
        { "outline", Shape with { Geometry = (Geometry)Square.Copy() }, null },
        { "view", Shape, new Envelope(4.84, 4.88, 52.36, 52.39) },
    };

    [Theory]
    [MemberData(nameof(DrawnChanges))]
    public void The_key_Should_change_with_everything_the_layer_shows(string change, MapShape shape, Envelope? extent)
    {
        var original = PlanOf(Shape);
        var changed = PlanOf(shape, extent);

        KeyOf(changed).ShouldNotBe(KeyOf(original), change);
        KeyOf(PlanOf(Shape)).ShouldBe(KeyOf(original));
    }

    [Fact]
    public void The_key_Should_change_with_the_height_of_the_picture()
    {
        var plan = PlanOf(Shape);
        var taller = MapPlanner.Plan(plan.Spec with { Legend = [new LegendEntry("Een klasse", "#A6CEE3", "#FFFFFF"), new LegendEntry("Nog een", "#1F78B4", "#FFFFFF")] });

        taller.Height.ShouldBeGreaterThan(plan.Height);
        (taller.Frame, taller.PixelsPerMetre).ShouldBe((plan.Frame, plan.PixelsPerMetre));
        KeyOf(taller).ShouldNotBe(KeyOf(plan));
    }

    [Fact]
    public void The_key_Should_leave_out_the_code_name_and_role_which_are_not_drawn()
    {
        var renamed = Shape with { Code = "AA02", Name = "Andere buurt", Role = "omgeving" };

        KeyOf(PlanOf(renamed)).ShouldBe(KeyOf(PlanOf(Shape)));
    }

    /// <summary>A field added to a map shape must be added to the key (or to the fields not drawn); this test names them all.</summary>
    [Fact]
    public void The_key_Should_know_every_field_of_a_map_shape()
    {
        typeof(MapShape).GetProperties().Select(p => p.Name).Where(n => n != "EqualityContract").Order(StringComparer.Ordinal)
            .ShouldBe(["Cased", "Code", "Dashed", "Fill", "Geometry", "Hatched", "Line", "LineWidth", "Name", "Role"]);
    }
}
