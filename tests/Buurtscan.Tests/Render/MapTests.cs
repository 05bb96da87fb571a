using System.Xml.Linq;
using Buurtscan.Build;
using Buurtscan.Domain;
using Buurtscan.Render;

namespace Buurtscan.Tests.Render;

/// <summary>Layout and files of the maps, on the real boundaries of the Wegener Sleeswijkbuurt and its gebied.</summary>
public sealed class MapTests
{
    private static readonly Lazy<IReadOnlyList<MapSpec>> RealMaps = new(() => ScanBuilder.MapsFor(RealFb08.Scan, RealFb08.Data, RealFb08.Focus));

    private static MapSpec Map(string name) => RealMaps.Value.Single(m => m.Name == name);

    private static PixelRect BoxOf(PlacedLabel label) =>
        new(label.X - label.Lines.Max(l => MapText.Width(l, label.Size, label.Kind == LabelKind.Focus)) / 2,
            label.Y - label.Lines.Count * label.Size * MapText.LineHeight / 2,
            label.Lines.Max(l => MapText.Width(l, label.Size, label.Kind == LabelKind.Focus)),
            label.Lines.Count * label.Size * MapText.LineHeight);

    [Fact]
    public void A_scan_Should_have_a_locator_a_choropleth_per_theme_and_an_A3_map()
    {
        var names = RealMaps.Value.Select(m => m.Name).ToList();
        names[0].ShouldBe("ligging");
        names[^1].ShouldBe("omgeving-a3");
        names.ShouldContain("kaart-aandeel_huishoudens_met_kinderen");
        names.Skip(1).SkipLast(1).ShouldAllBe(n => n.StartsWith("kaart-", StringComparison.Ordinal));
        names.Count.ShouldBeLessThanOrEqualTo(2 + 8); // at most one choropleth per theme
        RealMaps.Value.ShouldAllBe(m => m.ImagePath == $"maps/{m.Name}.png" && m.DataPath == $"maps/{m.Name}.csv" && m.AltText.Length > 40);
    }

    [Theory]
    [InlineData("ligging")]
    [InlineData("kaart-aandeel_huishoudens_met_kinderen")]
    [InlineData("omgeving-a3")]
    public void Labels_Should_never_overlap_each_other_nor_leave_the_frame(string name)
    {
        var plan = MapPlanner.Plan(Map(name));

        var placed = plan.Labels.Where(l => l.Lines.Count > 0).ToList();
        placed.Count.ShouldBeGreaterThan(3);
        placed.Single(l => l.Kind == LabelKind.Focus).Code.ShouldBe("FB08");
        for (var i = 0; i < placed.Count; i++)
        {
            BoxOf(placed[i]).Within(plan.Frame).ShouldBeTrue($"{placed[i].Code} sticks out of the frame");
            for (var j = i + 1; j < placed.Count; j++)
            {
                BoxOf(placed[i]).Overlaps(BoxOf(placed[j])).ShouldBeFalse($"{placed[i].Code} overlaps {placed[j].Code}");
            }

            BoxOf(placed[i]).Overlaps(plan.ScaleBar.Box).ShouldBeFalse($"{placed[i].Code} overlaps the scale bar");
        }
    }

    [Fact]
    public void The_A3_map_drawn_from_ready_outlines_Should_be_the_bytes_of_the_map_stroked_strip_by_strip()
    {
        var plan = MapPlanner.Plan(Map("omgeving-a3"));
        plan.Shapes.ShouldContain(s => s.Shape.Dashed);
        plan.Shapes.ShouldContain(s => s.Shape.Cased);
        plan.Shapes.ShouldContain(s => s.Shape.Fill != "#00000000" && !s.Shape.Cased);

        var ready = MapPainter.PrintPng(plan, readyOutlines: true);

        ready.AsSpan().SequenceEqual(MapPainter.PrintPng(plan, readyOutlines: false)).ShouldBeTrue();
        MapPainter.Png(plan).ShouldBe(ready);
    }

