using System.Globalization;
using System.Text;
using Buurtscan.Resolve;

namespace Buurtscan.Render;

/// <summary>`figures.csv`: one row per figure and area of the chain, so that every number in the chapter can be traced.</summary>
public static class FiguresCsv
{
    public static string Write(Scan scan)
    {
        var sb = new StringBuilder("thema;indicator;label;jaar;gebiedcode;gebiednaam;niveau;waarde;eenheid;status;gebruikt_voor_focus;regel;bron\n");
        foreach (var theme in scan.Themes)
        {
            foreach (var f in theme.Figures)
            {
                foreach (var c in f.Comparisons)
                {
                    var used = f.Level == c.Level && f.AreaCode == c.Code;
                    sb.Append(Field(theme.Id)).Append(';').Append(Field(f.IndicatorId)).Append(';').Append(Field(f.Label)).Append(';')
                      .Append(f.Year?.ToString(CultureInfo.InvariantCulture) ?? "").Append(';').Append(Field(c.Code)).Append(';').Append(Field(c.Name)).Append(';')
                      .Append(c.Level.ToString().ToLowerInvariant()).Append(';')
                      .Append(c.Value?.ToString("R", CultureInfo.InvariantCulture) ?? "").Append(';').Append(Field(f.Unit)).Append(';')
                      .Append(c.Status.ToString().ToLowerInvariant()).Append(';').Append(used ? "ja" : "nee").Append(';')
                      .Append(Field(used ? f.Rule : "")).Append(';').Append(Field(used ? string.Join(" + ", f.Sources) : "")).Append('\n');
                }
            }
        }

        return sb.ToString();
    }

    private static string Field(string text) =>
        text.AsSpan().IndexOfAny(";\"\n\r") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
