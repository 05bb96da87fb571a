using System.Text.RegularExpressions;
using Buurtscan.Render;
using ScottPlot;

namespace Buurtscan.Tests.Render;

/// <summary>The charts' pictures: the same bytes whatever the process drew before them and on however many threads.</summary>
public sealed partial class ChartTests
{
    private static readonly LineChart Trend = new(
        "bevolking-trend-inwoners", "Inwoners", "Inwoners van 2020 tot 2023", "inwoners",
        [
            new LineSeries("Wegener Sleeswijkbuurt", [new(2020, 1500, false), new(2021, 1540, true), new(2022, 1580, false), new(2023, 1620, false)]),
            new LineSeries("Amsterdam", [new(2020, 872_000, false), new(2021, 873_000, false), new(2022, 882_000, false), new(2023, 918_000, false)]),
        ],
        "");

    private static readonly BarChart Comparison = new(
        "bevolking-vergelijking", "Bevolking", "Bevolking in de buurt en daarboven", "%",
        ["0 tot 15 jaar", "65 jaar of ouder"],
        [
            new ChartSeries("Buurt", [19.2, null]),
            new ChartSeries("Wijk", [17.0, 12.5]),
            new ChartSeries("Amsterdam", [13.1, 12.9]),
        ],
        "%");

    private static string SvgOf(Chart chart)
    {
        using var picture = Charts.Record(chart);
        return Svg.Of(picture, Charts.Width, Charts.Height);
    }

    [Theory]
    [InlineData("trend")]
    [InlineData("comparison")]
    public void The_recording_Should_be_the_drawing_of_the_settled_plot_with_nothing_of_the_first_pass(string which)
    {
        // The recording is taken from ScottPlot's second pass; the same plot rendered once more, settled, draws exactly that.
        var chart = which == "trend" ? (Chart)Trend : Comparison;
        using var plot = chart is LineChart line ? Charts.Draw(line) : Charts.Draw((BarChart)chart);
        using var recorded = Charts.Record(plot);
        using var recorder = new SkiaSharp.SKPictureRecorder();
        plot.Render(recorder.BeginRecording(new SkiaSharp.SKRect(0, 0, Charts.Width, Charts.Height)), Charts.Width, Charts.Height);
        using var settled = recorder.EndRecording();

        Svg.Of(recorded, Charts.Width, Charts.Height).ShouldBe(Svg.Of(settled, Charts.Width, Charts.Height));
        Charts.PngOf(recorded).AsSpan().SequenceEqual(Charts.PngOf(settled)).ShouldBeTrue();
    }

    [Fact]
    public void A_chart_Should_not_depend_on_ScottPlots_font_defaults_or_on_the_charts_drawn_before_it()
    {
        var trend = SvgOf(Trend);
        var comparison = SvgOf(Comparison);
        try
        {
            // What ScottPlot's process-wide defaults may hold when a chart is drawn: left by the charts drawn
            // before it, or not yet set at all in a fresh process.
            Fonts.Default = Fonts.Serif;
            Fonts.DefaultFontStyle = Fonts.GetTypeface(Fonts.Serif, bold: false, italic: false);
            SvgOf(Trend).ShouldBe(trend);
            SvgOf(Comparison).ShouldBe(comparison);
            Fonts.Reset();
            SvgOf(Trend).ShouldBe(trend);
            SvgOf(Comparison).ShouldBe(comparison);
        }
        finally
        {
            Fonts.Reset();
        }
    }

    [Theory]
    [InlineData("trend")]
    [InlineData("comparison")]
    public void Every_text_of_a_chart_Should_be_in_the_maps_font_with_only_the_title_in_bold(string which)
    {
        var chart = which == "trend" ? (Chart)Trend : Comparison;
        var texts = TextElement().Matches(SvgOf(chart)).Select(m => m.Value).ToList();

        texts.Count.ShouldBeGreaterThan(5);
        texts.ShouldAllBe(t => t.Contains($"font-family=\"{MapPainter.FontFamily}\""));
        texts.Count(t => t.Contains("font-weight=")).ShouldBe(1);
        texts.Single(t => t.Contains("font-weight=")).ShouldContain("font-size=\"16\"");
    }

