using Buurtscan.Domain;
using Buurtscan.Resolve;

namespace Buurtscan.Render;

/// <summary>Plain Dutch sentences generated from the figures: what a reader would say looking at the table.</summary>
public static class Sentences
{
    /// <summary>A share differs notably from the city's when they are at least this many percentage points apart.</summary>
    public const double NotablePoints = 2.0;

    /// <summary>Any other ratio or mean differs notably when its index lies outside 100 ± this.</summary>
    public const double NotableIndex = 10.0;

    public static IEnumerable<string> For(Scan scan, ThemeSection theme)
    {
        var focusName = MarkdownText.Escape(scan.Focus.Name);
        var inArea = scan.Focus.Definition is null ? $"in de {focusName}" : $"in het focusgebied {focusName}";
        var close = new List<string>();
        foreach (var figure in theme.Figures)
        {
            if (figure.Value is not { } value) continue;
            var label = MarkdownText.Escape(figure.Label);
            var estimated = figure.Status == FigureStatus.Estimated ? " (geschat)" : "";
            if (figure.AreaCode != scan.Focus.Code)
            {
                if (figure.Key || figure.Kind != IndicatorKind.Count)
                {
                    yield return $"Voor {DutchText.LowerFirst(label)} is er geen cijfer {inArea} zelf; voor {figure.Level?.WithArticle()} {MarkdownText.Escape(figure.AreaName ?? "")} is het {Dutch.Value(value, figure.Unit, figure.Kind)}{estimated} ({figure.Year}).";
                }

                continue;
            }

            if (figure.IndicatorId == "inwoners")
            {
                yield return $"Op 1 januari {figure.Year} woonden er {Dutch.Value(ChapterRenderer.Shown(figure, value, figure.Status), figure.Unit, figure.Kind)}{estimated} mensen {inArea}.";
                if (figure.Trend is { } t) yield return TrendSentence(figure, t, "het aantal inwoners");
                continue;
            }

            if (figure.Kind == IndicatorKind.Count) continue;
            var city = figure.Comparisons.FirstOrDefault(c => c.Level == Level.Gemeente)?.Value;
            if (city is not { } c) continue;
            var notable = figure.Unit == "%" ? Math.Abs(value - c) >= NotablePoints : figure.Index is { } i && Math.Abs(i - 100) >= NotableIndex;
            if (!notable)
            {
                close.Add(DutchText.LowerFirst(label));
                continue;
            }

            var ours = Dutch.Value(value, figure.Unit, figure.Kind) + estimated;
            var theirs = Dutch.Value(c, figure.Unit, figure.Kind);
            var above = value > c;
            yield return label.StartsWith("Aandeel ", StringComparison.Ordinal)
                ? $"Het {DutchText.LowerFirst(label)} ({ours}) ligt {(above ? "boven" : "onder")} het Amsterdamse gemiddelde ({theirs})."
                : $"{label} is {inArea} {(above ? "hoger" : "lager")} ({ours}) dan in Amsterdam ({theirs}).";
            if (figure.Key && figure.Trend is { } trend) yield return TrendSentence(figure, trend, (label.StartsWith("Aandeel ", StringComparison.Ordinal) ? "het " : "") + DutchText.LowerFirst(label));
        }

        if (close.Count > 0)
        {
            yield return $"Bij {DutchText.Join(close)} ligt het cijfer dicht bij het Amsterdamse.";
        }
    }

    private static string TrendSentence(Figure figure, Trend trend, string subject)
    {
        var first = figure.Series.First(p => p.Year == trend.FromYear);
        var last = figure.Series.First(p => p.Year == trend.ToYear);
        var verb = trend.Change > 0 ? "steeg" : trend.Change < 0 ? "daalde" : "bleef gelijk";
        var estimated = first.Status == FigureStatus.Estimated ? " (het beginjaar is geschat)" : "";
        var sentence = trend.Change == 0
            ? $"Tussen {trend.FromYear} en {trend.ToYear} {verb} {subject} op {Dutch.Value(ChapterRenderer.Shown(figure, last.Value, last.Status), figure.Unit, figure.Kind)}{estimated}"
            : $"Tussen {trend.FromYear} en {trend.ToYear} {verb} {subject} van {Dutch.Value(ChapterRenderer.Shown(figure, first.Value, first.Status), figure.Unit, figure.Kind)} naar {Dutch.Value(ChapterRenderer.Shown(figure, last.Value, last.Status), figure.Unit, figure.Kind)}{estimated}";
        if (trend.CityChange is { } cc && figure.Kind != IndicatorKind.Count)
        {
            sentence += $"; in Amsterdam was de verandering {Change(cc, figure.Unit)}";
        }
        else if (trend.CityChange is { } cityCount && figure.CitySeries.FirstOrDefault(p => p.Year == trend.FromYear)?.Value is { } cityFrom && cityFrom > 0)
        {
            sentence += $" ({Signed(trend.Change / first.Value!.Value * 100)}%; Amsterdam {Signed(cityCount / cityFrom * 100)}%)";
        }

        return sentence + ".";
    }

    private static string Signed(double value) => value.ToString("+#,##0.0;-#,##0.0;0.0", Dutch.Numbers);

    /// <summary>A change of a share in percentage points, of anything else in its own unit.</summary>
    private static string Change(double value, string unit) =>
        Signed(value) + (unit == "%" ? " procentpunt" : unit is "aantal" or "" ? "" : " " + unit);

}
