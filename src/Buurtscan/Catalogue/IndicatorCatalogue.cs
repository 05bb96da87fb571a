using System.Reflection;
using Buurtscan.Domain;
using Buurtscan.Import;

namespace Buurtscan.Catalogue;

/// <summary>
/// Every indicator buurtscan knows, read from the shipped data file `indicators.csv`, and the maps from
/// source columns to indicator ids. Kept as data so that analysts can read and extend it.
/// </summary>
public sealed class IndicatorCatalogue
{
    private readonly Dictionary<string, Indicator> byId;
    private readonly Dictionary<string, string> kwbColumns;

    private IndicatorCatalogue(IReadOnlyList<Indicator> indicators, Dictionary<string, string> kwbColumns)
    {
        Indicators = indicators;
        byId = indicators.ToDictionary(i => i.Id, StringComparer.Ordinal);
        this.kwbColumns = kwbColumns;
    }

    public IReadOnlyList<Indicator> Indicators { get; }

    public static IndicatorCatalogue Default { get; } = LoadDefault();

    public Indicator? Find(string id) => byId.GetValueOrDefault(id);

    public Indicator Get(string id) => byId.TryGetValue(id, out var indicator)
        ? indicator
        : throw new BuurtscanException($"indicator '{id}' is not in the catalogue", ExitCodes.BadInput);

    /// <summary>The indicator a CBS KWB column header stands for, matched on its normalised text.</summary>
    public string? ForKwbHeader(string header) => kwbColumns.GetValueOrDefault(NormaliseHeader(header));

    /// <summary>Folds the differences between StatLine's CSV variants: line breaks, non-breaking and double spaces, case.</summary>
    public static string NormaliseHeader(string header)
    {
        var chars = new System.Text.StringBuilder(header.Length);
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

    private static IndicatorCatalogue LoadDefault()
    {
        var indicators = new List<Indicator>();
        var reader = Open("indicators.csv");
        reader.Read();
        var header = reader.GetRecord();
        int Col(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidOperationException($"indicators.csv lacks column {name}");
        int id = Col("id"), label = Col("label"), theme = Col("theme"), unit = Col("unit"), kind = Col("kind"),
            num = Col("numerator"), den = Col("denominator"), dir = Col("direction"), def = Col("definition"), src = Col("source");
        while (reader.Read())
        {
            string? Opt(int i) => reader.GetString(i) is { Length: > 0 } s ? s : null;
            indicators.Add(new Indicator(
                reader.GetString(id),
                reader.GetString(label),
                reader.GetString(theme),
                reader.GetString(unit),
                ParseKind(reader.GetString(kind), reader.LineNumber),
                Opt(num),
                Opt(den),
                ParseDirection(reader.GetString(dir), reader.LineNumber),
                reader.GetString(def),
                reader.GetString(src)));
        }

        var columns = new Dictionary<string, string>(StringComparer.Ordinal);
        var map = Open("cbs-kwb-columns.csv");
        map.Read();
        while (map.Read())
        {
            columns[NormaliseHeader(map.GetString(0))] = map.GetString(1);
        }

        return new IndicatorCatalogue(indicators, columns);
    }

    private static CsvReader Open(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Buurtscan.Catalogue.{name}")
            ?? throw new InvalidOperationException($"embedded catalogue file {name} is missing");
        using var text = new StreamReader(stream);
        return new CsvReader(text.ReadToEnd(), name, ';');
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
}
