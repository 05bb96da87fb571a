using System.Globalization;
using System.Text;
using Buurtscan.Domain;

namespace Buurtscan.Areas;

/// <summary>The outcome of looking an area up by what a user typed.</summary>
public abstract record FindResult
{
    public sealed record Found(Area Area) : FindResult;
    public sealed record Ambiguous(IReadOnlyList<Area> Candidates) : FindResult;
    public sealed record NotFound(IReadOnlyList<Area> Suggestions) : FindResult;
}

/// <summary>Finds areas by slug, code, CBS code or name, ignoring case, accents and punctuation.</summary>
public static class AreaFinder
{
    public static FindResult Find(AreaRegistry registry, string query, Level? level = null, Division division = Division.Indeling2022)
    {
        var candidates = registry.All.Where(a => a.Division == division && (level is null || a.Level == level)).ToList();
        var key = Normalise(query);
        if (key.Length == 0) return new FindResult.NotFound([]);

        var exact = candidates.Where(a => Keys(a).Contains(key)).ToList();
        if (exact.Count == 1) return new FindResult.Found(exact[0]);
        if (exact.Count > 1)
        {
            // A code is more specific than a name: `F` is the stadsdeel, whatever else is called "F".
            var byCode = exact.Where(a => Normalise(a.Code) == key || (a.CbsCode is not null && Normalise(a.CbsCode) == key)).ToList();
            return byCode.Count == 1 ? new FindResult.Found(byCode[0]) : new FindResult.Ambiguous(exact);
        }

        var partial = candidates.Where(a => Keys(a).Any(k => k.Length > 3 && k.Contains(key, StringComparison.Ordinal)) && key.Length >= 4).ToList();
        if (partial.Count == 1) return new FindResult.Found(partial[0]);
        if (partial.Count > 1) return new FindResult.Ambiguous(partial);

        var suggestions = candidates
            .Select(a => (Area: a, Distance: Keys(a).Min(k => Distance(k, key))))
            .OrderBy(x => x.Distance).ThenBy(x => x.Area.Level).ThenBy(x => x.Area.Code, StringComparer.Ordinal)
            .Take(3).Select(x => x.Area).ToList();
        return new FindResult.NotFound(suggestions);
    }

    /// <summary>The URL-style name used for output folders: "Wegener Sleeswijkbuurt" → "wegener-sleeswijkbuurt".</summary>
    public static string Slug(string name)
    {
        var sb = new StringBuilder();
        foreach (var c in RemoveAccents(name).ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }

        return sb.ToString().Trim('-');
    }

    /// <summary>Lower case, no accents, letters and digits only.</summary>
    public static string Normalise(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in RemoveAccents(text).ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) sb.Append(c);
        }

        return sb.ToString();
    }

    private static IEnumerable<string> Keys(Area area)
    {
        var name = Normalise(area.Name);
        yield return Normalise(area.Code);
        if (area.CbsCode is not null) yield return Normalise(area.CbsCode);
        yield return name;
        // "wegener-sleeswijk" should find the "Wegener Sleeswijkbuurt".
        if (area.Level == Level.Buurt && name.EndsWith("buurt", StringComparison.Ordinal) && name.Length > 5)
        {
            yield return name[..^5];
        }
    }

    private static string RemoveAccents(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>Levenshtein distance, for "did you mean".</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
