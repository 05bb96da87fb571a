using System.Reflection;
using Buurtscan.Domain;
using Buurtscan.Import;

namespace Buurtscan.Catalogue;

/// <summary>The chapter's themes, in order, and per theme the indicators it shows.</summary>
public sealed record ScanProfile(string Name, IReadOnlyList<ProfileTheme> Themes)
{
    public static ScanProfile Default { get; } = LoadDefault();

    /// <summary>
    /// Reads a profile file: `theme;title;indicator[;kern]`, one indicator a line, themes in order of first
    /// appearance; `kern` = `ja` puts the indicator in the chapter's key-figures table.
    /// </summary>
    public static ScanProfile Parse(string text, string file, IndicatorCatalogue catalogue)
    {
        var csv = new CsvReader(text, file, ';');
        if (!csv.Read() || csv.GetString(0) != "theme" || csv.FieldCount < 3)
        {
            throw new InputException(file, 1, "expected the header 'theme;title;indicator'");
        }

        var themes = new List<(string Id, string Title, List<string> Indicators, List<string> Key)>();
        while (csv.Read())
        {
            if (csv.FieldCount < 3) throw new InputException(file, csv.LineNumber, $"the row has {csv.FieldCount} fields, expected 3 (theme;title;indicator)");
            var (id, title, indicator) = (csv.GetString(0), csv.GetString(1), csv.GetString(2));
            if (catalogue.Find(indicator) is null)
            {
                throw new InputException(file, csv.LineNumber, $"unknown indicator '{indicator}' (see `buurtscan indicators` for the catalogue)", "indicator");
            }

            var theme = themes.FirstOrDefault(t => t.Id == id);
            if (theme.Id is null)
            {
                theme = (id, title, [], []);
                themes.Add(theme);
            }

            if (theme.Indicators.Contains(indicator))
            {
                throw new InputException(file, csv.LineNumber, $"indicator '{indicator}' is listed twice in theme '{id}'", "indicator");
            }

            theme.Indicators.Add(indicator);
            if (csv.FieldCount > 3 && csv.GetString(3).Equals("ja", StringComparison.OrdinalIgnoreCase)) theme.Key.Add(indicator);
        }

        return new ScanProfile(Path.GetFileNameWithoutExtension(file), themes.Select(t => new ProfileTheme(t.Id, t.Title, t.Indicators, t.Key)).ToList());
    }

    private static ScanProfile LoadDefault()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Buurtscan.Catalogue.profile-default.csv")
            ?? throw new InvalidOperationException("embedded profile-default.csv is missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "profile-default.csv", IndicatorCatalogue.Default) with { Name = "default" };
    }
}

public sealed record ProfileTheme(string Id, string Title, IReadOnlyList<string> Indicators, IReadOnlyList<string> KeyIndicators)
{
    public ProfileTheme(string id, string title, IReadOnlyList<string> indicators)
        : this(id, title, indicators, [])
    {
    }
}
