using Buurtscan.Render;
using FsCheck;
using FsCheck.Xunit;
using NetTopologySuite.Geometries;

namespace Buurtscan.Tests.Render;

/// <summary>The area of a polygon inside a rectangle, against NetTopologySuite's overlay on generated shapes.</summary>
public sealed class RectangleClipTests
{
    private static readonly GeometryFactory Factory = new();

    [Fact]
    public void A_square_half_in_the_rectangle_counts_half()
    {
        var square = Square(0, 0, 10);
        RectangleClip.Area(square, new Envelope(5, 20, -5, 20)).ShouldBe(50, 1e-9);
    }

    [Fact]
    public void A_hole_in_the_rectangle_is_not_counted()
    {
        var shell = Factory.CreateLinearRing([new(0, 0), new(10, 0), new(10, 10), new(0, 10), new(0, 0)]);
        var hole = Factory.CreateLinearRing([new(2, 2), new(4, 2), new(4, 4), new(2, 4), new(2, 2)]);
        var polygon = Factory.CreatePolygon(shell, [hole]);
        RectangleClip.Area(polygon, new Envelope(0, 5, 0, 5)).ShouldBe(21, 1e-9);
        RectangleClip.Area(polygon, new Envelope(20, 30, 20, 30)).ShouldBe(0);
    }

    [Fact]
    public void A_concave_shape_across_the_rectangle_keeps_only_what_is_inside()
    {
        // A U shape whose two arms cross the rectangle: the clipped ring runs along the rectangle's edge between them.
        var u = Factory.CreatePolygon([new(0, 0), new(9, 0), new(9, 9), new(6, 9), new(6, 3), new(3, 3), new(3, 9), new(0, 9), new(0, 0)]);
        var rectangle = new Envelope(-1, 10, 5, 7);
        RectangleClip.Area(u, rectangle).ShouldBe(u.Intersection(Factory.ToGeometry(rectangle)).Area, 1e-9);
        RectangleClip.Area(u, rectangle).ShouldBe(12, 1e-9);
    }

    /// <summary>Star-shaped polygons (concave, any number of points, optionally with a hole) and rectangles anywhere around them.</summary>
    [Property(Replay = "4711,1173", MaxTest = 300)]
    public bool Equals_the_overlay_area(PositiveInt points, int[] radii, int x, int y, PositiveInt w, PositiveInt h, bool withHole)
    {
        var n = 3 + (points.Get % 40);
        var coordinates = new Coordinate[n + 1];
        for (var i = 0; i < n; i++)
        {
            var r = 20 + (radii.Length == 0 ? 0 : Math.Abs(radii[i % radii.Length] % 80));
            var angle = 2 * Math.PI * i / n;
            coordinates[i] = new Coordinate(r * Math.Cos(angle), r * Math.Sin(angle));
        }

        coordinates[n] = coordinates[0].Copy();
        var shell = Factory.CreateLinearRing(coordinates);
        var polygon = withHole
            ? Factory.CreatePolygon(shell, [Factory.CreateLinearRing([new(-5, -5), new(5, -5), new(5, 5), new(-5, 5), new(-5, -5)])])
            : Factory.CreatePolygon(shell);
        var rectangle = new Envelope(x % 120, (x % 120) + (w.Get % 150) + 1, y % 120, (y % 120) + (h.Get % 150) + 1);
        var expected = polygon.Intersection(Factory.ToGeometry(rectangle)).Area;
        return Math.Abs(RectangleClip.Area(polygon, rectangle) - expected) <= 1e-6 * Math.Max(1, expected);
    }

    private static Polygon Square(double x, double y, double size) =>
        Factory.CreatePolygon([new(x, y), new(x + size, y), new(x + size, y + size), new(x, y + size), new(x, y)]);
}