    [Fact]
    public void Charts_laid_out_on_several_threads_at_once_Should_be_those_laid_out_one_by_one()
    {
        Chart[] charts = [Trend, Comparison, Trend with { Name = "ander", Title = "Nog een trend" }, Comparison with { Unit = "" }];
        var oneByOne = charts.Select(SvgOf).ToArray();

        var atOnce = new string[charts.Length * 8];
        Parallel.For(0, atOnce.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => atOnce[i] = SvgOf(charts[i % charts.Length]));

        for (var i = 0; i < atOnce.Length; i++) atOnce[i].ShouldBe(oneByOne[i % charts.Length], $"chart {i}");
    }

    [Fact]
    public async Task The_warm_up_Should_finish_and_leave_the_charts_drawn_after_it_unchanged()
    {
        var before = SvgOf(Trend);

        await WarmUp.Start().WaitAsync(TimeSpan.FromMinutes(1));

        SvgOf(Trend).ShouldBe(before);
    }

    [Fact]
    public void Alt_text_Should_say_in_words_whether_a_missing_figure_is_secret_or_absent()
    {
        // Afrikahaven, a harbour buurt of 5 inwoners: CBS keeps its age groups secret, and many themes have no figure.
        var data = RealFb08.Data;
        var scan = Buurtscan.Resolve.Resolver.Resolve(data, Buurtscan.Resolve.FocusTarget.Of(Buurtscan.Build.ScanBuilder.FindBuurt(data.Registry, "BA01")),
            Buurtscan.Catalogue.ScanProfile.Default, "test");

        var charts = ChartBuilder.For(scan);

        charts.Single(c => c.Name == "bevolking-leeftijd").AltText.ShouldContain("Afrikahaven: 0 tot 15 jaar: onderdrukt;");
        charts.ShouldContain(c => c.AltText.Contains(": geen cijfer", StringComparison.Ordinal));
        charts.ShouldAllBe(c => !c.AltText.Contains(": –", StringComparison.Ordinal));
    }

    [Fact]
    public void The_SVG_Should_be_Skias_with_the_clearing_rectangle_dropped_and_the_clip_ids_numbered_in_order()
    {
        foreach (var chart in ChartBuilder.For(RealFb08.Scan).Append(Trend).Append(Comparison))
        {
            using var picture = Charts.Record(chart);
            using var stream = new MemoryStream();
            using (var canvas = SkiaSharp.SKSvgCanvas.Create(new SkiaSharp.SKRect(0, 0, Charts.Width, Charts.Height), stream))
            {
                canvas.DrawPicture(picture);
            }

            // The same tidying done the plain way: on text, with a regular expression.
            var raw = System.Text.Encoding.UTF8.GetString(stream.ToArray());
            var clear = $"\t<rect width=\"{Charts.Width}\" height=\"{Charts.Height}\"/>\n";
            raw.ShouldContain(clear);
            raw.ShouldContain("id=\"cl_");
            var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
            var expected = ClipId().Replace(raw.Remove(raw.IndexOf(clear, StringComparison.Ordinal), clear.Length), m =>
            {
                if (!numbers.TryGetValue(m.Groups[1].Value, out var n)) numbers[m.Groups[1].Value] = n = numbers.Count + 1;
                return "cl_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            });

            System.Text.Encoding.UTF8.GetString(Svg.Utf8Of(picture, Charts.Width, Charts.Height)).ShouldBe(expected, chart.Name);
            expected.ShouldContain("url(#cl_1)");
        }
    }

    [GeneratedRegex("(?<=id=\"|url\\(#)cl_([0-9A-Za-z]+)", RegexOptions.CultureInvariant)]
    private static partial Regex ClipId();

    [GeneratedRegex("<text [^>]*>")]
    private static partial Regex TextElement();
}
