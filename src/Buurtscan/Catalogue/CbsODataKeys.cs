using System.Reflection;
using Buurtscan.Domain;
using Buurtscan.Import;

namespace Buurtscan.Catalogue;

/// <summary>
/// One line of `cbs-odata-keys.csv`: a CBS OData topic, named by the stem of its key, and the indicator it is.
/// <paramref name="Group"/> (the topic group path, e.g. `Bevolking/Bevolking naar herkomst/Herkomstland`)
/// is only needed where a table has several topics with the same stem. <paramref name="Selection"/> names
/// the category of each further dimension of the table (`SoortMisdrijf=0.0.0` = all crime types).
/// </summary>
public sealed record CbsODataKey(string Stem, string Indicator, string? Group, IReadOnlyDictionary<string, string> Selection, int Line);

/// <summary>
/// The map from CBS OData topic keys to indicator ids. Keys are `{Stem}_{n}` where n is only the topic's
/// position in that year's table: it changes between years and revisions (GemiddeldeHuishoudensgrootte_32
/// in 2017, _33 in 2024), so the map is by stem and the suffix is never stored.
/// </summary>
public sealed class CbsODataKeys
{
    private readonly Dictionary<string, List<CbsODataKey>> byStem;

    private CbsODataKeys(IReadOnlyList<CbsODataKey> keys)
    {
        Keys = keys;
        byStem = keys.GroupBy(k => k.Stem, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
    }

    public IReadOnlyList<CbsODataKey> Keys { get; }

    public static CbsODataKeys Default { get; } = LoadDefault();

    /// <summary>The lines for one stem (several when they differ in group or selection).</summary>
    public IReadOnlyList<CbsODataKey> ForStem(string stem) => byStem.TryGetValue(stem, out var list) ? list : [];

    /// <summary>`AantalInwoners_5` → `AantalInwoners`; a key without a numeric suffix is its own stem.</summary>
    public static string Stem(string key)
    {
        var underscore = key.LastIndexOf('_');
        if (underscore <= 0 || underscore == key.Length - 1) return key;
        for (var i = underscore + 1; i < key.Length; i++)
        {
            if (!char.IsAsciiDigit(key[i])) return key;
        }

        return key[..underscore];
    }

    /// <summary>Reads a keys file (`stem;indicator;group;selection`); the last two columns may be empty.</summary>
    public static CbsODataKeys Parse(string text, string fileName)
    {
        var reader = new CsvReader(text, fileName, ';');
        if (!reader.Read()) throw new InputException(fileName, 1, "the file is empty (expected the header stem;indicator;group;selection)");
        var header = reader.GetRecord();
        int Col(string name) => Array.IndexOf(header, name) is var i and >= 0
            ? i
            : throw new InputException(fileName, 1, $"missing column '{name}' (expected the header stem;indicator;group;selection)");
        int stem = Col("stem"), indicator = Col("indicator"), group = Col("group"), selection = Col("selection");
        var keys = new List<CbsODataKey>();
        while (reader.Read())
        {
            var s = reader.GetString(stem).Trim();
            var id = reader.GetString(indicator).Trim();
            if (s.Length == 0 || id.Length == 0) throw new InputException(fileName, reader.LineNumber, "expected a key stem and an indicator id");
            if (Stem(s) != s) throw new InputException(fileName, reader.LineNumber, $"'{s}' ends in a numeric suffix; give the stem only (the suffix changes every year)", "stem");
            var g = reader.GetString(group).Trim();
            keys.Add(new CbsODataKey(s, id, g.Length == 0 ? null : g, ParseSelection(reader.GetString(selection), fileName, reader.LineNumber), reader.LineNumber));
        }

        return new CbsODataKeys(keys);
    }

    private static Dictionary<string, string> ParseSelection(string text, string fileName, int line)
    {
        var selection = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == part.Length - 1)
            {
                throw new InputException(fileName, line, $"'{part}' is not a selection (expected Dimension=Key, e.g. SoortMisdrijf=0.0.0)", "selection");
            }

            selection[part[..eq].Trim()] = part[(eq + 1)..].Trim();
        }

        return selection;
    }

    private static CbsODataKeys LoadDefault()
    {
        const string name = "cbs-odata-keys.csv";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Buurtscan.Catalogue.{name}")
            ?? throw new InvalidOperationException($"embedded catalogue file {name} is missing");
        using var text = new StreamReader(stream);
        return Parse(text.ReadToEnd(), name);
    }
}
