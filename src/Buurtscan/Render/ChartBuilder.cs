using Buurtscan.Domain;
using Buurtscan.Resolve;

namespace Buurtscan.Render;

/// <summary>Turns resolved figures into chart data. A chart's name starts with its theme id and a dash; that is how the chapter places it.</summary>
public static class ChartBuilder
{
    private static readonly string[] AgeShares = ["aandeel_0_15", "aandeel_15_25", "aandeel_25_45", "aandeel_45_65", "aandeel_65plus"];

    /// <summary>At most this many indicators side by side in one comparison chart; more would not be readable.</summary>
    public const int MaxBarsPerChart = 6;

    public static IReadOnlyList<Chart> For(Scan scan)
    {
        var charts = new List<Chart>();
        foreach (var theme in scan.Themes)
        {
            var ages = AgeShares.Select(id => theme.Figures.FirstOrDefault(f => f.IndicatorId == id)).OfType<Figure>().ToList();
            var inAgeChart = new HashSet<string>(StringComparer.Ordinal);
            if (ages.Count == AgeShares.Length && ages.Any(f => f.Value is not null))
            {
                charts.Add(ComparisonChart(scan, $"{theme.Id}-leeftijd", "Leeftijdsopbouw", ages, l => l.Replace("Aandeel ", "", StringComparison.Ordinal)));
                inAgeChart.UnionWith(AgeShares);
            }

            // Counts depend on the size of an area and cannot be compared across levels; everything else can.
            var comparable = theme.Figures
                .Where(f => f.Kind != IndicatorKind.Count && f.Value is not null && !inAgeChart.Contains(f.IndicatorId))
                .GroupBy(f => f.Unit)
                .SelectMany(g => g.Chunk(MaxBarsPerChart))
                .ToList();
            for (var i = 0; i < comparable.Count; i++)
            {
                var name = comparable.Count == 1 ? $"{theme.Id}-vergelijking" : $"{theme.Id}-vergelijking-{i + 1}";
                charts.Add(ComparisonChart(scan, name, $"{theme.Title}: vergelijking", comparable[i], l => l));
            }

            // Trend lines for the key figures; the others' history is in figures.csv and scan.json.
            foreach (var figure in theme.Figures.Where(f => f.Series.Count >= 2 && f.Key))
            {
                charts.Add(TrendChart(scan, theme, figure));
            }
        }

        return charts;
    }

    /// <summary>Bars per figure for each level of the chain that has values, so the buurt is seen beside its parents and the city.</summary>
    private static BarChart ComparisonChart(Scan scan, string name, string title, IReadOnlyList<Figure> figures, Func<string, string> category)
    {
        var series = new List<ChartSeries>();
        foreach (var link in scan.Focus.Chain)
        {
            var values = figures.Select(f => f.Comparisons.FirstOrDefault(c => c.Level == link.Level && c.Code == link.Code)?.Value).ToList();
            if (values.Any(v => v is not null)) series.Add(new ChartSeries($"{link.Name} ({LevelName(scan, link)})", values));
        }

        var year = figures.Select(f => f.Year).Max();
        var focusName = scan.Focus.Name;
        var described = figures.Select(f => $"{category(f.Label)}: {FocusValue(f)}").ToList();
        var alt = $"{title} van {focusName} in {year}, vergeleken met {string.Join(", ", series.Skip(1).Select(s => s.Name))}. {focusName}: {string.Join("; ", described)}.";
        return new BarChart(name, $"{title}, {year}", alt, figures[0].Unit == "%" ? "procent" : figures[0].Unit,
            figures.Select(f => category(f.Label)).ToList(), series, figures[0].Unit);
    }

    private static LineChart TrendChart(Scan scan, ThemeSection theme, Figure figure)
    {
        var area = figure.AreaName ?? scan.Focus.Name;
        var series = new List<LineSeries> { new(area, figure.Series.Where(p => p.Value is not null).Select(p => new LinePoint(p.Year, p.Value!.Value, p.Status == FigureStatus.Estimated)).ToList()) };
        if (figure.Kind != IndicatorKind.Count && figure.CitySeries.Count > 0)
        {
            series.Add(new LineSeries("Amsterdam", figure.CitySeries.Where(p => p.Value is not null).Select(p => new LinePoint(p.Year, p.Value!.Value, p.Status == FigureStatus.Estimated)).ToList()));
        }

        var points = series[0].Points;
        var estimated = points.Any(p => p.Estimated) ? " De jaren vóór de nieuwe gebiedsindeling zijn geschat en gestippeld getekend." : "";
        var alt = $"{figure.Label} in {area} van {points[0].Year} tot {points[^1].Year}: " +
            string.Join(", ", points.Select(p => $"{p.Year} {Dutch.Value(p.Value, figure.Unit, figure.Kind)}")) +
            (series.Count > 1 ? $"; Amsterdam in {series[1].Points[^1].Year}: {Dutch.Value(series[1].Points[^1].Value, figure.Unit, figure.Kind)}" : "") + "." + estimated;
        return new LineChart($"{theme.Id}-trend-{figure.IndicatorId.Replace('_', '-')}", $"{figure.Label}, {points[0].Year}–{points[^1].Year}", alt,
            figure.Unit == "%" ? "procent" : figure.Unit, series, figure.Unit);
    }

    /// <summary>
    /// The focus area's value in words for alt text: a screen reader reads the tables' "–" as a dash, and a secret
    /// figure is not the same as one that does not exist.
    /// </summary>
    private static string FocusValue(Figure figure) => figure.Comparisons.FirstOrDefault() switch
    {
        { Value: { } value } => Dutch.Value(value, figure.Unit, figure.Kind),
        { Status: FigureStatus.Suppressed } => "onderdrukt",
        _ => "geen cijfer",
    };

    private static string LevelName(Scan scan, ChainLink link) =>
        scan.Focus.Definition is not null && link.Code == scan.Focus.Code ? "focusgebied" : link.Level.Dutch();
}
