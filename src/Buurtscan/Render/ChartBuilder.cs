using Buurtscan.Domain;
using Buurtscan.Resolve;

namespace Buurtscan.Render;

/// <summary>Turns resolved figures into chart data. Names start with the theme id, which is how the chapter places them.</summary>
public static class ChartBuilder
{
    private static readonly string[] AgeShares = ["aandeel_0_15", "aandeel_15_25", "aandeel_25_45", "aandeel_45_65", "aandeel_65plus"];

    public static IReadOnlyList<BarChart> For(Scan scan)
    {
        var charts = new List<BarChart>();
        foreach (var theme in scan.Themes)
        {
            var ages = AgeShares.Select(id => theme.Figures.FirstOrDefault(f => f.IndicatorId == id)).OfType<Figure>().ToList();
            if (ages.Count == AgeShares.Length && ages.Any(f => f.Value is not null))
            {
                charts.Add(ComparisonChart(scan, $"{theme.Id}-leeftijd", "Leeftijdsopbouw", ages, l => l.Replace("Aandeel ", "", StringComparison.Ordinal)));
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
            if (values.Any(v => v is not null)) series.Add(new ChartSeries($"{link.Name} ({link.Level.Dutch()})", values));
        }

        var year = figures.Select(f => f.Year).Max();
        var focusName = scan.Focus.Name;
        var described = figures.Select(f => $"{category(f.Label)}: {Dutch.Value(f.Value, f.Unit, f.Kind)}").ToList();
        var alt = $"{title} van {focusName} in {year}, vergeleken met {string.Join(", ", series.Skip(1).Select(s => s.Name))}. {focusName}: {string.Join("; ", described)}.";
        return new BarChart(name, $"{title}, {year}", alt, figures[0].Unit == "%" ? "aandeel van de inwoners" : figures[0].Unit,
            figures.Select(f => category(f.Label)).ToList(), series, figures[0].Unit);
    }
}
