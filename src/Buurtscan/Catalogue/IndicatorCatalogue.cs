using System.Reflection;
using System.Text;
using Buurtscan.Domain;
using Buurtscan.Import;

namespace Buurtscan.Catalogue;

/// <summary>How an OIS variable (BBGA, statistieken, Gebied in beeld) feeds the catalogue.</summary>
public enum VariableRole { Observation, Forecast }

/// <summary>An OIS variable's place in the catalogue.</summary>
public readonly record struct OisMapping(string IndicatorId, VariableRole Role);

/// <summary>What a source's own metadata says about one of its variables (BBGA metadata, CBS DataProperties, a Gebied-in-beeld sheet).</summary>
public sealed record VariableMetadata(
    string Source,
    string Variable,
    string Label,
    string Definition,
    string Publisher,
    string ReferenceDate,
    string Unit,
    string Theme,
    int? MinPopulation = null,
    int? MinDwellings = null)
{
    /// <summary>The source's short label, where it has one (BBGA `Labelkort`).</summary>
    public string ShortLabel { get; init; } = "";
}

/// <summary>
/// Every indicator buurtscan knows, read from the shipped data files, and the maps from source columns
/// and variables to indicator ids. Kept as data so that analysts can read and extend it:
/// `indicators.csv` (the catalogue), `cbs-kwb-columns.csv` (StatLine header → id), `cbs-statline-columns.csv`
/// (other CBS tables' headers), `bbga-variables.csv` (OIS variable names → id); CBS OData keys are in
/// `cbs-odata-keys.csv` (<see cref="CbsODataKeys"/>). docs/catalogue.md explains the columns.
/// </summary>
public sealed class IndicatorCatalogue
{
    /// <summary>The Buurtbalans themes, in the order of the chapter. Every indicator belongs to exactly one.</summary>
    public static readonly IReadOnlyList<string> Themes =
        ["bevolking", "wonen", "werk-inkomen", "jeugd-onderwijs", "gezondheid-welzijn", "veiligheid", "openbare-ruimte", "sociale-kracht"];

    private readonly Dictionary<string, Indicator> byId;
    private readonly HeaderMap headers;
    private readonly Dictionary<string, OisMapping> oisVariables;
    private readonly Dictionary<string, OisMapping>.AlternateLookup<ReadOnlySpan<char>> oisBySpan;
    private readonly Dictionary<string, List<VariableMetadata>> metadata;

    private IndicatorCatalogue(
        IReadOnlyList<Indicator> indicators,
        HeaderMap headers,
        Dictionary<string, OisMapping> oisVariables,
        Dictionary<string, List<VariableMetadata>> metadata)
    {
        Indicators = indicators;
        byId = indicators.ToDictionary(i => i.Id, StringComparer.Ordinal);
        this.headers = headers;
        this.oisVariables = oisVariables;
        oisBySpan = oisVariables.GetAlternateLookup<ReadOnlySpan<char>>();
        this.metadata = metadata;
    }

    public IReadOnlyList<Indicator> Indicators { get; }

    public static IndicatorCatalogue Default { get; } = LoadDefault();

    public Indicator? Find(string id) => byId.GetValueOrDefault(id);

    public Indicator Get(string id) => byId.TryGetValue(id, out var indicator)
        ? indicator
        : throw new BuurtscanException($"indicator '{id}' is not in the catalogue", ExitCodes.BadInput);

    /// <summary>The indicator a CBS StatLine column header stands for, in any of StatLine's CSV variants, or null.</summary>
    public string? ForKwbHeader(string header) => headers.Find(header);

