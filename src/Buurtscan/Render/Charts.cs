using System.Globalization;
using System.Text;
using ScottPlot;

namespace Buurtscan.Render;

/// <summary>A bar chart's data: categories along the axis and one series per area. Golden-tested instead of pixels.</summary>
public sealed record BarChart(string Name, string Title, string AltText, string YLabel, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series, string Unit);

public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values);

/// <summary>Draws charts with ScottPlot. Colours are the Okabe–Ito palette, which stays distinct for colour-blind readers.</summary>
public static class Charts
{
    public static readonly Color[] Palette =
    [
        Color.FromHex("#0072B2"), Color.FromHex("#E69F00"), Color.FromHex("#009E73"),
        Color.FromHex("#CC79A7"), Color.FromHex("#56B4E9"), Color.FromHex("#D55E00"), Color.FromHex("#F0E442"),
    ];

    public const int Width = 900;
    public const int Height = 500;

    public static void Save(BarChart chart, string folder)
    {
        using var plot = Draw(chart);
        plot.SavePng(Path.Combine(folder, chart.Name + ".png"), Width, Height);
        Svg.Save(plot, Path.Combine(folder, chart.Name + ".svg"), Width, Height);
        File.WriteAllText(Path.Combine(folder, chart.Name + ".csv"), ToCsv(chart), new UTF8Encoding(false));
    }

    public static Plot Draw(BarChart chart)
    {
        var plot = new Plot();
        var groups = chart.Categories.Count;
        var seriesCount = chart.Series.Count;
        const double groupWidth = 0.8;
        var barWidth = groupWidth / Math.Max(1, seriesCount);
        var bars = new List<Bar>();
        for (var s = 0; s < seriesCount; s++)
        {
            var colour = Palette[s % Palette.Length];
            for (var g = 0; g < groups; g++)
            {
                if (chart.Series[s].Values[g] is not { } value) continue; // a missing value is drawn as no bar, never as zero
                var position = g - groupWidth / 2 + barWidth * (s + 0.5);
                bars.Add(new Bar
                {
                    Position = position,
                    Value = value,
                    Size = barWidth * 0.95,
                    FillColor = colour,
                    LineWidth = 0,
                    Label = Label(value, chart.Unit),
                });
            }

            plot.Legend.ManualItems.Add(new LegendItem { LabelText = chart.Series[s].Name, FillColor = colour });
        }

        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontSize = 11;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, groups).Select(i => (double)i).ToArray(), chart.Categories.ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => Label(v, chart.Unit) };
        plot.Axes.Margins(bottom: 0, top: 0.15);
        plot.Title(chart.Title);
        plot.YLabel(chart.YLabel);
        plot.Legend.IsVisible = seriesCount > 1;
        plot.Legend.Alignment = Alignment.UpperRight;
        plot.HideGrid();
        return plot;
    }

    private static string Label(double value, string unit) =>
        unit == "%" ? value.ToString("N1", Dutch.Numbers) + "%" : value.ToString("N0", Dutch.Numbers);

    public static string ToCsv(BarChart chart)
    {
        var sb = new StringBuilder();
        sb.Append("categorie");
        foreach (var s in chart.Series) sb.Append(';').Append(s.Name);
        sb.Append('\n');
        for (var g = 0; g < chart.Categories.Count; g++)
        {
            sb.Append(chart.Categories[g]);
            foreach (var s in chart.Series)
            {
                sb.Append(';').Append(s.Values[g] is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "");
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }
}
