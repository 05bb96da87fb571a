using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Buurtscan.Areas;
using Buurtscan.Catalogue;
using Buurtscan.Domain;

namespace Buurtscan.Import;

/// <summary>
/// CBS tables downloaded through the OData v3 API, as JSON: one folder per table holding its
/// TypedDataSet, TableInfos and DataProperties, the layout `buurtscan fetch` writes (and the cbsodata
/// client too). Reads Kerncijfers wijken en buurten and any other table keyed by WijkenEnBuurten, such
/// as the police's registered crime per buurt. Every file is recognised by its content, not its name.
/// </summary>
/// <remarks>
/// Topic keys are resolved by their stem (`AantalInwoners_5` → `AantalInwoners`) through
/// `cbs-odata-keys.csv`; a topic not listed there is still read when its StatLine header
/// (group path/title (unit), built from DataProperties) is in `cbs-kwb-columns.csv`, so that a column
/// mapped for the CSV download needs no second mapping. Region and category keys are padded by CBS
/// (`"GM0363    "`, `"0.0.0 "`) and are compared trimmed. JSON null is a withheld figure, never zero.
/// </remarks>
public static partial class KwbODataJson
{
    public const string Format = "CBS OData v3 JSON, TypedDataSet";
    public const string MetadataFormat = "CBS OData v3 JSON, metadata (TableInfos/DataProperties)";
    private const string GeoKey = "WijkenEnBuurten";

    public static bool Recognises(TextFile file) => ODataJson.Peek(file.Text) == ODataKind.TypedDataSet;

    public static bool RecognisesMetadata(TextFile file) => ODataJson.Peek(file.Text) is ODataKind.TableInfos or ODataKind.DataProperties;

    /// <summary>
    /// TableInfos and DataProperties are read together with the TypedDataSet beside them; on their own they
    /// give no figures, but they are listed as inputs (with their hash) because they decide how the data are read.
    /// </summary>
    public static ImportResult ReadMetadata(TextFile file, AreaRegistry registry, IndicatorCatalogue catalogue)
    {
        var collection = ODataJson.Read(file.Text, file.DisplayPath);
        var kind = ODataJson.Peek(file.Text);
        var title = kind == ODataKind.TableInfos && collection.Rows.Count > 0 ? ODataJson.String(collection.Rows[0].Value, "Title") : null;
        var id = kind == ODataKind.TableInfos && collection.Rows.Count > 0 ? ODataJson.String(collection.Rows[0].Value, "Identifier") : collection.TableId;
        var warnings = new List<string>();
        if (!Siblings(file).Any(s => s.Kind == ODataKind.TypedDataSet))
        {
            warnings.Add($"{file.DisplayPath}: CBS OData {(kind == ODataKind.TableInfos ? "TableInfos" : "DataProperties")} without a TypedDataSet in the same folder; no figures read from it");
        }

        var table = title is null ? (id ?? "CBS OData-tabel") : id is null ? title : $"{title} ({id})";
        return new ImportResult(new SourceFile(file.DisplayPath, file.Sha256, MetadataFormat, table, "CBS", "CC BY 4.0", "", false), [], warnings);
    }

    public static ImportResult Read(TextFile file, AreaRegistry registry, IndicatorCatalogue catalogue) =>
        Read(file, registry, catalogue, CbsODataKeys.Default);

