using System.Globalization;
using System.Text;
using Buurtscan.Render;

namespace Buurtscan.Tests.Render;

/// <summary>The numbers of a map's SVG, written digit by digit: the same text as formatting them the usual way.</summary>
public sealed class MapSvgNumberTests
{
    private static string Expected(double value)
    {
        var rounded = Math.Round(value, 2);
        return (rounded == 0 ? 0 : rounded).ToString("0.##", CultureInfo.InvariantCulture);
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(-0.004, "0")]
    [InlineData(-0.006, "-0.01")]
    [InlineData(1.005, "1")] // 1.005 is a little less than that in binary
    [InlineData(2.6751, "2.68")]
    [InlineData(1234.5, "1234.5")]
    [InlineData(-17.1, "-17.1")]
    [InlineData(4960.999, "4961")]
    [InlineData(0.07, "0.07")]
    public void A_number_Should_be_written_to_two_decimals_without_trailing_zeros(double value, string text)
    {
        MapSvg.Number(new StringBuilder(), value).ToString().ShouldBe(text);
        Expected(value).ShouldBe(text);
    }

    [Fact]
    public void Any_number_Should_be_written_as_the_usual_formatting_writes_it()
    {
        var random = new Random(11);
        var builder = new StringBuilder();
        for (var i = 0; i < 200_000; i++)
        {
            var value = (i % 4) switch
            {
                0 => (random.NextDouble() - 0.3) * 6000, // pixels on a map, some left of or above it
                1 => Math.Round((random.NextDouble() - 0.5) * 1000, 3), // halfway cases: three decimals ending in 5 or not
                2 => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-4, 16)),
                _ => BitConverter.Int64BitsToDouble(random.NextInt64()),
            };
            builder.Clear();
            MapSvg.Number(builder, value).ToString().ShouldBe(Expected(value), $"{value:R}");
        }
    }
}
