using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Buurtscan.Areas;

/// <summary>Geometry helpers: WGS84 in, square metres and map coordinates out.</summary>
public static class Geo
{
    public static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    // A fixed origin in the middle of Amsterdam keeps the local projection (and so every area) deterministic.
    private const double OriginLon = 4.9;
    private const double OriginLat = 52.37;
    private const double EarthRadius = 6_371_008.8;
    private static readonly double MetresPerDegreeLat = Math.PI / 180 * EarthRadius;
    private static readonly double MetresPerDegreeLon = Math.PI / 180 * EarthRadius * Math.Cos(OriginLat * Math.PI / 180);

    public static Geometry ParseWkt(string wkt) => new WKTReader(Wgs84.GeometryServices).Read(wkt);

    /// <summary>
    /// An equirectangular projection around Amsterdam, in metres. Over the city (about 25 km) its area
    /// error stays well under 1%, which is ample for overlap shares and areas shown in whole hectares.
    /// </summary>
    public static Geometry ToLocalMetres(Geometry geometry)
    {
        var copy = geometry.Copy();
        copy.Apply(new ProjectFilter());
        copy.GeometryChanged();
        return copy;
    }

    public static (double X, double Y) Project(double lon, double lat) =>
        ((lon - OriginLon) * MetresPerDegreeLon, (lat - OriginLat) * MetresPerDegreeLat);

    public static double AreaM2(Geometry wgs84) => ToLocalMetres(wgs84).Area;

    /// <summary>The union of parts, cleaned with a zero buffer so shared edges leave no slivers.</summary>
    public static Geometry Union(IEnumerable<Geometry> parts)
    {
        var list = parts.ToList();
        if (list.Count == 0) return Wgs84.CreateGeometryCollection();
        return NetTopologySuite.Operation.Union.CascadedPolygonUnion.Union(list) ?? Wgs84.CreateGeometryCollection();
    }

    private sealed class ProjectFilter : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var (x, y) = Project(seq.GetX(i), seq.GetY(i));
                seq.SetX(i, x);
                seq.SetY(i, y);
            }
        }
    }
}
