using System.Text.Json;
using Buurtscan.Areas;
using Buurtscan.Domain;
using NetTopologySuite.Geometries;

namespace Buurtscan.Import;

/// <summary>An area as one boundary file describes it, before the registry merges the files.</summary>
public sealed record AreaRecord(
    AreaRef Ref,
    string? CbsCode,
    string Name,
    Level Level,
    AreaRef? Parent,
    Geometry? Geometry,
    SourceRef Source);

/// <summary>Readers for the city's open-geodata CSVs (WKT in WGS84) and the API's GeoJSON, 2022 division.</summary>
public static class BoundaryReaders
{
    public static readonly AreaRef Amsterdam = new(Division.Indeling2022, "0363");

    /// <summary>INDELING_BUURT.csv: every buurt, and through its columns the names of its wijk, gebied and stadsdeel.</summary>
    public static IEnumerable<AreaRecord> ReadIndelingBuurt(TextFile file)
    {
        var csv = Header(file, out var col, "Buurtcode", "Buurt", "Wijkcode", "Wijk", "Gebiedcode", "Gebied", "Stadsdeelcode", "Stadsdeel", "WKT_LNG_LAT");
        var cbs = col.GetValueOrDefault("CBS_Buurtcode", -1);
        while (csv.Read())
        {
            var src = new SourceRef(file.DisplayPath, csv.LineNumber);
            var code = Required(csv, col["Buurtcode"], "Buurtcode");
            var wijk = Required(csv, col["Wijkcode"], "Wijkcode");
            var gebied = csv.GetString(col["Gebiedcode"]);
            var stadsdeel = Required(csv, col["Stadsdeelcode"], "Stadsdeelcode");
            var stadsdeelRef = new AreaRef(Division.Indeling2022, stadsdeel);
            // Westpoort has no gebied: its wijken hang directly under the stadsdeel.
            var wijkParent = gebied.Length > 0 ? new AreaRef(Division.Indeling2022, gebied) : stadsdeelRef;
            yield return new AreaRecord(new AreaRef(Division.Indeling2022, code), cbs >= 0 ? csv.GetString(cbs) : $"BU0363{code}",
                csv.GetString(col["Buurt"]), Level.Buurt, new AreaRef(Division.Indeling2022, wijk), Wkt(csv, col["WKT_LNG_LAT"]), src);
            yield return new AreaRecord(new AreaRef(Division.Indeling2022, wijk), $"WK0363{wijk}", csv.GetString(col["Wijk"]), Level.Wijk, wijkParent, null, src);
            if (gebied.Length > 0)
            {
                yield return new AreaRecord(wijkParent, null, csv.GetString(col["Gebied"]), Level.Gebied, stadsdeelRef, null, src);
            }

            yield return new AreaRecord(stadsdeelRef, null, csv.GetString(col["Stadsdeel"]), Level.Stadsdeel, Amsterdam, null, src);
        }

        yield return new AreaRecord(Amsterdam, "GM0363", "Amsterdam", Level.Gemeente, null, null, new SourceRef(file.DisplayPath, 0));
    }

    /// <summary>INDELING_WIJK.csv. Its CBS_Wijkcode column is wrong at the source (`BU0363EQ`), so the CBS code is derived.</summary>
    public static IEnumerable<AreaRecord> ReadIndelingWijk(TextFile file)
    {
        var csv = Header(file, out var col, "Wijkcode", "Wijk", "Gebiedcode", "Stadsdeelcode", "WKT_LNG_LAT");
        while (csv.Read())
        {
            var code = Required(csv, col["Wijkcode"], "Wijkcode");
            var gebied = csv.GetString(col["Gebiedcode"]);
            var stadsdeel = Required(csv, col["Stadsdeelcode"], "Stadsdeelcode");
            var parent = new AreaRef(Division.Indeling2022, gebied.Length > 0 ? gebied : stadsdeel);
            yield return new AreaRecord(new AreaRef(Division.Indeling2022, code), $"WK0363{code}", csv.GetString(col["Wijk"]), Level.Wijk, parent,
                Wkt(csv, col["WKT_LNG_LAT"]), new SourceRef(file.DisplayPath, csv.LineNumber));
        }
    }

    /// <summary>INDELING_STADSDEEL.csv.</summary>
    public static IEnumerable<AreaRecord> ReadIndelingStadsdeel(TextFile file)
    {
        var csv = Header(file, out var col, "Stadsdeelcode", "Stadsdeel", "WKT_LNG_LAT");
        while (csv.Read())
        {
            var code = Required(csv, col["Stadsdeelcode"], "Stadsdeelcode");
            yield return new AreaRecord(new AreaRef(Division.Indeling2022, code), null, csv.GetString(col["Stadsdeel"]), Level.Stadsdeel, Amsterdam,
                Wkt(csv, col["WKT_LNG_LAT"]), new SourceRef(file.DisplayPath, csv.LineNumber));
        }
    }

