using NetTopologySuite.Geometries;

namespace Buurtscan.Render;

/// <summary>
/// The area of a polygon inside an axis-aligned rectangle, by clipping each ring to the rectangle
/// (Sutherland–Hodgman). Label placement asks this for every candidate box; a general overlay did the same
/// work with noding and topology, about ten times slower.
/// </summary>
public static class RectangleClip
{
    /// <summary>
    /// The area of <paramref name="polygon"/> ∩ <paramref name="rectangle"/>: the shell's clipped area minus the
    /// holes' (holes lie inside the shell and apart, and clipping to a convex window keeps areas additive).
    /// </summary>
    public static double Area(Polygon polygon, Envelope rectangle)
    {
        if (polygon.IsEmpty || !polygon.EnvelopeInternal.Intersects(rectangle)) return 0;
        var area = RingArea(polygon.ExteriorRing.CoordinateSequence, rectangle);
        for (var i = 0; i < polygon.NumInteriorRings; i++)
        {
            area -= RingArea(polygon.GetInteriorRingN(i).CoordinateSequence, rectangle);
        }

        return Math.Max(area, 0);
    }

    /// <summary>The unsigned area of a closed ring clipped to the rectangle.</summary>
    private static double RingArea(CoordinateSequence ring, Envelope r)
    {
        // The ring without its closing point; clipped against the four sides in turn.
        var points = new List<(double X, double Y)>(ring.Count);
        for (var i = 0; i < ring.Count - 1; i++) points.Add((ring.GetX(i), ring.GetY(i)));
        var next = new List<(double X, double Y)>(points.Count + 4);
        Clip(points, next, p => p.X >= r.MinX, (a, b) => AtX(a, b, r.MinX));
        Clip(next, points, p => p.X <= r.MaxX, (a, b) => AtX(a, b, r.MaxX));
        Clip(points, next, p => p.Y >= r.MinY, (a, b) => AtY(a, b, r.MinY));
        Clip(next, points, p => p.Y <= r.MaxY, (a, b) => AtY(a, b, r.MaxY));
        return Math.Abs(Shoelace(points));
    }

    private static void Clip(List<(double X, double Y)> input, List<(double X, double Y)> output,
        Func<(double X, double Y), bool> inside, Func<(double X, double Y), (double X, double Y), (double X, double Y)> cross)
    {
        output.Clear();
        if (input.Count == 0) return;
        var previous = input[^1];
        var previousInside = inside(previous);
        foreach (var point in input)
        {
            var pointInside = inside(point);
            if (pointInside)
            {
                if (!previousInside) output.Add(cross(previous, point));
                output.Add(point);
            }
            else if (previousInside)
            {
                output.Add(cross(previous, point));
            }

            previous = point;
            previousInside = pointInside;
        }
    }

    private static (double X, double Y) AtX((double X, double Y) a, (double X, double Y) b, double x) =>
        (x, a.Y + (b.Y - a.Y) * (x - a.X) / (b.X - a.X));

    private static (double X, double Y) AtY((double X, double Y) a, (double X, double Y) b, double y) =>
        (a.X + (b.X - a.X) * (y - a.Y) / (b.Y - a.Y), y);

    private static double Shoelace(List<(double X, double Y)> points)
    {
        var sum = 0.0;
        for (int i = 0, j = points.Count - 1; i < points.Count; j = i++)
        {
            sum += (points[j].X * points[i].Y) - (points[i].X * points[j].Y);
        }

        return sum / 2;
    }
}
