using System.Globalization;
using System.Text;
using System.Text.Json;
using Buurtscan.Domain;
using NetTopologySuite.Geometries;
using Orientation = NetTopologySuite.Algorithm.Orientation;

namespace Buurtscan.Render;

/// <summary>
/// `area.geojson`: the focus area and its parents as GeoJSON (RFC 7946): WGS84 longitude/latitude, exterior rings
/// counter-clockwise, holes clockwise, coordinates rounded to 7 decimals (about 1 cm, the precision of the source
/// files) and written in one invariant format, so the same boundaries always give the same bytes.
/// </summary>
public static class AreaGeoJson
{
    /// <param name="areas">The focus area first, then its parents.</param>
    /// <param name="customFocus">The first area is one the user defined: its level is written as "focusgebied".</param>
    public static string Write(IReadOnlyList<Area> areas, bool customFocus = false)
    {
        var sb = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[\n");
        var first = true;
        foreach (var area in areas.Where(a => a.Geometry is not null))
        {
            if (!first) sb.Append(",\n");
            first = false;
            sb.Append("{\"type\":\"Feature\",\"properties\":{\"code\":").Append(Text(area.Code))
              .Append(",\"cbsCode\":").Append(area.CbsCode is null ? "null" : Text(area.CbsCode))
              .Append(",\"name\":").Append(Text(area.Name))
              .Append(",\"level\":").Append(Text(customFocus && ReferenceEquals(area, areas[0]) ? "focusgebied" : area.Level.ToString().ToLowerInvariant()))
              .Append("},\"geometry\":");
            AppendGeometry(sb, area.Geometry!);
            sb.Append('}');
        }

        return sb.Append("\n]}\n").ToString();
    }

    private static string Text(string value) => JsonSerializer.Serialize(value, ScanJson.Info<string>());

    private static void AppendGeometry(StringBuilder sb, Geometry geometry)
    {
        var polygons = Enumerable.Range(0, geometry.NumGeometries).Select(geometry.GetGeometryN).OfType<Polygon>().Where(p => !p.IsEmpty).ToList();
        if (polygons.Count == 1)
        {
            sb.Append("{\"type\":\"Polygon\",\"coordinates\":");
            AppendPolygon(sb, polygons[0]);
        }
        else
        {
            sb.Append("{\"type\":\"MultiPolygon\",\"coordinates\":[");
            for (var i = 0; i < polygons.Count; i++)
            {
                if (i > 0) sb.Append(',');
                AppendPolygon(sb, polygons[i]);
            }

            sb.Append(']');
        }

        sb.Append('}');
    }

    private static void AppendPolygon(StringBuilder sb, Polygon polygon)
    {
        sb.Append('[');
        AppendRing(sb, polygon.ExteriorRing, counterClockwise: true);
        foreach (var hole in polygon.InteriorRings)
        {
            sb.Append(',');
            AppendRing(sb, hole, counterClockwise: false);
        }

        sb.Append(']');
    }

    private static void AppendRing(StringBuilder sb, LineString ring, bool counterClockwise)
    {
        var coordinates = ring.Coordinates;
        if (Orientation.IsCCW(coordinates) != counterClockwise) coordinates = coordinates.Reverse().ToArray();
        sb.Append('[');
        for (var i = 0; i < coordinates.Length; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append('[').Append(Number(coordinates[i].X)).Append(',').Append(Number(coordinates[i].Y)).Append(']');
        }

        sb.Append(']');
    }

    private static string Number(double value) => Math.Round(value, 7, MidpointRounding.AwayFromZero).ToString("0.0######", CultureInfo.InvariantCulture);
}
