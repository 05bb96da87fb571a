using System.Globalization;
using System.Text.Json;
using Buurtscan.Catalogue;
using Buurtscan.Domain;

namespace Buurtscan.Import;

/// <summary>What a metadata file gave: a summary for the sources report and what it says about catalogue indicators.</summary>
public sealed record MetadataResult(SourceFile Source, string Summary, IReadOnlyList<(string IndicatorId, VariableMetadata Metadata)> Entries);

/// <summary>
/// CBS OData metadata, as the JSON the API serves (`DataProperties.json`, `TableInfos.json`: bare `value`
/// arrays or whole replies) or as the CSV dumps of R's cbsodataR (`DataProperties.csv`, `TableInfos.csv`,
/// and dimension lists such as `Perioden.csv`, `SoortMisdrijf.csv`). They are used, not skipped: the topics'
/// titles, descriptions and units document the catalogue's indicators, and the table info names the table.
/// </summary>
public static class CbsMetadata
{
    public const string DataPropertiesFormat = "CBS OData metadata, DataProperties";
    public const string TableInfosFormat = "CBS OData metadata, TableInfos";
    public const string DimensionFormat = "CBS OData metadata, dimension list";

    private enum Kind { None, DataProperties, TableInfos, Dimension }

    public static bool Recognises(TextFile file) => KindOf(file) != Kind.None;

    private static Kind KindOf(TextFile file)
    {
        var text = file.Text.AsSpan().TrimStart();
        if (text.StartsWith("[") || text.StartsWith("{"))
        {
            // The same test as the OData importer's, so that a TypedDataSet is never taken for metadata.
            return ODataJson.Peek(file.Text) switch
            {
                ODataKind.DataProperties => Kind.DataProperties,
                ODataKind.TableInfos => Kind.TableInfos,
                _ => Kind.None,
            };
        }

        var first = file.FirstLine;
        if (first.StartsWith("\"odata.type\"", StringComparison.Ordinal) && first.Contains("\"Key\"", StringComparison.Ordinal)) return Kind.DataProperties;
        if (first.Contains("\"Identifier\"", StringComparison.Ordinal) && first.Contains("\"ShortTitle\"", StringComparison.Ordinal)) return Kind.TableInfos;
        if (first.StartsWith("\"Key\",\"Title\",\"Description\"", StringComparison.Ordinal)) return Kind.Dimension;
        return Kind.None;
    }

    public static MetadataResult Read(TextFile file, IndicatorCatalogue catalogue)
    {
        var kind = KindOf(file);
        var rows = file.Text.AsSpan().TrimStart() is var t && (t.StartsWith("[") || t.StartsWith("{")) ? JsonRows(file) : CsvRows(file);
        var table = CbsTypedDataSetCsv.TableId().Match(file.DisplayPath) is { Success: true } m ? m.Value : null;
        return kind switch
        {
            Kind.DataProperties => DataProperties(file, rows, table, catalogue),
            Kind.TableInfos => TableInfos(file, rows),
            _ => Dimension(file, rows, table),
        };
    }

