using System.Text;
using System.Text.RegularExpressions;

namespace Buurtscan.Render;

/// <summary>SVG of the charts, byte-identical between runs.</summary>
public static partial class Svg
{
    /// <summary>
    /// ScottPlot numbers clip paths from a process-wide counter, so the second chart drawn in a process
    /// gets other ids than the first. Renumbering them in order of appearance keeps outputs identical
    /// whether a chart is drawn alone or as the hundredth in a `build --all`.
    /// </summary>
    private static string NormaliseIds(string svg)
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        return ClipId().Replace(svg, m =>
        {
            if (!numbers.TryGetValue(m.Groups[1].Value, out var n)) numbers[m.Groups[1].Value] = n = numbers.Count + 1;
            return "cl_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        });
    }

    /// <summary>A recorded drawing as SVG, with its ids normalised.</summary>
    public static string Of(SkiaSharp.SKPicture picture, int width, int height)
    {
        using var stream = new MemoryStream();
        using (var canvas = SkiaSharp.SKSvgCanvas.Create(new SkiaSharp.SKRect(0, 0, width, height), stream))
        {
            canvas.DrawPicture(picture);
        }

        // ScottPlot clears the canvas (to transparent) before it paints its white background; the SVG canvas writes
        // that clear as a full-size rectangle without a fill, which SVG paints black. It adds nothing: dropped.
        var svg = Encoding.UTF8.GetString(stream.ToArray());
        var clear = $"\t<rect width=\"{width}\" height=\"{height}\"/>\n";
        var at = svg.IndexOf(clear, StringComparison.Ordinal);
        if (at >= 0) svg = svg.Remove(at, clear.Length);
        return NormaliseIds(svg);
    }

    [GeneratedRegex("(?<=id=\"|url\\(#)cl_([0-9A-Za-z]+)", RegexOptions.CultureInvariant)]
    private static partial Regex ClipId();
}
