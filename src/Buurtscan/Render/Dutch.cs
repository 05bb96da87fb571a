using System.Globalization;
using Buurtscan.Domain;
using Buurtscan.Resolve;

namespace Buurtscan.Render;

/// <summary>Dutch display formats, built by hand so that output does not depend on the machine's culture data.</summary>
public static class Dutch
{
    public static NumberFormatInfo Numbers => DutchText.Numbers;

    /// <summary>A count with thousands grouping (1.485), a share with one decimal and a percent sign (19,2%).</summary>
    public static string Value(double? value, string unit, IndicatorKind kind, bool withUnit = true)
    {
        if (value is not { } v) return "–";
        return unit switch
        {
            "%" => v.ToString("N1", Numbers) + "%",
            _ when kind == IndicatorKind.Count => v.ToString("N0", Numbers),
            _ => v.ToString(Math.Abs(v) >= 100 ? "N0" : Math.Abs(v) >= 10 ? "N1" : "N2", Numbers) + (!withUnit || unit is "aantal" or "" ? "" : " " + unit),
        };
    }

    /// <summary>
    /// An indicator's label with its unit in brackets, as in a table's first column: "Aanbod groen (rapportcijfer 1-10)".
    /// Without the unit where the value says it (%, a count) or where the label ends in it already: "Misdrijven per
    /// 1.000 inwoners", not "Misdrijven per 1.000 inwoners (per 1.000 inwoners)"; "Veiligheidsindex", not
    /// "Veiligheidsindex (index)". Units shorter than four letters ("m", "km") are always given: a label may end in
    /// those letters by chance.
    /// </summary>
    public static string LabelWithUnit(string label, string unit) =>
        unit is "%" or "aantal" or "" || (unit.Length >= 4 && label.EndsWith(unit, StringComparison.OrdinalIgnoreCase)) ? label : $"{label} ({unit})";

    public static string Number(double value, int decimals = 0) => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), Numbers);

    public static string Status(FigureStatus status) => status switch
    {
        FigureStatus.Ok => "gepubliceerd",
        FigureStatus.Computed => "berekend",
        FigureStatus.Estimated => "geschat",
        FigureStatus.Suppressed => "onderdrukt",
        FigureStatus.Later => "nog niet beschikbaar",
        FigureStatus.NotAtLevel => "niet op dit niveau",
        _ => "geen gegevens",
    };

    /// <summary>The level with an article, as in "uit de wijk".</summary>
    public static string LevelName(Level level) => level.Dutch();
}
