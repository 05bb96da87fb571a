using Buurtscan.Areas;
using NetTopologySuite.Geometries;

namespace Buurtscan.Render;

/// <summary>
/// Draws a small chart and a small map once, on a core that is otherwise idle while a single scan reads its
/// data. A scan draws 36 charts and 10 maps; the first of each pays for loading and preparing the drawing code
/// (ScottPlot, Skia, fonts, the map planner), and without this that cost lands on the step every core waits
/// for. Nothing drawn here is kept, and nothing it touches changes what a scan draws.
/// </summary>
public static class WarmUp
{
    public static Task Start() => Task.Run(Draw);

    private static void Draw()
    {
        try
        {
            Chart[] charts =
            [
                new BarChart("opwarmen-staaf", "Opwarmen", "", "%", ["a", "b"], [new ChartSeries("x", [12.5, 3]), new ChartSeries("y", [7, null])], "%"),
                new LineChart("opwarmen-lijn", "Opwarmen", "", "aantal", [new LineSeries("x", [new(2020, 10, false), new(2021, 12, false), new(2022, 11, false)])], ""),
            ];
            foreach (var chart in charts)
            {
                Charts.Pictures(chart);
                Charts.ToCsv(chart);
            }

            var left = Square(4.80, 52.37);
            var right = Square(4.81, 52.37);
            Maps.Draw(new MapSpec(
                "opwarmen", "Opwarmen", "",
                [
                    new MapShape("A", "Links", left, "#E9E9E9", "#A6A6A6", 0.8),
                    new MapShape("B", "Rechts", right, "#E3E3E3", "#FFFFFF", 0.9) { Hatched = true },
                ],
                [new LegendEntry("Links", "#E9E9E9", "#A6A6A6")])
            {
                Extent = new Envelope(4.795, 4.825, 52.365, 52.385),
                Labels = [new MapLabel("A", "Links", left, LabelKind.Focus), new MapLabel("B", "12,5%", right, LabelKind.Value)],
            });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Only a head start: the scan's own drawing meets and reports any problem.
        }
    }

    private static Polygon Square(double lon, double lat) => Geo.Wgs84.CreatePolygon(
    [
        new Coordinate(lon, lat), new Coordinate(lon + 0.01, lat), new Coordinate(lon + 0.01, lat + 0.01),
        new Coordinate(lon, lat + 0.01), new Coordinate(lon, lat),
    ]);
}