    /// <summary>
    /// The catalogue entry of an OIS variable name. A forecast variable carries its edition (`BEV_PROG2018`):
    /// it is looked up by its stem (`BEV_PROG`) and the edition is returned separately.
    /// </summary>
    public OisMapping? ForOisVariable(ReadOnlySpan<char> variable, out int edition)
    {
        edition = 0;
        if (oisBySpan.TryGetValue(variable, out var mapping)) return mapping;
        // `…_PROG2018`: four digits after _PROG name the edition of the forecast.
        if (variable.Length > 9 && variable[^9..^4].SequenceEqual("_PROG") && int.TryParse(variable[^4..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out edition))
        {
            if (oisBySpan.TryGetValue(variable[..^4], out var forecast) && forecast.Role == VariableRole.Forecast) return forecast;
        }

        edition = 0;
        return null;
    }

    /// <summary>The OIS variable names mapped to this indicator (for reports).</summary>
    public IEnumerable<string> OisVariablesOf(string indicatorId) =>
        oisVariables.Where(kv => kv.Value.IndicatorId == indicatorId).Select(kv => kv.Key).Order(StringComparer.Ordinal);

    /// <summary>
    /// Every indicator for the same concept, the preferred one first: the indicator without `same_as`, then
    /// those that name it, in catalogue order. A lone indicator gives just itself.
    /// </summary>
    public IReadOnlyList<Indicator> Linked(string id)
    {
        var indicator = Get(id);
        var preferred = indicator.SameAs is { } s ? Get(s) : indicator;
        return [preferred, .. Indicators.Where(i => i.SameAs == preferred.Id)];
    }

    /// <summary>What the sources' own metadata files said about this indicator, if any were read.</summary>
    public IReadOnlyList<VariableMetadata> MetadataOf(string id) => metadata.TryGetValue(id, out var list) ? list : [];

    /// <summary>Everything the metadata files said, in the order it was added: <see cref="WithMetadata"/> on the default catalogue rebuilds this one.</summary>
    public IEnumerable<(string IndicatorId, VariableMetadata Metadata)> MetadataEntries =>
        metadata.SelectMany(kv => kv.Value.Select(m => (kv.Key, m)));

    /// <summary>
    /// A copy that knows what the sources' metadata files say: their labels and definitions (for reports) and
    /// their disclosure thresholds (BBGA's minimum population or dwellings), which become part of the indicator.
    /// </summary>
    public IndicatorCatalogue WithMetadata(IEnumerable<(string IndicatorId, VariableMetadata Metadata)> entries)
    {
        var merged = metadata.ToDictionary(kv => kv.Key, kv => kv.Value.ToList(), StringComparer.Ordinal);
        foreach (var (id, meta) in entries)
        {
            if (!byId.ContainsKey(id)) continue;
            if (!merged.TryGetValue(id, out var list)) merged[id] = list = [];
            if (!list.Contains(meta)) list.Add(meta);
        }

        var indicators = Indicators.Select(i => merged.TryGetValue(i.Id, out var list)
            ? i with
            {
                MinPopulation = i.MinPopulation ?? list.Select(m => m.MinPopulation).FirstOrDefault(v => v is not null),
                MinDwellings = i.MinDwellings ?? list.Select(m => m.MinDwellings).FirstOrDefault(v => v is not null),
            }
            : i).ToList();
        return new IndicatorCatalogue(indicators, headers, oisVariables, merged);
    }

    /// <summary>Folds the differences between StatLine's CSV variants: line breaks, non-breaking and double spaces, case.</summary>
    public static string NormaliseHeader(string header)
    {
        var chars = new StringBuilder(header.Length);
        var lastSpace = false;
        foreach (var c in header)
        {
            var isSpace = char.IsWhiteSpace(c) || c == '\u00A0';
            if (isSpace)
            {
                if (!lastSpace && chars.Length > 0) chars.Append(' ');
                lastSpace = true;
                continue;
            }

            chars.Append(char.ToLowerInvariant(c));
            lastSpace = false;
        }

        return chars.ToString().Trim();
    }

    /// <summary>A header as a reader wants to see it: line breaks and runs of (non-breaking) spaces folded to one space, case kept.</summary>
    public static string FoldSpaces(string header) =>
        string.Join(' ', header.Split((char[])[' ', '\n', '\r', '\t', '\u00A0'], StringSplitOptions.RemoveEmptyEntries));

    private static IndicatorCatalogue LoadDefault() => Load(name =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Buurtscan.Catalogue.{name}")
            ?? throw new InvalidOperationException($"embedded catalogue file {name} is missing");
        using var text = new StreamReader(stream);
        return text.ReadToEnd();
    });

