using System.Text;
using System.Text.RegularExpressions;

namespace Buurtscan.Render;

/// <summary>Makes ScottPlot's SVG output byte-identical between runs.</summary>
public static partial class Svg
{
    /// <summary>
    /// ScottPlot numbers clip paths from a process-wide counter, so the second chart drawn in a process
    /// gets other ids than the first. Renumbering them in order of appearance keeps outputs identical
    /// whether a chart is drawn alone or as the hundredth in a `build --all`.
    /// </summary>
    public static string NormaliseIds(string svg)
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        return ClipId().Replace(svg, m =>
        {
            if (!numbers.TryGetValue(m.Groups[1].Value, out var n)) numbers[m.Groups[1].Value] = n = numbers.Count + 1;
            return "cl_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        });
    }

    public static void Save(ScottPlot.Plot plot, string path, int width, int height)
    {
        var svg = plot.GetSvgXml(width, height);
        File.WriteAllText(path, NormaliseIds(svg), new UTF8Encoding(false));
    }

    [GeneratedRegex("(?<=id=\"|url\\(#)cl_([0-9A-Za-z]+)", RegexOptions.CultureInvariant)]
    private static partial Regex ClipId();
}
