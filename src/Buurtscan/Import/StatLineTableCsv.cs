using System.Globalization;
using System.Text.RegularExpressions;
using Buurtscan.Areas;
using Buurtscan.Catalogue;
using Buurtscan.Domain;

namespace Buurtscan.Import;

/// <summary>
/// StatLine's "table layout" CSV: a title line, an empty line, a header of several rows (the subject path with
/// `|` between its parts, then the units), decimal commas, and a `"Bron: CBS"` footer. It comes in two
/// orientations: regions down the rows and subjects across (KWB 2015 income, regions by name only), or
/// transposed, subjects down and regions across (KWB 2017, with a row of region codes).
/// </summary>
public static partial class StatLineTableCsv
{
    public const string Format = "CBS StatLine CSV (table layout)";

    public static bool Recognises(TextFile file)
    {
        var csv = new CsvReader(file.Text, file.DisplayPath, ';');
        try
        {
            if (!csv.Read() || csv.FieldCount != 1 || csv.GetString(0).Length == 0) return false;
            for (var i = 0; i < 4 && csv.Read(); i++)
            {
                if (csv.GetRecord().Contains("Onderwerp")) return true;
            }
        }
        catch (InputException)
        {
            return false;
        }

        return false;
    }

    public static ImportResult Read(TextFile file, AreaRegistry registry, IndicatorCatalogue catalogue)
    {
        var csv = new CsvReader(file.Text, file.DisplayPath, ';');
        var records = new List<(int Line, string[] Cells)>();
        while (csv.Read()) records.Add((csv.LineNumber, csv.GetRecord()));
        if (records.Count < 4) throw new InputException(file.DisplayPath, records.Count > 0 ? records[^1].Line : 1, "the table ends inside its header (expected a title, the subject rows and the data); the file may be cut off");

        var title = records[0].Cells[0];
        var year = YearOf(title) ?? KwbStatLineCsv.YearFromName(file)
            ?? throw new InputException(file.DisplayPath, records[0].Line, $"cannot tell the year from the title '{title}' or the file name (expected e.g. 'Kerncijfers wijken en buurten 2015')");
        var subjectsAcross = records.FindIndex(r => r.Cells.Length >= 2 && r.Cells[0].Length == 0 && r.Cells[1] == "Onderwerp");
        var subjectsDown = records.FindIndex(r => r.Cells.Length >= 2 && r.Cells[0] == "Onderwerp");
        if (subjectsAcross < 0 && subjectsDown < 0)
        {
            throw new InputException(file.DisplayPath, records[1].Line, "no 'Onderwerp' header row (expected StatLine's table layout)");
        }

        var observations = new List<Observation>();
        var warnings = new List<string>();
        var notRead = new List<string>();
        if (subjectsAcross >= 0) ReadRegionsDown(file, registry, catalogue, records, subjectsAcross, year, observations, warnings, notRead);
        else ReadRegionsAcross(file, registry, catalogue, records, subjectsDown, year, observations, warnings, notRead);

        var source = new SourceFile(file.DisplayPath, file.Sha256, Format, $"{title} ({CbsCodes.KwbTableId(year)})", "CBS", "CC BY 4.0", $"1 januari {year}", false);
        return new ImportResult(source, observations, warnings) { NotRead = notRead };
    }