    /// <summary>
    /// Reads and checks the four catalogue files, each given by its name (the shipped ones are embedded; an
    /// extended copy can come from anywhere). A broken catalogue is bad input like any other: file, line, field.
    /// </summary>
    public static IndicatorCatalogue Load(Func<string, string> read)
    {
        var indicators = new List<Indicator>();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var csv = Open(read, "indicators.csv", out var col, "id", "label", "theme", "unit", "kind", "numerator", "denominator", "direction", "definition", "source");
        var reference = col.GetValueOrDefault("reference_date", -1);
        var sameAs = col.GetValueOrDefault("same_as", -1);
        while (csv.Read())
        {
            string? Opt(int i) => i >= 0 && i < csv.FieldCount && csv.GetString(i) is { Length: > 0 } s ? s : null;
            if (csv.FieldCount < col.Count) throw new InputException("indicators.csv", csv.LineNumber, $"the row has {csv.FieldCount} fields, expected {col.Count}");
            var id = csv.GetString(col["id"]);
            var theme = csv.GetString(col["theme"]);
            if (!Themes.Contains(theme))
            {
                throw new InputException("indicators.csv", csv.LineNumber, $"unknown theme '{theme}' (expected one of {string.Join(", ", Themes)})", "theme");
            }

            if (!lines.TryAdd(id, csv.LineNumber))
            {
                throw new InputException("indicators.csv", csv.LineNumber, $"indicator '{id}' is defined twice (first on line {lines[id]})", "id");
            }

            indicators.Add(new Indicator(
                id,
                csv.GetString(col["label"]),
                theme,
                csv.GetString(col["unit"]),
                ParseKind(csv.GetString(col["kind"]), csv.LineNumber),
                Opt(col["numerator"]),
                Opt(col["denominator"]),
                ParseDirection(csv.GetString(col["direction"]), csv.LineNumber),
                csv.GetString(col["definition"]),
                csv.GetString(col["source"]))
            {
                ReferenceDate = Opt(reference) ?? "",
                SameAs = Opt(sameAs),
            });
        }

        var ids = indicators.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var indicator in indicators)
        {
            foreach (var (field, target) in new[] { ("numerator", indicator.Numerator), ("denominator", indicator.Denominator), ("same_as", indicator.SameAs) })
            {
                if (target is not null && !ids.Contains(target))
                {
                    throw new InputException("indicators.csv", lines[indicator.Id], $"'{target}' is not an indicator in the catalogue", field);
                }
            }

            if (indicator.SameAs is { } preferred && indicators.First(i => i.Id == preferred) is var p && (p.SameAs is not null || p.Unit != indicator.Unit))
            {
                throw new InputException("indicators.csv", lines[indicator.Id],
                    $"same_as must name the preferred indicator of the concept, in the same unit ('{preferred}' has unit '{p.Unit}' and same_as '{p.SameAs}')", "same_as");
            }
        }

        var headers = new HeaderMap();
        var map = Open(read, "cbs-kwb-columns.csv", out var mapCol, "header", "indicator");
        while (map.Read())
        {
            headers.Add(map.GetString(mapCol["header"]), Target(map, mapCol["indicator"], "cbs-kwb-columns.csv", ids));
        }

        // Other CBS tables downloaded as CSV (SES-WOA): header text, as in cbs-kwb-columns.csv. Their OData keys
        // (47018NED crime) are mapped in cbs-odata-keys.csv, shared with the OData importer.
        var statline = Open(read, "cbs-statline-columns.csv", out var slCol, "table", "header", "indicator");
        while (statline.Read())
        {
            headers.Add(statline.GetString(slCol["header"]), Target(statline, slCol["indicator"], "cbs-statline-columns.csv", ids));
        }

        var ois = new Dictionary<string, OisMapping>(StringComparer.Ordinal);
        var bbga = Open(read, "bbga-variables.csv", out var bbgaCol, "variabele", "indicator", "role");
        while (bbga.Read())
        {
            var variable = bbga.GetString(bbgaCol["variabele"]);
            var role = bbga.GetString(bbgaCol["role"]) switch
            {
                "observation" => VariableRole.Observation,
                "forecast" => VariableRole.Forecast,
                var other => throw new InputException("bbga-variables.csv", bbga.LineNumber, $"unknown role '{other}' (expected observation or forecast)", "role"),
            };
            if (!ois.TryAdd(variable, new OisMapping(Target(bbga, bbgaCol["indicator"], "bbga-variables.csv", ids), role)))
            {
                throw new InputException("bbga-variables.csv", bbga.LineNumber, $"variable '{variable}' is mapped twice", "variabele");
            }
        }

