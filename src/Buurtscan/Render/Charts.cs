using System.Globalization;
using System.Text;
using ScottPlot;

namespace Buurtscan.Render;

/// <summary>A chart's data, golden-tested instead of its pixels. Its name starts with the id of the theme it belongs to.</summary>
public abstract record Chart(string Name, string Title, string AltText, string Unit);

/// <summary>Bars: categories along the axis and one series per area.</summary>
public sealed record BarChart(string Name, string Title, string AltText, string YLabel, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series, string Unit)
    : Chart(Name, Title, AltText, Unit);

public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values);

/// <summary>Lines over the years: the focus area against the city; estimated points are drawn dashed and hollow.</summary>
public sealed record LineChart(string Name, string Title, string AltText, string YLabel, IReadOnlyList<LineSeries> Series, string Unit)
    : Chart(Name, Title, AltText, Unit);

public sealed record LineSeries(string Name, IReadOnlyList<LinePoint> Points);

public sealed record LinePoint(int Year, double Value, bool Estimated);

/// <summary>Draws charts with ScottPlot. Colours are the Okabe–Ito palette, which stays distinct for colour-blind readers.</summary>
public static class Charts
{
    public static readonly Color[] Palette =
    [
        Color.FromHex("#0072B2"), Color.FromHex("#E69F00"), Color.FromHex("#009E73"),
        Color.FromHex("#CC79A7"), Color.FromHex("#56B4E9"), Color.FromHex("#D55E00"), Color.FromHex("#F0E442"),
    ];

    private const string EstimatedLegend = "geschat (indeling 2015)";

    /// <summary>What the value axis's tick labels are written in (see <see cref="TickLabel"/>).</summary>
    private const string TickCharacters = "0123456789.,-−%";

    public const int Width = 900;
    public const int Height = 500;

    /// <summary>
    /// Writes the chart's PNG, SVG and data. A run over many buurten passes <paramref name="drawn"/>, which
    /// draws a picture once for all the buurten whose chart shows the same (see <see cref="DrawnCharts"/>).
    /// </summary>
    public static void Save(Chart chart, string folder, DrawnCharts? drawn = null)
    {
        var pictures = drawn is null ? Pictures(chart) : drawn.Get(chart);
        OutputFolder.WriteNew(Path.Combine(folder, chart.Name + ".png"), pictures.Png);
        OutputFolder.WriteNew(Path.Combine(folder, chart.Name + ".svg"), pictures.Svg);
        OutputFolder.WriteNew(Path.Combine(folder, chart.Name + ".csv"), ToCsv(chart));
    }

    /// <summary>The chart drawn: PNG bytes and SVG as UTF-8 bytes.</summary>
    public static ChartPictures Pictures(Chart chart)
    {
        using var picture = Record(chart);
        return new ChartPictures(PngOf(picture), Svg.Utf8Of(picture, Width, Height));
    }

    /// <summary>
    /// Everything <see cref="Draw(BarChart)"/> and <see cref="Draw(LineChart)"/> read from a chart, and nothing
    /// else: not the name (a file name) nor the alt text (in the Markdown). Two charts with the same key are the
    /// same picture. Texts are length-prefixed and numbers written as their bits, so that no two different
    /// charts can run together into one key.
    /// </summary>
    public static string DrawingKey(Chart chart)
    {
        var key = new StringBuilder(512);
        void Text(string text) => key.Append(text.Length).Append(':').Append(text);
        void Number(double value) => key.Append(BitConverter.DoubleToInt64Bits(value)).Append(',');
        switch (chart)
        {
            case BarChart bar:
                key.Append("bar|");
                Text(bar.Title);
                Text(bar.YLabel);
                Text(bar.Unit);
                key.Append(bar.Categories.Count).Append('|');
                foreach (var category in bar.Categories) Text(category);
                key.Append(bar.Series.Count).Append('|');
                foreach (var series in bar.Series)
                {
                    Text(series.Name);
                    key.Append(series.Values.Count).Append('|');
                    foreach (var value in series.Values)
                    {
                        if (value is { } v) Number(v);
                        else key.Append("-,");
                    }
                }

                break;
            case LineChart line:
                key.Append("line|");
                Text(line.Title);
                Text(line.YLabel);
                Text(line.Unit);
                key.Append(line.Series.Count).Append('|');
                foreach (var series in line.Series)
                {
                    Text(series.Name);
                    key.Append(series.Points.Count).Append('|');
                    foreach (var point in series.Points)
                    {
                        key.Append(point.Year).Append(point.Estimated ? 'e' : 'm');
                        Number(point.Value);
                    }
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(chart));
        }

        return key.ToString();
    }

    /// <summary>The chart laid out by ScottPlot once, into a recording that is then played onto the pixels and into the SVG.</summary>
    public static SkiaSharp.SKPicture Record(Chart chart)
    {
        using var plot = chart switch
        {
            BarChart bar => Draw(bar),
            LineChart line => Draw(line),
            _ => throw new ArgumentOutOfRangeException(nameof(chart)),
        };
        return Record(plot);
    }