    [Fact]
    public void The_A3_map_played_back_strip_by_strip_Should_be_the_bytes_of_the_map_drawn_directly_into_each_strip()
    {
        var plan = MapPlanner.Plan(Map("omgeving-a3"));

        var direct = Png.EncodeInStrips(plan.Width, plan.Height, 300, canvas => MapPainter.Draw(canvas, plan), 256);

        MapPainter.PrintPng(plan).AsSpan().SequenceEqual(direct).ShouldBeTrue();
    }

    [Fact]
    public void The_locator_Should_name_every_neighbour_by_name_or_code()
    {
        var plan = MapPlanner.Plan(Map("ligging"));

        var neighbours = RealFb08.Registry.Neighbours(RealFb08.Focus).Select(n => n.Code).Order(StringComparer.Ordinal).ToList();
        plan.Labels.Where(l => l.Kind == LabelKind.Area).Select(l => l.Code).Order(StringComparer.Ordinal).ShouldBe(neighbours);
        plan.Labels.Where(l => l.Kind == LabelKind.Area).ShouldAllBe(l => l.Lines.Count > 0);
    }

    [Fact]
    public void The_A3_map_Should_name_every_buurt_of_the_gebied_and_list_the_codes_it_uses()
    {
        var map = Map("omgeving-a3");
        var plan = MapPlanner.Plan(map);

        (plan.Width, plan.Height).ShouldBe((4961, 3508));
        var gebied = RealFb08.Registry.BuurtenOf(new AreaRef(Division.Indeling2022, "GF07")).Select(b => b.Code).ToHashSet();
        var labels = plan.Labels.Where(l => gebied.Contains(l.Code)).ToList();
        labels.Count.ShouldBe(gebied.Count);
        labels.ShouldAllBe(l => l.Lines.Count > 0);
        foreach (var coded in plan.Labels.Where(l => l.How == "code"))
        {
            plan.Texts.ShouldContain(t => t.Text.StartsWith(coded.Code + "  ", StringComparison.Ordinal), $"{coded.Code} is on the map as a code but not in the list");
        }

        plan.Texts.ShouldContain(t => t.Text == Maps.BoundarySource);
        plan.Texts.ShouldContain(t => t.Text.StartsWith("Schaal ongeveer 1 : ", StringComparison.Ordinal));
        // Print sizes: the smallest text is at least 8 pt (300 dpi: 1 pt = 300/72 px), body text 11 pt.
        plan.Texts.Min(t => t.Size).ShouldBeGreaterThanOrEqualTo(8 * 300 / 72.0);
        plan.Labels.Where(l => l.Lines.Count > 0).Min(l => l.Size).ShouldBeGreaterThanOrEqualTo(7 * 300 / 72.0);
    }

    [Fact]
    public void The_scale_bar_Should_be_a_round_length_that_matches_the_projection()
    {
        var plan = MapPlanner.Plan(Map("ligging"));

        new[] { 100.0, 200, 250, 500, 1000, 2000, 2500 }.ShouldContain(plan.ScaleBar.Metres);
        plan.ScaleBar.Pixels.ShouldBe(plan.ScaleBar.Metres * plan.PixelsPerMetre, 1e-9);
        plan.ScaleBar.Ticks[^1].Text.ShouldEndWith("m");
    }

    [Fact]
    public void The_A3_files_Should_be_A3_at_300_dpi_and_identical_when_drawn_twice()
    {
        var plan = MapPlanner.Plan(Map("omgeving-a3"));

        var png = MapPainter.Png(plan);
        var svg = MapSvg.Of(plan);

        Png.Size(png).ShouldBe((4961, 3508));
        Png.Resolution(png).ShouldNotBeNull().ShouldBe(300, 0.01);
        var root = XDocument.Parse(svg).Root.ShouldNotBeNull();
        ((string?)root.Attribute("width")).ShouldBe("420mm");
        ((string?)root.Attribute("height")).ShouldBe("297mm");
        MapPainter.Png(MapPlanner.Plan(Map("omgeving-a3"))).ShouldBe(png);
        MapSvg.Of(MapPlanner.Plan(Map("omgeving-a3"))).ShouldBe(svg);
    }