    /// <summary>Regions down, subjects across: `"";"Onderwerp"`, a row of subject paths, then `"Wijken en buurten";units…`, then the data.</summary>
    private static void ReadRegionsDown(TextFile file, AreaRegistry registry, IndicatorCatalogue catalogue, List<(int Line, string[] Cells)> records,
        int onderwerp, int year, List<Observation> observations, List<string> warnings, List<string> notRead)
    {
        var units = records.FindIndex(onderwerp, r => r.Cells.Length > 0 && r.Cells[0] == "Wijken en buurten");
        if (units < 0 || units == onderwerp + 1)
        {
            throw new InputException(file.DisplayPath, records[onderwerp].Line, "expected the subject row and then a row starting with 'Wijken en buurten' with the units");
        }

        var paths = records[units - 1].Cells;
        var unitCells = records[units].Cells;
        var indicators = new string?[unitCells.Length];
        var headers = new string[unitCells.Length];
        for (var i = 1; i < unitCells.Length; i++)
        {
            headers[i] = $"{(i < paths.Length ? paths[i] : "").Trim()} ({unitCells[i]})";
            indicators[i] = catalogue.ForKwbHeader(headers[i]);
            if (indicators[i] is null) notRead.Add(IndicatorCatalogue.FoldSpaces(headers[i]));
        }

        var rows = new List<(int Line, string[] Cells)>();
        foreach (var (line, cells) in records.Skip(units + 1))
        {
            if (cells.Length == 1 && cells[0].StartsWith("Bron", StringComparison.OrdinalIgnoreCase)) continue;
            if (cells.Length != unitCells.Length)
            {
                throw new InputException(file.DisplayPath, line, $"the row has {cells.Length} fields, expected {unitCells.Length} as in the header");
            }

            rows.Add((line, cells));
        }

        var areas = new AreaRef?[rows.Count];
        KwbStatLineCsv.ResolveNames(file, registry, rows.Select(r => (r.Line, year, r.Cells[0], (string?)null, (string?)null)).ToList(), areas, warnings);
        for (var r = 0; r < rows.Count; r++)
        {
            if (areas[r] is not { } area) continue;
            for (var i = 1; i < unitCells.Length; i++)
            {
                if (indicators[i] is not { } id) continue;
                var (value, status) = Numbers.ParseCell(rows[r].Cells[i], NumberStyle.Comma, file.DisplayPath, rows[r].Line, headers[i]);
                observations.Add(new Observation(id, area, year, value, status, new SourceRef(file.DisplayPath, rows[r].Line)));
            }
        }
    }

    /// <summary>Subjects down, regions across: `"Onderwerp";"";names…`, then one row per subject: path, unit, values.</summary>
    private static void ReadRegionsAcross(TextFile file, AreaRegistry registry, IndicatorCatalogue catalogue, List<(int Line, string[] Cells)> records,
        int onderwerp, int year, List<Observation> observations, List<string> warnings, List<string> notRead)
    {
        var names = records[onderwerp].Cells;
        if (names.Length < 3)
        {
            throw new InputException(file.DisplayPath, records[onderwerp].Line, "the 'Onderwerp' row names no regions (expected 'Onderwerp', the unit column, then one column per region)");
        }

        var subjects = records.Skip(onderwerp + 1).Where(r => !(r.Cells.Length == 1 && r.Cells[0].StartsWith("Bron", StringComparison.OrdinalIgnoreCase))).ToList();
        foreach (var (line, cells) in subjects)
        {
            if (cells.Length != names.Length)
            {
                throw new InputException(file.DisplayPath, line, $"the row has {cells.Length} fields, expected {names.Length} as in the header");
            }
        }

        var codes = subjects.FirstOrDefault(s => s.Cells[0].Replace('|', '/') == "Regioaanduiding/Codering").Cells;
        var areas = new AreaRef?[names.Length];
        if (codes is not null)
        {
            var unknown = new List<string>();
            for (var c = 2; c < names.Length; c++)
            {
                areas[c] = CbsCodes.ToAreaRef(codes[c], registry);
                if (areas[c] is null) unknown.Add(codes[c]);
            }

            if (unknown.Count > 0) warnings.Add($"{file.DisplayPath}: {unknown.Count} regions with codes outside the registry were not used ({KwbStatLineCsv.Examples(unknown)})");
        }
        else
        {
            var resolved = new AreaRef?[names.Length - 2];
            KwbStatLineCsv.ResolveNames(file, registry, names.Skip(2).Select(n => (records[onderwerp].Line, year, n, (string?)null, (string?)null)).ToList(), resolved, warnings);
            resolved.CopyTo(areas, 2);
        }

        foreach (var (line, cells) in subjects)
        {
            if (cells[0].StartsWith("Regioaanduiding", StringComparison.Ordinal)) continue;
            var header = $"{cells[0].Trim()} ({cells[1]})";
            if (catalogue.ForKwbHeader(header) is not { } id)
            {
                notRead.Add(IndicatorCatalogue.FoldSpaces(header));
                continue;
            }

            for (var c = 2; c < names.Length; c++)
            {
                if (areas[c] is not { } area) continue;
                var (value, status) = Numbers.ParseCell(cells[c], NumberStyle.Comma, file.DisplayPath, line, $"{header} / {names[c]}");
                observations.Add(new Observation(id, area, year, value, status, new SourceRef(file.DisplayPath, line)));
            }
        }
    }

    private static int? YearOf(string title)
    {
        var m = TitleYear().Match(title);
        return m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"\b((?:19|20)\d\d)\b", RegexOptions.CultureInvariant)]
    private static partial Regex TitleYear();
}
