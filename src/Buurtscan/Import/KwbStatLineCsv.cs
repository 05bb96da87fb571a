using System.Text.RegularExpressions;
using Buurtscan.Areas;
using Buurtscan.Catalogue;
using Buurtscan.Domain;

namespace Buurtscan.Import;

/// <summary>
/// CBS Kerncijfers wijken en buurten as StatLine's CSV download with a code column (BOM, CRLF, `;`, quoted
/// and space-padded text, `.` missing). Columns are matched by their header text, since the OData keys
/// change their numeric suffixes every year.
/// </summary>
public static partial class KwbStatLineCsv
{
    public const string Format = "CBS Kerncijfers wijken en buurten, StatLine CSV";
    private const string CodeColumn = "Regioaanduiding/Codering (code)";

    public static bool Recognises(TextFile file) =>
        file.FirstLine.Contains("Wijken en buurten", StringComparison.Ordinal) &&
        file.FirstLine.Contains("Codering", StringComparison.Ordinal) &&
        (file.FirstLine.Contains("Bevolking/", StringComparison.Ordinal) || file.FirstLine.Contains("Regioaanduiding/", StringComparison.Ordinal));

    public static ImportResult Read(TextFile file, AreaRegistry registry, IndicatorCatalogue catalogue)
    {
        var year = YearFromName(file) ?? throw new InputException(file.DisplayPath, 0,
            "cannot tell which year of Kerncijfers wijken en buurten this is (expected the year in the file name, as StatLine names its downloads: Kerncijfers_wijken_en_buurten_2024_….csv)");
        var csv = new CsvReader(file.Text, file.DisplayPath, CsvReader.DetectDelimiter(file.Text));
        if (!csv.Read()) throw new InputException(file.DisplayPath, 1, "the file is empty (expected a header line)");
        var header = csv.GetRecord();
        var codeIndex = Array.FindIndex(header, h => IndicatorCatalogue.NormaliseHeader(h) == IndicatorCatalogue.NormaliseHeader(CodeColumn));
        if (codeIndex < 0)
        {
            throw new InputException(file.DisplayPath, 1, $"missing column '{CodeColumn}' (expected a StatLine KWB download with region codes, fields separated by ';')");
        }

        var columns = new List<(int Index, string Indicator, string Header)>();
        var unmapped = new List<string>();
        for (var i = 0; i < header.Length; i++)
        {
            if (i == codeIndex || header[i].StartsWith("Regioaanduiding/", StringComparison.Ordinal) || header[i] == "Wijken en buurten") continue;
            if (catalogue.ForKwbHeader(header[i]) is { } id) columns.Add((i, id, header[i]));
            else unmapped.Add(header[i]);
        }

        var observations = new List<Observation>();
        var warnings = new List<string>();
        var unknownCodes = 0;
        while (csv.Read())
        {
            if (csv.FieldCount == 1) continue; // StatLine's footer line ("Bron: CBS")
            if (csv.FieldCount != header.Length)
            {
                throw new InputException(file.DisplayPath, csv.LineNumber, $"the row has {csv.FieldCount} fields, expected {header.Length} as in the header");
            }

            var code = csv.GetString(codeIndex);
            if (CbsCodes.ToAreaRef(code, registry) is not { } area)
            {
                unknownCodes++;
                continue;
            }

            foreach (var (index, indicator, name) in columns)
            {
                var (value, status) = Numbers.ParseCell(csv.Span(index), NumberStyle.Point, file.DisplayPath, csv.LineNumber, name);
                observations.Add(new Observation(indicator, area, year, value, status, new SourceRef(file.DisplayPath, csv.LineNumber)));
            }
        }

        if (unknownCodes > 0) warnings.Add($"{file.DisplayPath}: {unknownCodes} rows with region codes outside the registry were not used");
        if (unmapped.Count > 0) warnings.Add($"{file.DisplayPath}: {unmapped.Count} columns are not in the catalogue and were not read");

        var source = new SourceFile(file.DisplayPath, file.Sha256, Format,
            $"Kerncijfers wijken en buurten {year} ({CbsCodes.KwbTableId(year)})", "CBS", "CC BY 4.0", $"1 januari {year}", false);
        return new ImportResult(source, observations, warnings);
    }

    public static int? YearFromName(TextFile file)
    {
        var m = YearPattern().Match(System.IO.Path.GetFileName(file.Path));
        return m.Success ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"wijken[ _]en[ _]buurten[ _]((?:19|20)\d\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex YearPattern();
}
