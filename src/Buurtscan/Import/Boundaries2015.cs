using System.Text.Json;
using Buurtscan.Domain;

namespace Buurtscan.Import;

/// <summary>
/// The 2015 division (in force 2015-01-01 .. 2022-03-23): buurten (`F78a`), buurtcombinaties (`F78`, CBS's wijken
/// of the time), GGW-gebieden (`DX06`) and stadsdelen, from the city's open-geodata layers and its lookup table.
/// No single file has everything: the buurt layer lacks names of the parents, the lookup lacks geometry, the
/// buurtcombinatie map knows only the stadsdeel. The registry merges them (see AreaRegistry.Build).
/// </summary>
public static class Boundaries2015
{
    public const string Table = "Gebiedsindeling 2015";
    public const string ReferenceDate = "1 januari 2015 (geldig tot 23 maart 2022)";

    private static AreaRef Ref(string code) => new(Division.Indeling2015, code);

    /// <summary>GEBIED_BUURTEN.csv: every buurt with its geometry and the codes (not the names) of its parents.</summary>
    public static IEnumerable<AreaRecord> ReadBuurten(TextFile file)
    {
        var csv = BoundaryReaders.Header(file, out var col, "Buurt_code", "Buurt", "Buurtcombinatie_code", "Stadsdeel_code", "WKT_LNG_LAT");
        while (csv.Read())
        {
            if (IsEmptyRow(csv)) continue;
            var src = new SourceRef(file.DisplayPath, csv.LineNumber);
            var code = BoundaryReaders.Required(csv, col["Buurt_code"], "Buurt_code");
            var bce = BoundaryReaders.Required(csv, col["Buurtcombinatie_code"], "Buurtcombinatie_code");
            var stadsdeel = BoundaryReaders.Required(csv, col["Stadsdeel_code"], "Stadsdeel_code");
            yield return new AreaRecord(Ref(code), CbsCodes.BuurtCode2015(code), csv.GetString(col["Buurt"]), Level.Buurt, Ref(bce),
                BoundaryReaders.Wkt(csv, col["WKT_LNG_LAT"]), src);
            yield return new AreaRecord(Ref(bce), CbsCodes.WijkCode2015(bce), "", Level.Wijk, Ref(stadsdeel), null, src);
            yield return new AreaRecord(Ref(stadsdeel), null, "", Level.Stadsdeel, BoundaryReaders.Amsterdam, null, src);
        }
    }

    /// <summary>
    /// brt-bce-sdl-ggw.csv (Windows-1252, CRLF, unquoted): the full buurt → buurtcombinatie → GGW-gebied →
    /// stadsdeel lookup with every name. Westpoort has no gebied: its buurtcombinaties hang under the stadsdeel.
    /// </summary>
    public static IEnumerable<AreaRecord> ReadLookup(TextFile file)
    {
        var csv = BoundaryReaders.Header(file, out var col, "BRT_NAAM", "BRT_VOLLCODE", "BCE_NAAM", "BCE_VOLLCODE", "SDL_NAAM", "SDL_CODE", "GGW_NAAM", "GGW_CODE");
        while (csv.Read())
        {
            if (IsEmptyRow(csv)) continue;
            var src = new SourceRef(file.DisplayPath, csv.LineNumber);
            var buurt = BoundaryReaders.Required(csv, col["BRT_VOLLCODE"], "BRT_VOLLCODE");
            var bce = BoundaryReaders.Required(csv, col["BCE_VOLLCODE"], "BCE_VOLLCODE");
            var stadsdeel = BoundaryReaders.Required(csv, col["SDL_CODE"], "SDL_CODE");
            var gebied = csv.GetString(col["GGW_CODE"]);
            var bceParent = gebied.Length > 0 ? Ref(gebied) : Ref(stadsdeel);
            yield return new AreaRecord(Ref(buurt), CbsCodes.BuurtCode2015(buurt), csv.GetString(col["BRT_NAAM"]), Level.Buurt, Ref(bce), null, src);
            yield return new AreaRecord(Ref(bce), CbsCodes.WijkCode2015(bce), csv.GetString(col["BCE_NAAM"]), Level.Wijk, bceParent, null, src);
            if (gebied.Length > 0)
            {
                yield return new AreaRecord(Ref(gebied), null, csv.GetString(col["GGW_NAAM"]), Level.Gebied, Ref(stadsdeel), null, src);
            }

            yield return new AreaRecord(Ref(stadsdeel), null, csv.GetString(col["SDL_NAAM"]), Level.Stadsdeel, BoundaryReaders.Amsterdam, null, src);
        }
    }