    /// <summary>
    /// The chart's drawing, recorded. ScottPlot's first render of a plot sets the axis limits in a first pass and
    /// then draws the whole chart a second time over the first. The first pass goes to a canvas that draws
    /// nothing, and only the second into the recording, so that it (and the SVG made from it) holds each element
    /// once: two passes instead of three (a settling render, then a recorded one), 5% less CPU in `build --all`.
    /// A plot that needs more passes to settle is drawn once more, settled, into a recording of its own.
    /// </summary>
    public static SkiaSharp.SKPicture Record(Plot plot)
    {
        var bounds = new SkiaSharp.SKRect(0, 0, Width, Height);
        using (var recorder = new SkiaSharp.SKPictureRecorder())
        using (var passes = new SkiaSharp.SKNWayCanvas(Width, Height))
        {
            var record = new RecordFromSecondPass(passes, recorder.BeginRecording(bounds));
            plot.RenderManager.RenderActions.Insert(0, record);
            try
            {
                plot.Render(passes, Width, Height);
            }
            finally
            {
                plot.RenderManager.RenderActions.Remove(record);
                passes.RemoveAll();
            }

            var picture = recorder.EndRecording();
            if (record.Passes == 2) return picture;
            picture.Dispose();
        }

        using var settled = new SkiaSharp.SKPictureRecorder();
        plot.Render(settled.BeginRecording(bounds), Width, Height);
        return settled.EndRecording();
    }

    /// <summary>The first step of every render pass: from the second pass on, the passes are drawn into the recording too.</summary>
    private sealed class RecordFromSecondPass(SkiaSharp.SKNWayCanvas passes, SkiaSharp.SKCanvas recording) : IRenderAction
    {
        public int Passes { get; private set; }

        public void Render(RenderPack rp)
        {
            if (++Passes == 2) passes.AddCanvas(recording);
        }
    }

    /// <summary>
    /// The chart as PNG, on a surface of our own so that it is encoded as the maps are (see <see cref="Png.Encode"/>):
    /// one an earlier chart may have been drawn on, cleared to the transparent black of a new one first.
    /// </summary>
    public static byte[] PngOf(SkiaSharp.SKPicture picture)
    {
        using var lease = PixelSurfaces.Shared.Take(new SkiaSharp.SKImageInfo(Width, Height, SkiaSharp.SKColorType.Rgba8888, SkiaSharp.SKAlphaType.Premul));
        var surface = lease.Surface;
        surface.Canvas.Clear(SkiaSharp.SKColors.Transparent);
        surface.Canvas.DrawPicture(picture);
        return Png.Encode(surface);
    }

