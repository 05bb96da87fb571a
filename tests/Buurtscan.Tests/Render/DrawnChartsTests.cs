using Buurtscan.Render;
using Buurtscan.Tests.Support;

namespace Buurtscan.Tests.Render;

/// <summary>Charts drawn once for all the buurten that show the same: only when the pictures would be the same.</summary>
public sealed class DrawnChartsTests : IDisposable
{
    private static readonly BarChart Bars = new(
        "veiligheid-vergelijking", "Veiligheid: vergelijking", "Veiligheid in de buurt en daarboven", "%",
        ["Onveilig", "Overlast"],
        [new ChartSeries("Gebied", [21.5, null]), new ChartSeries("Amsterdam", [19.0, 30.2])],
        "%");

    private static readonly LineChart Lines = new(
        "wonen-trend-woz-waarde", "WOZ-waarde", "WOZ-waarde van 2021 tot 2023", "euro",
        [new LineSeries("Buurt", [new(2021, 300, false), new(2022, 320, true), new(2023, 340, false)]), new LineSeries("Amsterdam", [new(2021, 400, false), new(2023, 450, false)])],
        "");

    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>One change to each thing the drawing reads; every one must make another key.</summary>
    public static TheoryData<string, Chart> DrawnChanges() => new()
    {
        { "title", Bars with { Title = "Anders" } },
        { "value-axis label", Bars with { YLabel = "procent" } },
        { "unit", Bars with { Unit = "" } },
        { "category", Bars with { Categories = ["Onveilig", "Overlast "] } },
        { "categories swapped", Bars with { Categories = ["Overlast", "Onveilig"] } },
        { "series name", Bars with { Series = [new ChartSeries("Wijk", [21.5, null]), Bars.Series[1]] } },
        { "value", Bars with { Series = [new ChartSeries("Gebied", [23.5, null]), Bars.Series[1]] } },
        { "missing becomes zero", Bars with { Series = [new ChartSeries("Gebied", [21.5, 0]), Bars.Series[1]] } },
        { "series order", Bars with { Series = [Bars.Series[1], Bars.Series[0]] } },
        { "a series fewer", Bars with { Series = [Bars.Series[0]] } },
        // Texts that would run together without their lengths: "ab" + "c" against "a" + "bc".
        { "texts run together", Bars with { Categories = ["OnveiligO", "verlast"] } },
        { "line title", Lines with { Title = "WOZ" } },
        { "line unit", Lines with { Unit = "%" } },
        { "year", Lines with { Series = [new LineSeries("Buurt", [new(2020, 300, false), new(2022, 320, true), new(2023, 340, false)]), Lines.Series[1]] } },
        { "estimated", Lines with { Series = [new LineSeries("Buurt", [new(2021, 300, false), new(2022, 320, false), new(2023, 340, false)]), Lines.Series[1]] } },
        { "line value", Lines with { Series = [new LineSeries("Buurt", [new(2021, 300, false), new(2022, 321, true), new(2023, 340, false)]), Lines.Series[1]] } },
        { "a point moved to the other series", Lines with { Series = [new LineSeries("Buurt", [new(2021, 300, false), new(2022, 320, true)]), new LineSeries("Amsterdam", [new(2023, 340, false), new(2021, 400, false), new(2023, 450, false)])] } },
    };

    [Theory]
    [MemberData(nameof(DrawnChanges))]
    public void The_key_Should_change_with_everything_that_is_drawn(string change, Chart changed)
    {
        var original = changed is BarChart ? (Chart)Bars : Lines;

        Charts.DrawingKey(changed).ShouldNotBe(Charts.DrawingKey(original), change);
        // The change is one the picture shows (so the key is tested on what the drawing reads).
        Charts.Pictures(changed).Svg.AsSpan().SequenceEqual(Charts.Pictures(original).Svg).ShouldBeFalse(change);
    }

    [Fact]
    public void Every_change_Should_give_a_key_of_its_own()
    {
        var keys = DrawnChanges().Select(row => Charts.DrawingKey((Chart)row[1])).Append(Charts.DrawingKey(Bars)).Append(Charts.DrawingKey(Lines)).ToList();

        keys.Distinct(StringComparer.Ordinal).Count().ShouldBe(keys.Count);
    }

    [Fact]
    public void The_key_Should_leave_out_the_file_name_and_the_alt_text_which_are_not_drawn()
    {
        var renamed = Bars with { Name = "veiligheid-vergelijking-2", AltText = "Iets anders" };

        Charts.DrawingKey(renamed).ShouldBe(Charts.DrawingKey(Bars));
        Charts.Pictures(renamed).Png.AsSpan().SequenceEqual(Charts.Pictures(Bars).Png).ShouldBeTrue();
    }

    /// <summary>A field added to a chart's records must be added to the key (or to the fields not drawn); this test names them all.</summary>
    [Fact]
    public void The_key_Should_know_every_field_of_the_chart_records()
    {
        static IEnumerable<string> Fields(Type type) => type.GetProperties().Where(p => p.Name != "EqualityContract").Select(p => $"{type.Name}.{p.Name}");
        var fields = new[] { typeof(BarChart), typeof(ChartSeries), typeof(LineChart), typeof(LineSeries), typeof(LinePoint) }.SelectMany(Fields).Order(StringComparer.Ordinal);

        fields.ShouldBe(
        [
            "BarChart.AltText", "BarChart.Categories", "BarChart.Name", "BarChart.Series", "BarChart.Title", "BarChart.Unit", "BarChart.YLabel",
            "ChartSeries.Name", "ChartSeries.Values",
            "LineChart.AltText", "LineChart.Name", "LineChart.Series", "LineChart.Title", "LineChart.Unit", "LineChart.YLabel",
            "LinePoint.Estimated", "LinePoint.Value", "LinePoint.Year",
            "LineSeries.Name", "LineSeries.Points",
        ]);
    }

    [Fact]
    public void A_repeated_chart_Should_be_drawn_once_and_written_as_drawing_it_again_would()
    {
        var drawn = new DrawnCharts();
        var alone = Directory.CreateDirectory(temp.Combine("alone")).FullName;
        var shared = Directory.CreateDirectory(temp.Combine("shared")).FullName;
        var renamed = Bars with { Name = "andere-naam" };

        foreach (var chart in new Chart[] { Bars, Lines, renamed })
        {
            Charts.Save(chart, alone);
            Charts.Save(chart, shared, drawn);
        }

        drawn.Counts.ShouldBe((2, 1));
        var files = Directory.GetFiles(alone).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        files.Count.ShouldBe(9);
        foreach (var file in files) File.ReadAllBytes(Path.Combine(shared, file!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(alone, file!))).ShouldBeTrue(file);
    }

    [Fact]
    public void Only_the_most_recently_used_charts_Should_be_kept()
    {
        var drawn = new DrawnCharts(capacity: 2);
        var third = Bars with { Title = "Derde" };

        foreach (var chart in new Chart[] { Bars, Lines, Bars, third, Bars, Lines })
        {
            drawn.Get(chart);
        }

        // Bars stays (used again before the third came), Lines is pushed out by the third and drawn again.
        drawn.Counts.ShouldBe((4, 2));
    }
}