    /// <summary>GEBIEDEN22.csv: the 22 GGW-gebieden (`DX01`–`DX22`) and Westpoort (`Dxxx`) with geometry.</summary>
    public static IEnumerable<AreaRecord> ReadGebieden(TextFile file)
    {
        var csv = BoundaryReaders.Header(file, out var col, "Gebied_code", "Gebied", "Stadsdeel_code", "WKT_LNG_LAT");
        while (csv.Read())
        {
            if (IsEmptyRow(csv)) continue;
            var src = new SourceRef(file.DisplayPath, csv.LineNumber);
            var code = BoundaryReaders.Required(csv, col["Gebied_code"], "Gebied_code");
            var stadsdeel = BoundaryReaders.Required(csv, col["Stadsdeel_code"], "Stadsdeel_code");
            yield return new AreaRecord(Ref(code), null, csv.GetString(col["Gebied"]), Level.Gebied, Ref(stadsdeel), BoundaryReaders.Wkt(csv, col["WKT_LNG_LAT"]), src);
            yield return new AreaRecord(Ref(stadsdeel), null, "", Level.Stadsdeel, BoundaryReaders.Amsterdam, null, src);
        }
    }

    /// <summary>GEBIED_BUURTCOMBINATIES as GeoJSON (CRS84): the 99 buurtcombinaties with geometry and their stadsdeel.</summary>
    public static IEnumerable<AreaRecord> ReadBuurtcombinatiesGeoJson(TextFile file)
    {
        using var doc = ParseJson(file);
        var records = new List<AreaRecord>();
        var index = 0;
        foreach (var feature in BoundaryReaders.Features(doc, file))
        {
            index++;
            records.AddRange(BoundaryReaders.Feature(file, index, () =>
            {
                var props = feature.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p
                    : throw new InputException(file.DisplayPath, 0, $"feature {index}: expected a 'properties' object");
                var code = Text(props, "Buurtcombinatie_code");
                var stadsdeel = Text(props, "Stadsdeel_code");
                if (code is null || stadsdeel is null)
                {
                    throw new InputException(file.DisplayPath, 0, $"feature {index}: expected the properties 'Buurtcombinatie_code' and 'Stadsdeel_code'");
                }

                var src = new SourceRef(file.DisplayPath, 0);
                var geometry = feature.TryGetProperty("geometry", out var g) && g.ValueKind == JsonValueKind.Object
                    ? BoundaryReaders.GeoJsonGeometry(g, file.DisplayPath, index)
                    : throw new InputException(file.DisplayPath, 0, $"feature {index} ({code}): expected a geometry");
                return new[]
                {
                    new AreaRecord(Ref(code), CbsCodes.WijkCode2015(code), Text(props, "Buurtcombinatie") ?? "", Level.Wijk, Ref(stadsdeel), geometry, src),
                    new AreaRecord(Ref(stadsdeel), null, "", Level.Stadsdeel, BoundaryReaders.Amsterdam, null, src),
                };
            }));
        }

        return records;
    }

    private static string? Text(JsonElement props, string name) =>
        props.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s.Trim() : null;

    internal static JsonDocument ParseJson(TextFile file)
    {
        try
        {
            return JsonDocument.Parse(file.Text);
        }
        catch (JsonException e)
        {
            throw new InputException(file.DisplayPath, (int)(e.LineNumber ?? -1) + 1, $"not valid JSON ({e.Message}); the file may be cut off");
        }
    }

    private static bool IsEmptyRow(CsvReader csv)
    {
        for (var i = 0; i < csv.FieldCount; i++)
        {
            if (!csv.Span(i).IsWhiteSpace()) return false;
        }

        return true;
    }
}
