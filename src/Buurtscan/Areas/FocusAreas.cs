using System.Text.Json;
using Buurtscan.Domain;
using Buurtscan.Import;
using Buurtscan.Resolve;
using NetTopologySuite.Geometries;

namespace Buurtscan.Areas;

/// <summary>
/// Focus areas defined by the user in `areas/*.json`: a named set of buurten, or a drawn polygon that is
/// apportioned over the buurten it overlaps by surface share.
/// </summary>
/// <example>
/// { "name": "Geuzenveld-Zuid", "code": "GZ", "buurten": ["FB07", "FB08"] }
/// { "name": "Rond het plein", "geometry": { "type": "Polygon", "coordinates": [[[4.79, 52.37], …]] } }
/// </example>
public static class FocusAreas
{
    /// <summary>Buurten covered for less than this share are left out of a drawn area: slivers from imprecise drawing.</summary>
    public const double MinShare = 0.01;

    public static IReadOnlyList<FocusTarget> Load(string? directory, AreaRegistry registry)
    {
        if (directory is null || !Directory.Exists(directory)) return [];
        return Directory.EnumerateFiles(directory, "*.json", SearchOption.TopDirectoryOnly)
            .Order(StringComparer.Ordinal)
            .Select(path => Parse(File.ReadAllText(path), Path.GetFileName(path), registry))
            .ToList();
    }

    public static FocusTarget Parse(string json, string file, AreaRegistry registry)
    {
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(json);
            root = doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InputException(file, (int)(e.LineNumber ?? 0) + 1, $"not valid JSON: {e.Message}");
        }

        // A GeoJSON Feature is accepted as well: its properties carry the name.
        var properties = root.TryGetProperty("type", out var t) && t.GetString() == "Feature" && root.TryGetProperty("properties", out var p) ? p : root;
        var name = properties.TryGetProperty("name", out var n) && n.GetString() is { Length: > 0 } s
            ? s
            : throw new InputException(file, 0, "expected a 'name' for the focus area", "name");
        var code = properties.TryGetProperty("code", out var c) && c.GetString() is { Length: > 0 } cs ? cs : AreaFinder.Slug(name);

        if (root.TryGetProperty("buurten", out var list) || properties.TryGetProperty("buurten", out list))
        {
            var parts = new List<(AreaRef, double)>();
            foreach (var item in list.EnumerateArray())
            {
                var query = item.GetString() ?? "";
                var buurt = AreaFinder.Find(registry, query, Level.Buurt) is FindResult.Found found
                    ? found.Area
                    : throw new InputException(file, 0, $"'{query}' is not a buurt (expected buurt codes such as FB08)", "buurten");
                parts.Add((buurt.Ref, 1.0));
            }

            if (parts.Count == 0) throw new InputException(file, 0, "the list of buurten is empty", "buurten");
            var geometries = parts.Select(x => registry.Get(x.Item1).Geometry).OfType<Geometry>().ToList();
            var union = geometries.Count == parts.Count ? Geo.Union(geometries) : null;
            return Target(code, name, parts, union, registry, $"samengesteld uit de buurten {string.Join(", ", parts.Select(x => x.Item1.Code))}");
        }

        var geometryElement = root.TryGetProperty("geometry", out var g) ? g
            : throw new InputException(file, 0, "expected either 'buurten' (a list of buurt codes) or 'geometry' (a GeoJSON polygon in WGS84)");
        var polygon = BoundaryReaders.GeoJsonGeometry(geometryElement, file, 1);
        var apportioned = Apportion(polygon, registry);
        if (apportioned.Count == 0) throw new InputException(file, 0, "the polygon does not overlap any buurt (expected WGS84 lon/lat coordinates within Amsterdam)", "geometry");
        return Target(code, name, apportioned, polygon, registry,
            "getekend gebied; cijfers zijn naar oppervlakte verdeeld over de buurten die het overlapt (aangenomen is dat inwoners en woningen gelijkmatig over een buurt verspreid zijn)");
    }

    /// <summary>The share of each buurt's surface that lies in the polygon.</summary>
    public static IReadOnlyList<(AreaRef Buurt, double Weight)> Apportion(Geometry polygon, AreaRegistry registry)
    {
        var drawn = Geo.ToLocalMetres(polygon);
        var parts = new List<(AreaRef, double)>();
        foreach (var buurt in registry.OfLevel(Level.Buurt))
        {
            if (buurt.Geometry is null || !buurt.Geometry.EnvelopeInternal.Intersects(polygon.EnvelopeInternal)) continue;
            var own = Geo.ToLocalMetres(buurt.Geometry);
            var share = own.Intersection(drawn).Area / own.Area;
            if (share >= MinShare) parts.Add((buurt.Ref, Math.Min(1, share)));
        }

        return parts;
    }

    private static FocusTarget Target(string code, string name, IReadOnlyList<(AreaRef, double)> parts, Geometry? geometry, AreaRegistry registry, string definition)
    {
        // The parent is the smallest area whose chain every part shares.
        var chains = parts.Select(x => registry.Chain(x.Item1).Skip(1).Select(a => a.Ref).ToList()).ToList();
        var parent = chains[0].FirstOrDefault(candidate => chains.All(chain => chain.Contains(candidate)));
        return new FocusTarget(code, null, name, Level.Buurt, null, parent == default ? null : parent, parts, geometry,
            geometry is null ? null : Math.Round(Geo.AreaM2(geometry)), definition);
    }
}
