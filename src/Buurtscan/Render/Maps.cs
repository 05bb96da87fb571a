using Buurtscan.Areas;
using Buurtscan.Domain;
using NetTopologySuite.Geometries;
using ScottPlot;
using Coordinates = ScottPlot.Coordinates;

namespace Buurtscan.Render;

/// <summary>A map layer: one area's outline, how it is drawn, and an optional label at its interior point.</summary>
public sealed record MapShape(string Code, string Name, Geometry Geometry, string Fill, string Line, double LineWidth, string? Label);

/// <summary>A map's data; pixels come from <see cref="Maps.Save"/>.</summary>
public sealed record MapSpec(string Name, string Title, string AltText, IReadOnlyList<MapShape> Shapes, IReadOnlyList<(string Label, string Fill)> Legend);

/// <summary>Maps from the boundaries, projected to local metres so that shapes are not stretched.</summary>
public static class Maps
{
    public static void Save(MapSpec map, string folder, int width = 1000, int height = 900)
    {
        using var plot = Draw(map);
        plot.SavePng(Path.Combine(folder, map.Name + ".png"), width, height);
        Svg.Save(plot, Path.Combine(folder, map.Name + ".svg"), width, height);
    }

    public static Plot Draw(MapSpec map)
    {
        var plot = new Plot();
        foreach (var shape in map.Shapes)
        {
            var projected = Geo.ToLocalMetres(shape.Geometry);
            foreach (var polygon in Polygons(projected))
            {
                var coordinates = polygon.ExteriorRing.Coordinates.Select(c => new Coordinates(c.X, c.Y)).ToArray();
                var drawn = plot.Add.Polygon(coordinates);
                drawn.FillColor = Color.FromHex(shape.Fill);
                drawn.LineColor = Color.FromHex(shape.Line);
                drawn.LineWidth = (float)shape.LineWidth;
            }
        }

        foreach (var shape in map.Shapes.Where(s => s.Label is not null))
        {
            var point = Geo.ToLocalMetres(shape.Geometry).InteriorPoint;
            var text = plot.Add.Text(shape.Label!, point.X, point.Y);
            text.LabelFontSize = 11;
            text.LabelAlignment = Alignment.MiddleCenter;
            text.LabelFontColor = Colors.Black;
            text.LabelBackgroundColor = Colors.White.WithAlpha(0.7);
        }

        foreach (var (label, fill) in map.Legend)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = label, FillColor = Color.FromHex(fill) });
        }

        plot.Legend.IsVisible = map.Legend.Count > 0;
        plot.Legend.Alignment = Alignment.LowerRight;
        plot.Title(map.Title);
        plot.Axes.SquareUnits();
        plot.Axes.Frameless();
        plot.HideGrid();
        return plot;
    }

    private static IEnumerable<Polygon> Polygons(Geometry geometry)
    {
        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            if (geometry.GetGeometryN(i) is Polygon p) yield return p;
        }
    }

    /// <summary>The locator map: the focus buurt within its wijk and gebied, its neighbours named.</summary>
    public static MapSpec Locator(AreaRegistry registry, Area focus)
    {
        var chain = registry.Chain(focus.Ref);
        var wijk = chain.FirstOrDefault(a => a.Level == Level.Wijk);
        var context = chain.FirstOrDefault(a => a.Level == Level.Gebied) ?? chain.FirstOrDefault(a => a.Level == Level.Stadsdeel) ?? wijk;
        var neighbours = registry.Neighbours(focus).Select(n => n.Ref).ToHashSet();
        var shapes = new List<MapShape>();
        if (context is not null)
        {
            foreach (var buurt in registry.BuurtenOf(context.Ref).Concat(registry.Neighbours(focus)).DistinctBy(b => b.Ref).Where(b => b.Geometry is not null && b.Ref != focus.Ref))
            {
                var label = neighbours.Contains(buurt.Ref) ? buurt.Name : null;
                shapes.Add(new MapShape(buurt.Code, buurt.Name, buurt.Geometry!, "#F2F2F2", "#9E9E9E", 0.8, label));
            }
        }

        if (wijk?.Geometry is not null)
        {
            shapes.Add(new MapShape(wijk.Code, wijk.Name, wijk.Geometry, "#00000000", "#555555", 2.5, null));
        }

        if (context?.Geometry is not null && context != wijk)
        {
            shapes.Add(new MapShape(context.Code, context.Name, context.Geometry, "#00000000", "#000000", 3.5, null));
        }

        if (focus.Geometry is not null)
        {
            shapes.Add(new MapShape(focus.Code, focus.Name, focus.Geometry, "#E69F00", "#000000", 2, focus.Name));
        }

        var legend = new List<(string, string)> { (focus.Name, "#E69F00") };
        var alt = $"Kaart van {focus.Name} ({focus.Code})" +
            (wijk is null ? "" : $" in wijk {wijk.Name}") +
            (context is null || context == wijk ? "" : $" en {context.Level.Dutch()} {context.Name}") +
            (neighbours.Count == 0 ? "" : $", met de aangrenzende buurten {string.Join(", ", registry.Neighbours(focus).Select(n => n.Name))}") + ".";
        return new MapSpec("ligging", $"Ligging van {focus.Name}", alt, shapes, legend);
    }
}