    /// <summary>
    /// The API's GeoJSON of buurten (`v1/gebieden/buurten`). Its parents are object ids, not codes, so only the
    /// wijk (the first two letters of a 2022 buurt code) is derived; gebied and stadsdeel names come from the CSVs.
    /// </summary>
    public static IEnumerable<AreaRecord> ReadApiBuurtenGeoJson(TextFile file)
    {
        using var doc = Boundaries2015.ParseJson(file);
        var records = new List<AreaRecord>();
        var index = 0;
        foreach (var feature in Features(doc, file))
        {
            index++;
            records.Add(Feature(file, index, () =>
            {
                var props = feature.GetProperty("properties");
                var code = props.TryGetProperty("code", out var c) ? c.GetString() : null;
                if (string.IsNullOrEmpty(code) || code.Length != 4)
                {
                    throw new InputException(file.DisplayPath, 0, $"feature {index}: expected a 4-character buurt 'code' property");
                }

                var name = props.TryGetProperty("naam", out var n) ? n.GetString() ?? code : code;
                var cbs = props.TryGetProperty("cbsCode", out var cb) ? cb.GetString() : null;
                var wijk = new AreaRef(Division.Indeling2022, code[..2]);
                return new AreaRecord(new AreaRef(Division.Indeling2022, code), cbs ?? $"BU0363{code}", name, Level.Buurt, wijk,
                    GeoJsonGeometry(feature.GetProperty("geometry"), file.DisplayPath, index), new SourceRef(file.DisplayPath, 0));
            }));
        }

        return records;
    }

    /// <summary>The features of a GeoJSON FeatureCollection, or the InputException saying it is not one.</summary>
    internal static JsonElement.ArrayEnumerator Features(JsonDocument doc, TextFile file) =>
        doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("features", out var features) && features.ValueKind == JsonValueKind.Array
            ? features.EnumerateArray()
            : throw new InputException(file.DisplayPath, 0, "expected a GeoJSON FeatureCollection with a 'features' array");

    /// <summary>Reads one feature; a member of the wrong JSON type or a missing one is bad input naming the feature, not a crash.</summary>
    internal static T Feature<T>(TextFile file, int index, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException or ArgumentException or FormatException)
        {
            throw new InputException(file.DisplayPath, 0, $"feature {index}: unexpected content ({e.Message})");
        }
    }

    public static Geometry GeoJsonGeometry(JsonElement geometry, string file, int feature)
    {
        // A damaged file shows up as missing members, wrong JSON types or rings that are no rings: all bad input.
        try
        {
            var type = geometry.GetProperty("type").GetString();
            var coordinates = geometry.GetProperty("coordinates");
            return type switch
            {
                "Polygon" => Polygon(coordinates),
                "MultiPolygon" => Geo.Wgs84.CreateMultiPolygon(coordinates.EnumerateArray().Select(Polygon).ToArray()),
                _ => throw new InputException(file, 0, $"feature {feature}: geometry type '{type}' (expected Polygon or MultiPolygon)"),
            };
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException or ArgumentException or FormatException)
        {
            throw new InputException(file, 0, $"feature {feature}: not a GeoJSON polygon ({e.Message})");
        }

        static Polygon Polygon(JsonElement rings)
        {
            var linear = rings.EnumerateArray()
                .Select(ring => Geo.Wgs84.CreateLinearRing(ring.EnumerateArray()
                    .Select(p => new Coordinate(p[0].GetDouble(), p[1].GetDouble())).ToArray()))
                .ToArray();
            return Geo.Wgs84.CreatePolygon(linear[0], linear[1..]);
        }
    }

    internal static CsvReader Header(TextFile file, out Dictionary<string, int> columns, params string[] required)
    {
        var csv = new CsvReader(file.Text, file.DisplayPath, ';');
        if (!csv.Read())
        {
            throw new InputException(file.DisplayPath, 1, "the file is empty (expected a header line)");
        }

        columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var header = csv.GetRecord();
        for (var i = 0; i < header.Length; i++)
        {
            if (header[i].Length > 0) columns.TryAdd(header[i], i);
        }

        foreach (var name in required)
        {
            if (!columns.ContainsKey(name))
            {
                throw new InputException(file.DisplayPath, 1, $"missing column '{name}' (expected the city's open-geodata header with ';' between columns)");
            }
        }

        return csv;
    }

    internal static string Required(CsvReader csv, int index, string field)
    {
        var value = csv.GetString(index);
        return value.Length > 0 ? value : throw new InputException(csv.File, csv.LineNumber, "empty (expected a code)", field);
    }

    internal static Geometry Wkt(CsvReader csv, int index, string field = "WKT_LNG_LAT")
    {
        try
        {
            return Geo.ParseWkt(csv.GetString(index));
        }
        catch (Exception e) when (e is NetTopologySuite.IO.ParseException or ArgumentException or FormatException or InvalidOperationException)
        {
            throw new InputException(csv.File, csv.LineNumber, $"not a WKT polygon: {e.Message}", field);
        }
    }
}