    private static MetadataResult DataProperties(TextFile file, List<Dictionary<string, string?>> rows, string? table, IndicatorCatalogue catalogue)
    {
        var byId = new Dictionary<string, Dictionary<string, string?>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row.GetValueOrDefault("ID") is { } id) byId.TryAdd(id, row);
        }

        var entries = new List<(string, VariableMetadata)>();
        var topics = 0;
        foreach (var row in rows.Where(r => r.GetValueOrDefault("Type") == "Topic"))
        {
            topics++;
            var key = row.GetValueOrDefault("Key") ?? "";
            var title = (row.GetValueOrDefault("Title") ?? "").Trim();
            var unit = (row.GetValueOrDefault("Unit") ?? "").Trim();
            var groups = new List<string>();
            for (var parent = row.GetValueOrDefault("ParentID"); parent is { Length: > 0 } && byId.TryGetValue(parent, out var group); parent = group.GetValueOrDefault("ParentID"))
            {
                groups.Insert(0, (group.GetValueOrDefault("Title") ?? "").Trim());
                if (groups.Count > 10) break; // a cycle in broken metadata
            }

            // The same path text a StatLine CSV download shows as its header, so the catalogue's map applies.
            var path = string.Join('/', [.. groups, title]) + (unit.Length > 0 ? $" ({unit})" : "");
            var id = catalogue.ForKwbHeader(path) ?? CbsODataKeys.Default.ForStem(CbsODataKeys.Stem(key)).FirstOrDefault()?.Indicator;
            if (id is null) continue;
            entries.Add((id, new VariableMetadata($"CBS {table ?? ""}".Trim(), key, title, (row.GetValueOrDefault("Description") ?? "").Trim(), "CBS", "", unit,
                groups.FirstOrDefault() ?? "")));
        }

        var source = Source(file, DataPropertiesFormat, table);
        return new MetadataResult(source, $"{topics} topics described, {entries.Count} of them in the catalogue", entries);
    }

    private static MetadataResult TableInfos(TextFile file, List<Dictionary<string, string?>> rows)
    {
        var info = rows.FirstOrDefault() ?? throw new InputException(file.DisplayPath, 0, "no table info (expected one row with Identifier, Title, Modified)");
        var id = info.GetValueOrDefault("Identifier") ?? "";
        var modified = info.GetValueOrDefault("Modified") is { Length: >= 10 } mod ? mod[..10] : "";
        var summary = $"{info.GetValueOrDefault("Title")} ({id}), period {info.GetValueOrDefault("Period")}, modified {modified}";
        return new MetadataResult(Source(file, TableInfosFormat, id) with { ReferenceDate = modified }, summary, []);
    }

    private static MetadataResult Dimension(TextFile file, List<Dictionary<string, string?>> rows, string? table)
    {
        var keys = rows.Select(r => (r.GetValueOrDefault("Key") ?? "").Trim()).Where(k => k.Length > 0).ToList();
        var name = Path.GetFileNameWithoutExtension(file.DisplayPath);
        var summary = keys.Count == 0 ? $"{name}: no members" : $"{name}: {keys.Count} members ({keys[0]} … {keys[^1]})";
        return new MetadataResult(Source(file, DimensionFormat, table), summary, []);
    }

    private static SourceFile Source(TextFile file, string format, string? table) =>
        new(file.DisplayPath, file.Sha256, format, table ?? "", "CBS", "CC BY 4.0", "", false);

    private static List<Dictionary<string, string?>> JsonRows(TextFile file)
    {
        using var doc = Boundaries2015.ParseJson(file);
        var root = doc.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("value", out var value)) root = value;
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new InputException(file.DisplayPath, 0, "expected a JSON array of metadata rows (or an OData reply with a 'value' array)");
        }

        var rows = new List<Dictionary<string, string?>>();
        foreach (var item in root.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object) continue;
            var row = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var p in item.EnumerateObject())
            {
                row[p.Name] = p.Value.ValueKind switch
                {
                    JsonValueKind.String => p.Value.GetString(),
                    JsonValueKind.Number => p.Value.GetRawText(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => null,
                };
            }

            rows.Add(row);
        }

        return rows;
    }

    private static List<Dictionary<string, string?>> CsvRows(TextFile file)
    {
        var csv = new CsvReader(file.Text, file.DisplayPath, ',');
        var rows = new List<Dictionary<string, string?>>();
        if (!csv.Read()) return rows;
        var header = csv.GetRecord();
        while (csv.Read())
        {
            if (csv.FieldCount != header.Length)
            {
                throw new InputException(file.DisplayPath, csv.LineNumber, $"the row has {csv.FieldCount} fields, expected {header.Length} as in the header");
            }

            var row = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++) row[header[i]] = csv.Span(i).IsEmpty ? null : csv.GetString(i);
            rows.Add(row);
        }

        return rows;
    }
}