        return new IndicatorCatalogue(indicators, headers, ois, new Dictionary<string, List<VariableMetadata>>(StringComparer.Ordinal));
    }

    private static string Target(CsvReader csv, int index, string file, HashSet<string> ids)
    {
        var id = csv.GetString(index);
        return ids.Contains(id) ? id : throw new InputException(file, csv.LineNumber, $"'{id}' is not an indicator in indicators.csv", "indicator");
    }

    private static CsvReader Open(Func<string, string> read, string name, out Dictionary<string, int> columns, params string[] required)
    {
        var csv = new CsvReader(read(name), name, ';');
        if (!csv.Read()) throw new InputException(name, 1, "the file is empty (expected a header line)");
        columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < csv.FieldCount; i++) columns[csv.GetString(i)] = i;
        foreach (var r in required)
        {
            if (!columns.ContainsKey(r)) throw new InputException(name, 1, $"missing column '{r}'");
        }

        return csv;
    }

    private static IndicatorKind ParseKind(string text, int line) => text switch
    {
        "count" => IndicatorKind.Count,
        "share" => IndicatorKind.Share,
        "rate" => IndicatorKind.Rate,
        "mean" => IndicatorKind.Mean,
        "median" => IndicatorKind.Median,
        "score" => IndicatorKind.Score,
        "index" => IndicatorKind.Index,
        _ => throw new InputException("indicators.csv", line, $"unknown kind '{text}' (expected count, share, rate, mean, median, score or index)", "kind"),
    };

    private static Direction ParseDirection(string text, int line) => text switch
    {
        "neutral" => Direction.Neutral,
        "higher-is-better" => Direction.HigherIsBetter,
        "higher-is-worse" => Direction.HigherIsWorse,
        _ => throw new InputException("indicators.csv", line, $"unknown direction '{text}' (expected neutral, higher-is-better or higher-is-worse)", "direction"),
    };

    /// <summary>
    /// StatLine header text → indicator, across StatLine's CSV variants. One catalogue row, written as the
    /// full path (`Bevolking/Geslacht/Mannen (aantal)`), matches:
    /// the classic download (the path itself), the table layout (`Bevolking|Geslacht|Mannen` + unit row),
    /// the newer download, which keeps only the last parts of the path (`Geslacht Vrouwen (aantal)`), and
    /// R's re-save, which turns every other character into a dot (`Bevolking.Geslacht.Mannen..aantal.`).
    /// A shortened form that two rows share is ambiguous and matches neither.
    /// </summary>
    private sealed class HeaderMap
    {
        private readonly Dictionary<string, string> full = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string?> suffixes = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string?> letters = new(StringComparer.Ordinal);

        public void Add(string header, string indicator)
        {
            full[Key(header)] = indicator;
            AddOnce(letters, LettersKey(header), indicator);
            var parts = header.Split('/', '|');
            for (var k = 1; k < parts.Length; k++)
            {
                AddOnce(suffixes, Key(string.Join(' ', parts[k..])), indicator);
            }
        }

        public string? Find(string header)
        {
            var key = Key(header);
            if (full.TryGetValue(key, out var id)) return id;
            if (suffixes.TryGetValue(key, out var suffix)) return suffix;
            return letters.TryGetValue(LettersKey(header), out var mangled) ? mangled : null;
        }

        private static void AddOnce(Dictionary<string, string?> map, string key, string indicator)
        {
            if (key.Length == 0) return;
            if (map.TryGetValue(key, out var existing) && existing != indicator) map[key] = null; // two rows share it: ambiguous
            else map[key] = indicator;
        }

        /// <summary>Case, white space and the path separators folded: `Bevolking/Aantal inwoners` = `Bevolking Aantal inwoners`.</summary>
        public static string Key(string header) => NormaliseHeader(header.Replace('/', ' ').Replace('|', ' '));

        /// <summary>Letters and digits only, for R's mangled names.</summary>
        public static string LettersKey(string header)
        {
            var sb = new StringBuilder(header.Length);
            foreach (var c in header)
            {
                if (char.IsLetterOrDigit(c)) sb.Append(char.ToLowerInvariant(c));
            }

            return sb.ToString();
        }
    }
}