    public static ImportResult Read(TextFile file, AreaRegistry registry, IndicatorCatalogue catalogue, CbsODataKeys keys)
    {
        var (infoFile, info, propertiesFile, properties) = FindMetadata(file, ODataJson.MetadataUrl(file.Text) is { } url ? ODataJson.TableIdFromUrl(url) : null);
        var table = ReadTableInfo(infoFile, info);
        var layout = ReadProperties(propertiesFile, properties);
        var warnings = new List<string>();
        var columns = ResolveColumns(layout, keys, catalogue, file.DisplayPath, warnings);

        int? tableYear = layout.TimeKey is null ? TableYear(table, infoFile) : null;
        var observations = new List<Observation>();
        var unknownCodes = 0;
        var otherPeriods = new SortedSet<string>(StringComparer.Ordinal);
        var years = new SortedSet<int>();
        ODataJson.Scan(file.Text, file.DisplayPath, (row, line) =>
        {
            var code = ODataJson.String(row, GeoKey)
                ?? throw new InputException(file.DisplayPath, line, "expected a region code (a string such as \"BU0363FB08\")", GeoKey);
            if (CbsCodes.ToAreaRef(code, registry) is not { } area)
            {
                unknownCodes++;
                return;
            }

            var year = tableYear;
            if (layout.TimeKey is { } timeKey)
            {
                var period = ODataJson.String(row, timeKey)
                    ?? throw new InputException(file.DisplayPath, line, "expected a period key (a string such as \"2023JJ00\")", timeKey);
                year = YearOfPeriod(period);
                if (year is null)
                {
                    // Months and quarters are not summed into years here: a year figure must come from the source.
                    otherPeriods.Add(period);
                    return;
                }
            }

            years.Add(year!.Value);
            foreach (var column in columns)
            {
                if (!column.Applies(row)) continue;
                if (!row.TryGetProperty(column.Key, out var cell)) continue; // left out by a $select
                var (value, status) = Cell(cell, file.DisplayPath, line, column.Key);
                observations.Add(new Observation(column.Indicator, area, year.Value, value, status, new SourceRef(file.DisplayPath, line)));
            }
        });

        if (unknownCodes > 0) warnings.Add($"{file.DisplayPath}: {unknownCodes} rows with region codes outside the registry were not used");
        if (otherPeriods.Count > 0) warnings.Add($"{file.DisplayPath}: rows for periods that are not whole years were not used ({string.Join(", ", otherPeriods.Take(5))}{(otherPeriods.Count > 5 ? ", …" : "")})");

        var reference = layout.TimeKey is null
            ? $"1 januari {tableYear}"
            : years.Count == 0 ? "" : years.Count == 1 ? $"{years.Min}" : $"{years.Min}–{years.Max}";
        var source = new SourceFile(file.DisplayPath, file.Sha256, Format, $"{table.Title} ({table.Identifier})",
            table.Catalog == "CBS" ? "CBS" : $"{table.Catalog} via CBS", "CC BY 4.0", reference, false);
        return new ImportResult(source, observations, warnings);
    }

