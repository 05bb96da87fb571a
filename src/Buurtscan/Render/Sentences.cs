using Buurtscan.Domain;
using Buurtscan.Resolve;

namespace Buurtscan.Render;

/// <summary>Plain Dutch sentences generated from the figures: what a reader would say looking at the table.</summary>
public static class Sentences
{
    /// <summary>A share counts as "around" the city's value within this many percentage points.</summary>
    public const double SameWithinPoints = 2.0;

    public static IEnumerable<string> For(Scan scan, ThemeSection theme)
    {
        var name = MarkdownText.Escape(scan.Focus.Name);
        foreach (var figure in theme.Figures)
        {
            if (figure.Value is not { } value || figure.Level != scan.Focus.Level) continue;
            var city = figure.Comparisons.FirstOrDefault(c => c.Level == Level.Gemeente)?.Value;
            if (figure.Kind == IndicatorKind.Count && figure.IndicatorId == "inwoners")
            {
                yield return $"Op 1 januari {figure.Year} woonden er {Dutch.Value(value, figure.Unit, figure.Kind)} mensen in de {name}.";
            }
            else if (figure.Unit == "%" && city is { } c)
            {
                var label = LowerFirst(MarkdownText.Escape(figure.Label));
                var ours = Dutch.Value(value, "%", figure.Kind);
                var theirs = Dutch.Value(c, "%", figure.Kind);
                var difference = value - c;
                yield return Math.Abs(difference) < SameWithinPoints
                    ? $"Het {label} ({ours}) ligt rond het Amsterdamse gemiddelde ({theirs})."
                    : $"Het {label} ({ours}) ligt {(difference > 0 ? "boven" : "onder")} het Amsterdamse gemiddelde ({theirs}).";
            }
        }
    }

    private static string LowerFirst(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];
}