    public static Plot Draw(BarChart chart)
    {
        var plot = new Plot();
        var groups = chart.Categories.Count;
        var seriesCount = chart.Series.Count;
        const double groupWidth = 0.8;
        var barWidth = groupWidth / Math.Max(1, seriesCount);
        // With four or more bars to a group a label is wider than its bar: the percent sign goes (the value axis
        // shows it) and the labels shrink until they fit side by side, so that neighbouring values never overlap.
        var narrow = seriesCount >= 4;
        var barPixels = (Width - 110.0) / Math.Max(1, groups) * barWidth * 0.95;
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
                    Label = narrow ? Label(value, "") : Label(value, chart.Unit),
                });
            }

            plot.Legend.ManualItems.Add(new LegendItem { LabelText = chart.Series[s].Name, FillColor = colour });
        }

        var barPlot = plot.Add.Bars(bars);
        var longest = bars.Select(b => b.Label.Length).DefaultIfEmpty(1).Max();
        barPlot.ValueLabelStyle.FontSize = (float)Math.Clamp(barPixels / (0.64 * longest), 8, 11);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, groups).Select(i => (double)i).ToArray(), chart.Categories.ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        var barMax = bars.Select(b => b.Value).DefaultIfEmpty(1).Max();
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => TickLabel(v, chart.Unit, barMax) };
        plot.Axes.Margins(bottom: 0, top: 0.15);
        plot.Title(chart.Title);
        plot.YLabel(chart.YLabel);
        SetFonts(plot, [chart.Title, chart.YLabel, .. chart.Categories, .. chart.Series.Select(s => s.Name), .. bars.Select(b => b.Label)], barPlot.ValueLabelStyle);
        // Below the chart, never over a bar or its value.
        if (seriesCount > 1) plot.ShowLegend(Edge.Bottom);
        plot.HideGrid();
        return plot;
    }

    public static Plot Draw(LineChart chart)
    {
        var plot = new Plot();
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var series = chart.Series[s];
            var colour = Palette[s % Palette.Length];
            var points = series.Points;
            // Draw segment by segment so that a segment touching an estimated year is dashed.
            for (var i = 1; i < points.Count; i++)
            {
                var line = plot.Add.Line(points[i - 1].Year, points[i - 1].Value, points[i].Year, points[i].Value);
                line.LineColor = colour;
                line.LineWidth = 2.5f;
                line.LinePattern = points[i - 1].Estimated || points[i].Estimated ? LinePattern.Dashed : LinePattern.Solid;
            }

            foreach (var point in points)
            {
                var marker = plot.Add.Marker(point.Year, point.Value);
                marker.Color = colour;
                marker.Size = 9;
                marker.Shape = point.Estimated ? MarkerShape.OpenCircle : MarkerShape.FilledCircle;
            }

            plot.Legend.ManualItems.Add(new LegendItem { LabelText = series.Name, LineColor = colour, LineWidth = 2.5f, MarkerColor = colour, MarkerShape = MarkerShape.FilledCircle });
        }

        if (chart.Series.Any(s => s.Points.Any(p => p.Estimated)))
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = EstimatedLegend, LineColor = Colors.Gray, LineWidth = 2.5f, LinePattern = LinePattern.Dashed, MarkerShape = MarkerShape.OpenCircle, MarkerColor = Colors.Gray });
        }

        var years = chart.Series.SelectMany(s => s.Points.Select(p => p.Year)).Distinct().Order().ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            years.Select(y => (double)y).ToArray(), years.Select(y => y.ToString(CultureInfo.InvariantCulture)).ToArray());
        var max = chart.Series.SelectMany(s => s.Points).Select(p => p.Value).DefaultIfEmpty(1).Max();
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => TickLabel(v, chart.Unit, max) };
        // The value axis starts at zero so that a small change does not look like a big one.
        plot.Axes.SetLimitsX(years.FirstOrDefault() - 0.5, years.LastOrDefault() + 0.5);
        plot.Axes.SetLimitsY(0, max <= 0 ? 1 : max * 1.2);
        plot.Title(chart.Title);
        plot.YLabel(chart.YLabel);
        SetFonts(plot, [chart.Title, chart.YLabel, EstimatedLegend, .. chart.Series.Select(s => s.Name), .. years.Select(y => y.ToString(CultureInfo.InvariantCulture))]);
        // Below the chart, never over a line or a point.
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    /// <summary>
    /// The maps' sans-serif on every label of the chart, the title in bold (the regular face as the lean copy of
    /// <see cref="ChartTypefaces"/> when it has every character of <paramref name="texts"/>, the texts the
    /// chart will show besides its tick labels). Each label is given its typeface
    /// here, because ScottPlot otherwise gives a new label the font of its process-wide defaults at that moment,
    /// defaults that its own <c>Plot.Font.Set</c> changes. With those, a chart's font depended on which chart the
    /// process had drawn before it (a trend chart drawn first had a bold title and another font), so a run's
    /// pictures depended on the order in which the cores got to them. Nothing here reads or writes those defaults,
    /// which is also why charts can be laid out on several threads at once.
    /// </summary>
    private static void SetFonts(Plot plot, IEnumerable<string> texts, params LabelStyle[] more)
    {
        var (regular, bold) = ChartTypefaces.For(texts.Append(TickCharacters));
        plot.Axes.Title.Label.Font = bold;
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.Label.Font = regular;
            axis.TickLabelStyle.Font = regular;
        }

        foreach (var item in plot.Legend.ManualItems) item.LabelStyle.Font = regular;
        foreach (var label in more) label.Font = regular;
    }

    /// <summary>A value-axis label: every tick of one axis with the same number of decimals (none once the axis reaches 10).</summary>
    private static string TickLabel(double value, string unit, double axisMax)
    {
        var number = value.ToString(axisMax >= 10 ? "N0" : "N1", Dutch.Numbers);
        return unit == "%" ? number + "%" : number;
    }

    private static string Label(double value, string unit) =>
        unit == "%" ? value.ToString("N1", Dutch.Numbers) + "%" : value.ToString(Math.Abs(value) >= 100 ? "N0" : "N1", Dutch.Numbers);

    public static string ToCsv(Chart chart) => chart switch
    {
        BarChart bar => ToCsv(bar),
        LineChart line => ToCsv(line),
        _ => throw new ArgumentOutOfRangeException(nameof(chart)),
    };

    private static string ToCsv(LineChart chart)
    {
        var sb = new StringBuilder("reeks;jaar;waarde;geschat\n");
        foreach (var s in chart.Series)
        {
            foreach (var p in s.Points)
            {
                sb.Append(s.Name).Append(';').Append(p.Year.ToString(CultureInfo.InvariantCulture)).Append(';')
                  .Append(p.Value.ToString("R", CultureInfo.InvariantCulture)).Append(';').Append(p.Estimated ? "ja" : "nee").Append('\n');
            }
        }

        return sb.ToString();
    }

    private static string ToCsv(BarChart chart)
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
