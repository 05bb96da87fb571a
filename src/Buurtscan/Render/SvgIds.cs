using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Buurtscan.Render;

/// <summary>
/// Skia names the clip paths of an SVG with a counter shared by the whole process (`cl_3668`), so the same
/// chart gets other ids when other charts were drawn before it, or at the same time on another thread.
/// Renumbering them per file, in order of appearance, makes every SVG a function of its chart alone, so
/// that a run over many buurten in parallel writes the same bytes as one after the other.
/// </summary>
public static partial class SvgIds
{
    public static string Normalise(string svg)
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        return ClipId().Replace(svg, m =>
        {
            if (!numbers.TryGetValue(m.Groups[2].Value, out var number)) numbers[m.Groups[2].Value] = number = numbers.Count + 1;
            return m.Groups[1].Value + number.ToString(CultureInfo.InvariantCulture);
        });
    }

    public static void NormaliseFile(string path)
    {
        var text = File.ReadAllText(path);
        var normalised = Normalise(text);
        if (!ReferenceEquals(text, normalised) && text != normalised) File.WriteAllText(path, normalised, new UTF8Encoding(false));
    }

    [GeneratedRegex(@"((?:id=""|url\(#)cl_)([0-9a-f]+)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ClipId();
}
