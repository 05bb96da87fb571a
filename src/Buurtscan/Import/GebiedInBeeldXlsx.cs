using System.Globalization;
using System.Text.RegularExpressions;
using Buurtscan.Areas;
using Buurtscan.Catalogue;
using Buurtscan.Domain;

namespace Buurtscan.Import;

/// <summary>
/// A per-indicator download from OIS's "Gebied in beeld": an .xlsx with a data sheet
/// (`Jaar | Gebiedsindeling | Code | Naam | &lt;label&gt;`, 2022 codes) and a metadata sheet (Indicator with the
/// BBGA variable name in brackets, Definitie, Bron, Peildatum). Areas OIS does not show (too few respondents
/// or inhabitants) are simply absent from the data sheet: no row, so no observation, never a zero.
/// </summary>
public static partial class GebiedInBeeldXlsx
{
    public const string Format = "OIS Gebied in beeld, xlsx download";

    /// <summary>True when the workbook's first sheet has the Gebied-in-beeld header.</summary>
    public static bool Recognises(IReadOnlyList<XlsxSheet> sheets) =>
        sheets.Count > 0 && sheets[0].Rows.Count > 0 && sheets[0].Rows[0] is var h &&
        h[0] == "Jaar" && h[1] == "Gebiedsindeling" && h[2] == "Code" && h[3] == "Naam" && !string.IsNullOrEmpty(h[4]);

    public static ImportResult Read(IReadOnlyList<XlsxSheet> sheets, string path, string displayPath, string sha256, AreaRegistry registry, IndicatorCatalogue catalogue)
    {
        if (!Recognises(sheets)) throw new InputException(displayPath, 1, "expected a data sheet with the header Jaar, Gebiedsindeling, Code, Naam and the indicator");
        var data = sheets[0];
        var label = data.Rows[0][4]!;
        var meta = sheets.Count > 1 ? sheets[1].Rows.Where(r => r[0] is not null).GroupBy(r => r[0]!.Trim()).ToDictionary(g => g.Key, g => g.First()[1]?.Trim() ?? "", StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        var variable = (meta.TryGetValue("Indicator", out var indicatorText) ? VariableInBrackets().Match(indicatorText) : Match.Empty) is { Success: true } vm ? vm.Groups[1].Value
            : FileVariable().Match(Path.GetFileName(path)) is { Success: true } fm ? fm.Groups[1].Value
            : throw new InputException(displayPath, 1, "cannot tell which OIS variable this is (expected it in brackets in the metadata sheet's Indicator row, e.g. 'Aanbod groen (1-10) (ORGROEN_R)')");

        var warnings = new List<string>();
        var observations = new List<Observation>();
        var mapping = catalogue.ForOisVariable(variable, out _);
        if (mapping is not { Role: VariableRole.Observation } m)
        {
            warnings.Add($"{displayPath}: variable {variable} is not in the catalogue (add it to bbga-variables.csv to read it)");
        }
        else
        {
            var unknown = new List<string>();
            foreach (var row in data.Rows.Skip(1))
            {
                if (row.Cells.All(string.IsNullOrWhiteSpace)) continue;
                var yearText = row[0] ?? "";
                if (!double.TryParse(yearText, NumberStyles.Float, CultureInfo.InvariantCulture, out var y) || y != Math.Floor(y) || y is < 1900 or > 2100)
                {
                    throw new InputException(displayPath, row.Number, $"'{yearText}' is not a year (expected e.g. 2024)", "Jaar");
                }

                var division = Division.Indeling2022;
                var code = (row[2] ?? "").Trim();
                var level = row[1]?.Trim().ToLowerInvariant() switch
                {
                    "buurten" or "buurt" => Level.Buurt,
                    "wijken" or "wijk" => Level.Wijk,
                    "gebieden" or "gebied" or "ggw-gebieden" => Level.Gebied,
                    "stadsdelen" or "stadsdeel" => Level.Stadsdeel,
                    "gemeente" or "stad" => Level.Gemeente,
                    var other => throw new InputException(displayPath, row.Number, $"unknown Gebiedsindeling '{other}' (expected buurten, wijken, gebieden, stadsdelen or gemeente)", "Gebiedsindeling"),
                };
                if (OisCodes.Resolve(code, division, registry, out _) is not { } area || (OisCodes.LevelOf(code, division) is { } shape && shape != level))
                {
                    unknown.Add(code);
                    continue;
                }

                var (value, status) = Numbers.ParseCell(row[4] ?? "", NumberStyle.Point, displayPath, row.Number, label);
                observations.Add(new Observation(m.IndicatorId, area, (int)y, value, status, new SourceRef(displayPath, row.Number)));
            }

            if (unknown.Count > 0) warnings.Add($"{displayPath}: {unknown.Count} rows with area codes outside the registry were not used ({KwbStatLineCsv.Examples(unknown)})");
        }

        var years = observations.Select(o => o.Year).Distinct().Order().ToList();
        var metadata = mapping is { } mm
            ? new List<(string, VariableMetadata)>
            {
                (mm.IndicatorId, new VariableMetadata("OIS Gebied in beeld", variable, label, meta.GetValueOrDefault("Definitie", ""), meta.GetValueOrDefault("Bron", ""),
                    meta.GetValueOrDefault("Peildatum", ""), UnitOf(label), "")),
            }
            : [];
        var source = new SourceFile(displayPath, sha256, Format, $"Gebied in beeld: {label} ({variable})", "Gemeente Amsterdam, OIS", "open data",
            string.Join(", ", years), false);
        return new ImportResult(source, observations, warnings) { Metadata = metadata };
    }

    /// <summary>The unit in the label's last brackets, as OIS writes it: "Energielabel A++++ t/m B (%)" → "%".</summary>
    private static string UnitOf(string label) => LabelUnit().Match(label) is { Success: true } m ? m.Groups[1].Value : "";

    [GeneratedRegex(@"\(([A-Z][A-Z0-9_]*)\)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex VariableInBrackets();

    [GeneratedRegex(@"^([A-Z][A-Z0-9_]*)-", RegexOptions.CultureInvariant)]
    private static partial Regex FileVariable();

    [GeneratedRegex(@"\(([^()]*)\)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelUnit();
}
