using System.Globalization;
using System.Text.RegularExpressions;
using Buurtscan.Areas;
using Buurtscan.Catalogue;
using Buurtscan.Domain;

namespace Buurtscan.Import;

/// <summary>
/// A CBS OData TypedDataSet saved as CSV (by R's cbsodataR or a spreadsheet): one row per combination of the
/// dimensions (`WijkenEnBuurten`, `Perioden`, and table-specific ones such as `SoortMisdrijf`), one column per
/// topic key (`GeregistreerdeMisdrijven_1`). Keys are matched by their stem (the `_n` suffix is not stable),
/// with `cbs-statline-columns.csv` saying which dimension members to read. Only yearly periods (`2023JJ00`)
/// are read: the scan works with years.
/// </summary>
public static partial class CbsTypedDataSetCsv
{
    public const string Format = "CBS OData TypedDataSet CSV";

    private static readonly HashSet<string> Descriptors = new(StringComparer.Ordinal)
    {
        "ID", "WijkenEnBuurten", "RegioS", "Perioden", "Gemeentenaam", "SoortRegio", "Codering", "IndelingswijzigingGemeenteWijkBuurt", "IndelingswijzigingWijkenEnBuurten",
    };

    public static bool Recognises(TextFile file)
    {
        var first = file.FirstLine;
        return first.Contains("\"ID\"", StringComparison.Ordinal) && first.Contains("\"Perioden\"", StringComparison.Ordinal) &&
            (first.Contains("\"WijkenEnBuurten\"", StringComparison.Ordinal) || first.Contains("\"RegioS\"", StringComparison.Ordinal));
    }

    public static ImportResult Read(TextFile file, AreaRegistry registry, IndicatorCatalogue catalogue)
    {
        var csv = new CsvReader(file.Text, file.DisplayPath, CsvReader.DetectDelimiter(file.Text));
        if (!csv.Read()) throw new InputException(file.DisplayPath, 1, "the file is empty (expected a header line)");
        var header = csv.GetRecord();
        var region = Array.FindIndex(header, h => h is "WijkenEnBuurten" or "RegioS");
        var period = Array.IndexOf(header, "Perioden");
        if (region < 0 || period < 0)
        {
            throw new InputException(file.DisplayPath, 1, "missing column 'WijkenEnBuurten' or 'Perioden' (expected an OData TypedDataSet with those dimensions)");
        }

        var table = TableId().Match(file.DisplayPath) is { Success: true } m ? m.Value : null;
        var dimensions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++) dimensions.TryAdd(header[i], i);

        // A topic column's indicator can depend on the row's dimension members (SoortMisdrijf = 0.0.0 is the total).
        var topics = new List<(int Index, string Stem)>();
        var notRead = new List<string>();
        for (var i = 0; i < header.Length; i++)
        {
            var stem = CbsODataKeys.Stem(header[i]);
            if (Descriptors.Contains(stem) || i == region || i == period || !header[i].Contains('_', StringComparison.Ordinal)) continue;
            topics.Add((i, stem));
        }

        var observations = new List<Observation>();
        var warnings = new List<string>();
        var unknown = new List<string>();
        var otherPeriods = 0;
        var years = new SortedSet<int>();
        var read = new HashSet<int>();
        while (csv.Read())
        {
            if (csv.FieldCount != header.Length)
            {
                throw new InputException(file.DisplayPath, csv.LineNumber, $"the row has {csv.FieldCount} fields, expected {header.Length} as in the header");
            }

            var periodText = csv.GetString(period);
            if (!TryYear(periodText, out var year, out var isYearly))
            {
                throw new InputException(file.DisplayPath, csv.LineNumber, $"'{periodText}' is not a CBS period (expected e.g. 2023JJ00)", "Perioden");
            }

            if (!isYearly)
            {
                otherPeriods++;
                continue;
            }

            var code = csv.GetString(region);
            if (CbsCodes.ToAreaRef(code, registry) is not { } area)
            {
                unknown.Add(code);
                continue;
            }

            foreach (var (index, stem) in topics)
            {
                var id = KeyFor(stem, d => dimensions.TryGetValue(d, out var di) ? csv.GetString(di) : null);
                if (id is null) continue;
                read.Add(index);
                var (value, status) = Numbers.ParseCell(csv.Span(index), NumberStyle.Point, file.DisplayPath, csv.LineNumber, header[index]);
                observations.Add(new Observation(id, area, year, value, status, new SourceRef(file.DisplayPath, csv.LineNumber)));
                years.Add(year);
            }
        }

        notRead.AddRange(topics.Where(t => !read.Contains(t.Index)).Select(t => header[t.Index]));
        if (unknown.Count > 0) warnings.Add($"{file.DisplayPath}: {unknown.Count} rows with region codes outside the registry were not used ({KwbStatLineCsv.Examples(unknown)})");
        if (otherPeriods > 0) warnings.Add($"{file.DisplayPath}: {otherPeriods} rows with monthly or quarterly periods were not used (the scan reads yearly figures)");
        var title = table is not null && KnownTables.TryGetValue(table, out var t) ? $"{t} ({table})" : table ?? "CBS-tabel (onbekend nummer)";
        var source = new SourceFile(file.DisplayPath, file.Sha256, Format, title, table?.StartsWith("47", StringComparison.Ordinal) == true ? "Politie / CBS" : "CBS",
            "CC BY 4.0", string.Join(", ", years), false);
        return new ImportResult(source, observations, warnings) { NotRead = notRead };
    }

    internal static readonly Dictionary<string, string> KnownTables = new(StringComparer.Ordinal)
    {
        ["47018NED"] = "Geregistreerde misdrijven; soort misdrijf, wijk, buurt, jaarcijfers",
        ["47022NED"] = "Geregistreerde misdrijven; soort misdrijf, wijk, buurt, maandcijfers",
        ["85163NED"] = "SES-WOA scores per wijk en buurt",
    };

    /// <summary>
    /// The indicator of a topic column in a row, from `cbs-odata-keys.csv` (shared with the OData JSON importer):
    /// the key's stem, and the row's members of the other dimensions as the line selects them (SoortMisdrijf = 0.0.0).
    /// </summary>
    private static string? KeyFor(string stem, Func<string, string?> member) =>
        CbsODataKeys.Default.ForStem(stem).FirstOrDefault(k => k.Selection.All(s => member(s.Key)?.Trim() == s.Value))?.Indicator;

    /// <summary>`2023JJ00` is the year 2023; `2023MM09` and `2023KW03` are periods within it.</summary>
    public static bool TryYear(string period, out int year, out bool isYearly)
    {
        year = 0;
        isYearly = false;
        if (period.Length < 4 || !int.TryParse(period.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out year)) return false;
        isYearly = period.Length == 4 || period.AsSpan(4).StartsWith("JJ", StringComparison.Ordinal);
        return true;
    }

    [GeneratedRegex(@"(?<!\d)\d{5}NED", RegexOptions.CultureInvariant)]
    internal static partial Regex TableId();
}