    [Theory]
    [InlineData("ligging")]
    [InlineData("kaart-groen_aanbod")]
    [InlineData("omgeving-a3")]
    public void The_SVG_Should_hold_every_shape_label_and_text_of_the_plan(string name)
    {
        var plan = MapPlanner.Plan(Map(name));
        XNamespace ns = "http://www.w3.org/2000/svg";
        var root = XDocument.Parse(MapSvg.Of(plan)).Root.ShouldNotBeNull();
        ((string?)root.Attribute("viewBox")).ShouldBe($"0 0 {plan.Width} {plan.Height}");

        var texts = root.Descendants(ns + "text").Select(t => t.Value).ToList();
        foreach (var line in plan.Labels.SelectMany(l => l.Lines)) texts.ShouldContain(line);
        foreach (var text in plan.Texts) texts.ShouldContain(text.Text);
        texts.ShouldContain("N");

        // One outline per shape, and a fill of its colour for each filled shape; hatched shapes point at the one pattern.
        var paths = root.Descendants(ns + "path").ToList();
        paths.Count(p => (string?)p.Attribute("fill") == "none" && ((string?)p.Attribute("d"))!.EndsWith('Z')).ShouldBeGreaterThanOrEqualTo(plan.Shapes.Count);
        foreach (var (shape, _) in plan.Shapes.Where(s => s.Shape.Fill.Length == 7))
        {
            paths.ShouldContain(p => (string?)p.Attribute("fill") == shape.Fill, $"no fill {shape.Fill} for {shape.Code}");
        }

        paths.Count(p => (string?)p.Attribute("fill") == "url(#arcering)").ShouldBe(plan.Shapes.Count(s => s.Shape.Hatched));
        root.Descendants(ns + "pattern").Single().Attribute("id")!.Value.ShouldBe("arcering");
    }

    [Fact]
    public void A_screen_map_Should_be_1000_pixels_wide_with_its_legend_and_source_below_the_map()
    {
        var plan = MapPlanner.Plan(Map("kaart-aandeel_huishoudens_met_kinderen"));

        plan.Width.ShouldBe(1000);
        plan.Swatches.Count.ShouldBe(plan.Spec.Legend.Count);
        plan.Swatches.ShouldAllBe(s => s.Rect.Y > plan.Frame.Bottom && s.Rect.Right <= plan.Width);
        var source = plan.Texts.Single(t => t.Text.StartsWith("Kaart: Gemeente Amsterdam, gebiedsindeling 2022", StringComparison.Ordinal));
        source.Y.ShouldBeLessThan(plan.Height);
        plan.Texts.ShouldContain(t => t.Text.StartsWith("Klassen: kwantielen.", StringComparison.Ordinal));
    }
}

/// <summary>Maps of a focus area the user defined, which is not in the registry.</summary>
public sealed class CustomFocusMapTests : IDisposable
{
    private readonly Buurtscan.Tests.Support.TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void A_drawn_focus_area_Should_be_placed_in_its_gebied_on_the_maps_and_in_area_geojson()
    {
        var outDir = temp.Combine("scan");

        ScanBuilder.Build(new BuildSettings("rond-het-plein", Buurtscan.Tests.Support.TestPaths.Samples, outDir, null,
            Path.Combine(Buurtscan.Tests.Support.TestPaths.Samples, "areas")));

        var locator = File.ReadAllLines(Path.Combine(outDir, "maps", "ligging.csv"));
        locator[1].ShouldBe("PLEIN;Rond het plein;focus;naam: Rond het plein");
        locator.ShouldContain("GF07;Geuzenveld, Slotermeer;gebiedsgrens;");
        locator.ShouldContain(l => l.StartsWith("FB08;Wegener Sleeswijkbuurt;buurt in of naast het focusgebied;", StringComparison.Ordinal));
        var geojson = File.ReadAllText(Path.Combine(outDir, "area.geojson"));
        geojson.ShouldContain("\"code\":\"PLEIN\",\"cbsCode\":null,\"name\":\"Rond het plein\",\"level\":\"focusgebied\"");
        geojson.ShouldContain("\"code\":\"GF07\"");
        File.Exists(Path.Combine(outDir, "maps", "omgeving-a3.png")).ShouldBeTrue();
    }
}