    /// <summary>The year of a CBS period key (`2023JJ00`), or null for months (`2025MM09`) and quarters (`2024KW02`).</summary>
    public static int? YearOfPeriod(string period)
    {
        var m = YearPeriod().Match(period.Trim());
        return m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    private sealed record TableInfo(string Identifier, string Title, string? Period, string Catalog);

    private sealed record Property(int Id, int? ParentId, string Type, string Key, string Title, string? Unit, string? Datatype);

    private sealed record Layout(IReadOnlyList<Property> Topics, IReadOnlyList<string> Dimensions, string? TimeKey, IReadOnlyDictionary<int, Property> ById);

    /// <summary>A topic that is read, with the categories of the further dimensions its rows must have.</summary>
    private sealed record Column(string Key, string Indicator, IReadOnlyDictionary<string, string> Selection)
    {
        public bool Applies(JsonElement row) =>
            Selection.All(s => string.Equals(ODataJson.String(row, s.Key), s.Value, StringComparison.Ordinal));
    }

    private static (double? Value, Status Status) Cell(JsonElement cell, string file, int line, string key) => cell.ValueKind switch
    {
        JsonValueKind.Null => (null, Status.Missing),
        // The raw number text goes through the same parser as CSV cells, so CBS's sentinels mean the same here.
        JsonValueKind.Number => Numbers.ParseCell(cell.GetRawText(), NumberStyle.Point, file, line, key),
        // UntypedDataSet and some older tables give numbers as padded strings ("   183.3", "       .").
        JsonValueKind.String => Numbers.ParseCell(cell.GetString(), NumberStyle.Point, file, line, key),
        _ => throw new InputException(file, line, $"a {cell.ValueKind} where a number or null was expected", key),
    };

    private static List<Column> ResolveColumns(Layout layout, CbsODataKeys keys, IndicatorCatalogue catalogue, string file, List<string> warnings)
    {
        var columns = new List<Column>();
        var stemCounts = layout.Topics.GroupBy(t => CbsODataKeys.Stem(t.Key), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var unmapped = 0;
        foreach (var topic in layout.Topics)
        {
            if (topic.Datatype == "String") continue; // names, codes and the like, not figures
            var stem = CbsODataKeys.Stem(topic.Key);
            var group = GroupPath(topic, layout.ById);
            var ambiguous = stemCounts[stem] > 1;
            var candidates = keys.ForStem(stem)
                .Where(k => k.Group is null ? !ambiguous : string.Equals(k.Group, group, StringComparison.Ordinal))
                .ToList();
            if (candidates.Count == 0 && ambiguous && keys.ForStem(stem).Count > 0)
            {
                warnings.Add($"{file}: {stem} occurs {stemCounts[stem]} times in this table; cbs-odata-keys.csv must name the group of the one meant (this one is in '{group}')");
            }

            var mapped = false;
            foreach (var key in candidates)
            {
                if (catalogue.Find(key.Indicator) is not { } indicator)
                {
                    warnings.Add($"{file}: cbs-odata-keys.csv line {key.Line} maps {stem} to '{key.Indicator}', which is not in the catalogue");
                    continue;
                }

                var missing = layout.Dimensions.Where(d => !key.Selection.ContainsKey(d)).ToList();
                if (missing.Count > 0)
                {
                    warnings.Add($"{file}: {topic.Key} is split by {string.Join(", ", missing)}; cbs-odata-keys.csv line {key.Line} must say which category is meant (e.g. {missing[0]}=…)");
                    continue;
                }

                if (!string.IsNullOrEmpty(topic.Unit) && !string.Equals(topic.Unit.Trim(), indicator.Unit, StringComparison.OrdinalIgnoreCase))
                {
                    warnings.Add($"{file}: {topic.Key} is in '{topic.Unit.Trim()}', indicator '{indicator.Id}' in '{indicator.Unit}'; check cbs-odata-keys.csv line {key.Line}");
                }

                columns.Add(new Column(topic.Key, indicator.Id, key.Selection));
                mapped = true;
            }

            if (!mapped && layout.Dimensions.Count == 0 && catalogue.ForKwbHeader(StatLineHeader(topic, group)) is { } byHeader)
            {
                columns.Add(new Column(topic.Key, byHeader, new Dictionary<string, string>()));
                mapped = true;
            }

            if (!mapped) unmapped++;
        }

        if (unmapped > 0) warnings.Add($"{file}: {unmapped} topics are not in the catalogue and were not read");
        return columns;
    }

    /// <summary>The column header StatLine's CSV download gives the same topic: `Bevolking/Geslacht/Mannen (aantal)`.</summary>
    private static string StatLineHeader(Property topic, string group) =>
        (group.Length == 0 ? "" : group + "/") + topic.Title.Trim() + (string.IsNullOrWhiteSpace(topic.Unit) ? "" : $" ({topic.Unit.Trim()})");

    private static string GroupPath(Property topic, IReadOnlyDictionary<int, Property> byId)
    {
        var titles = new List<string>();
        var parent = topic.ParentId;
        for (var guard = 0; parent is { } id && byId.TryGetValue(id, out var p) && guard < 64; guard++)
        {
            titles.Add(p.Title.Trim());
            parent = p.ParentId;
        }

        titles.Reverse();
        return string.Join('/', titles);
    }

    private static int TableYear(TableInfo table, TextFile infoFile)
    {
        if (table.Period is { } period && YearOnly().IsMatch(period.Trim())) return int.Parse(period.Trim(), CultureInfo.InvariantCulture);
        var m = TitleYear().Match(table.Title);
        if (m.Success) return int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        throw new InputException(infoFile.DisplayPath, 1,
            $"cannot tell the year of table {table.Identifier}: it has no Perioden dimension and its Period is '{table.Period}' (expected a single year such as \"2024\")", "Period");
    }

    private static TableInfo ReadTableInfo(TextFile file, ODataCollection info)
    {
        if (info.Rows.Count == 0) throw new InputException(file.DisplayPath, 1, "TableInfos has no row (expected one row describing the table)");
        var (row, line) = info.Rows[0];
        var id = ODataJson.String(row, "Identifier");
        var title = ODataJson.String(row, "Title");
        if (string.IsNullOrEmpty(id)) throw new InputException(file.DisplayPath, line, "expected the table id (\"85984NED\")", "Identifier");
        if (string.IsNullOrEmpty(title)) throw new InputException(file.DisplayPath, line, "expected the table title", "Title");
        return new TableInfo(id, title, ODataJson.String(row, "Period"), ODataJson.String(row, "Catalog") is { Length: > 0 } c ? c : "CBS");
    }

    private static Layout ReadProperties(TextFile file, ODataCollection properties)
    {
        var all = new List<Property>();
        foreach (var (row, line) in properties.Rows)
        {
            var type = ODataJson.String(row, "Type") ?? throw new InputException(file.DisplayPath, line, "expected the property type (Topic, TopicGroup, Dimension …)", "Type");
            var id = ODataJson.Int(row, "ID") ?? throw new InputException(file.DisplayPath, line, "expected a numeric ID", "ID");
            all.Add(new Property(id, ODataJson.Int(row, "ParentID"), type, ODataJson.String(row, "Key") ?? "", ODataJson.String(row, "Title") ?? "",
                ODataJson.String(row, "Unit"), ODataJson.String(row, "Datatype")));
        }

        if (!all.Any(p => p.Key == GeoKey))
        {
            throw new InputException(file.DisplayPath, 1, $"the table has no {GeoKey} dimension (expected a table of wijken en buurten)");
        }

        var time = all.FirstOrDefault(p => p.Type == "TimeDimension")?.Key;
        var dimensions = all.Where(p => p.Type == "Dimension").Select(p => p.Key).ToList();
        return new Layout(all.Where(p => p.Type == "Topic" && p.Key.Length > 0).ToList(), dimensions, time,
            all.Where(p => p.Type == "TopicGroup").ToDictionary(p => p.Id));
    }

    /// <summary>
    /// Finds the TableInfos and DataProperties of a TypedDataSet among the JSON files in its folder, by content.
    /// One table per folder; where a folder holds several, the table id in `odata.metadata` picks the right ones.
    /// </summary>
    private static (TextFile InfoFile, ODataCollection Info, TextFile PropertiesFile, ODataCollection Properties) FindMetadata(TextFile data, string? tableId)
    {
        var siblings = Siblings(data).ToList();
        (TextFile File, ODataCollection Collection) Pick(ODataKind kind, string name)
        {
            var found = siblings.Where(s => s.Kind == kind).Select(s => TextFile.Read(s.Path, s.Display))
                .Select(f => (File: f, Collection: ODataJson.Read(f.Text, f.DisplayPath))).ToList();
            if (found.Count > 1 && tableId is not null)
            {
                found = found.Where(f => (kind == ODataKind.TableInfos && f.Collection.Rows.Count > 0 ? ODataJson.String(f.Collection.Rows[0].Value, "Identifier") : f.Collection.TableId) == tableId).ToList();
            }

            return found.Count switch
            {
                1 => found[0],
                0 => throw new InputException(data.DisplayPath, 0,
                    $"no CBS OData {name} beside this TypedDataSet (expected {name}.json in the same folder, as `buurtscan fetch` writes it)"),
                _ => throw new InputException(data.DisplayPath, 0,
                    $"the folder holds {found.Count} CBS OData {name} files and none is tied to this TypedDataSet; keep each table in its own folder"),
            };
        }

        var info = Pick(ODataKind.TableInfos, "TableInfos");
        var properties = Pick(ODataKind.DataProperties, "DataProperties");
        return (info.File, info.Collection, properties.File, properties.Collection);
    }

    /// <summary>The other CBS OData files in the folder of <paramref name="file"/>, judged by their first 64 KB only.</summary>
    private static IEnumerable<(string Path, string Display, ODataKind Kind)> Siblings(TextFile file)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(file.Path));
        if (folder is null) yield break;
        var displayFolder = Path.GetDirectoryName(file.DisplayPath)?.Replace('\\', '/') ?? "";
        foreach (var path in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            if (Path.GetFullPath(path) == Path.GetFullPath(file.Path) || Path.GetFileName(path).StartsWith('.')) continue;
            var head = new byte[64 * 1024];
            int length;
            using (var stream = File.OpenRead(path)) length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            var text = System.Text.Encoding.UTF8.GetString(head, 0, length).TrimStart('\uFEFF');
            var kind = ODataJson.Peek(text);
            if (kind != ODataKind.None) yield return (path, displayFolder.Length == 0 ? Path.GetFileName(path) : $"{displayFolder}/{Path.GetFileName(path)}", kind);
        }
    }

    [GeneratedRegex(@"^((?:19|20)\d\d)JJ00$", RegexOptions.CultureInvariant)]
    private static partial Regex YearPeriod();

    [GeneratedRegex(@"^(?:19|20)\d\d$", RegexOptions.CultureInvariant)]
    private static partial Regex YearOnly();

    [GeneratedRegex(@"((?:19|20)\d\d)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex TitleYear();
}