/// <summary>
/// OIS's BBGA metadata CSV (`,`, every field quoted, definitions with line breaks): per variable its label,
/// short label, definition, source, reference date, unit (`Rekeneenheid` and `Symbool`), theme and the
/// disclosure thresholds (`SD minimum Bevtotaal`, `SD minimum WvoorrBAG`) below which a value may not be shown.
/// </summary>
public static class BbgaMetadataCsv
{
    public const string Format = "OIS BBGA metadata";

    public static bool Recognises(TextFile file)
    {
        var first = file.FirstLine;
        return first.Contains("\"Variabele\"", StringComparison.Ordinal) && first.Contains("\"Rekeneenheid\"", StringComparison.Ordinal) &&
            first.Contains("\"Definitie\"", StringComparison.Ordinal);
    }

    /// <summary>BBGA's unit codes, as its metadata uses them (Symbool adds `%`, `/km2`, `euro`).</summary>
    public static string UnitName(string rekeneenheid, string symbool)
    {
        var name = rekeneenheid switch
        {
            "1" => "percentage",
            "2" => "aantal",
            "3" => "rapportcijfer",
            "4" => "index",
            "5" => "gemiddelde",
            "6" => "per 1.000",
            "7" => "score 1-5",
            "8" => "coëfficiënt",
            _ => rekeneenheid,
        };
        return symbool.Length > 0 && symbool != "." ? $"{name} ({symbool})" : name;
    }

    public static MetadataResult Read(TextFile file, IndicatorCatalogue catalogue)
    {
        var csv = new CsvReader(file.Text, file.DisplayPath, CsvReader.DetectDelimiter(file.Text));
        if (!csv.Read()) throw new InputException(file.DisplayPath, 1, "the file is empty (expected a header line)");
        var header = csv.GetRecord();
        int Col(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i
            : throw new InputException(file.DisplayPath, 1, $"missing column '{name}' (expected OIS's BBGA metadata header)");
        int Opt(string name) => Array.IndexOf(header, name);
        var variable = Col("Variabele");
        var label = Col("Label");
        var shortLabel = Opt("Labelkort");
        var definition = Col("Definitie");
        var (bron, peildatum, eenheid, symbool, thema, minPop, minDwell) =
            (Opt("Bron"), Opt("Peildatum"), Opt("Rekeneenheid"), Opt("Symbool"), Opt("THEMA"), Opt("SD minimum Bevtotaal"), Opt("SD minimum WvoorrBAG"));
        string Get(int i) => i >= 0 && i < csv.FieldCount ? csv.GetString(i) : "";
        int? Threshold(int i, string field)
        {
            var text = Get(i);
            if (text is "" or ".") return null;
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
                : throw new InputException(file.DisplayPath, csv.LineNumber, $"'{text}' is not a whole number (expected a minimum count or '.')", field);
        }

        var entries = new List<(string, VariableMetadata)>();
        var described = 0;
        while (csv.Read())
        {
            if (csv.FieldCount != header.Length)
            {
                throw new InputException(file.DisplayPath, csv.LineNumber, $"the row has {csv.FieldCount} fields, expected {header.Length} as in the header");
            }

            described++;
            var name = Get(variable);
            if (catalogue.ForOisVariable(name, out _) is not { } mapping) continue;
            entries.Add((mapping.IndicatorId, new VariableMetadata("OIS BBGA", name, Get(label), Get(definition), Get(bron), Get(peildatum).Replace("  ", " ", StringComparison.Ordinal),
                UnitName(Get(eenheid), Get(symbool)), Get(thema), Threshold(minPop, "SD minimum Bevtotaal"), Threshold(minDwell, "SD minimum WvoorrBAG"))
            {
                ShortLabel = Get(shortLabel),
            }));
        }

        var source = new SourceFile(file.DisplayPath, file.Sha256, Format, "Basisbestand Gebieden Amsterdam, metadata", "Gemeente Amsterdam, OIS", "open data", "", false);
        return new MetadataResult(source, $"{described} variables described, {entries.Count} of them in the catalogue", entries);
    }
}
