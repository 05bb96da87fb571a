using System.Globalization;
using System.Text;

namespace Buurtscan.Render;

/// <summary>
/// Text sizes for map layout. Layout uses fixed advance widths (those of DejaVu Sans, a wide sans-serif) instead
/// of asking the installed font, so label placement and legend layout are the same on every machine and can be
/// golden-tested; a narrower font only leaves a little more room.
/// </summary>
public static class MapText
{
    // Advance widths of DejaVu Sans for U+0020..U+007E, in thousandths of the font size.
    private static readonly short[] Regular =
    [
        318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
        636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
        1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
        603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
        500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
        635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
    ];

    /// <summary>DejaVu Sans Bold is on average about 11% wider than the regular face.</summary>
    private const double BoldFactor = 1.11;

    /// <summary>The line height as a multiple of the font size.</summary>
    public const double LineHeight = 1.2;

    public static double Width(string text, double fontSize, bool bold = false)
    {
        double total = 0;
        foreach (var c in text)
        {
            total += Advance(c);
        }

        return total / 1000 * fontSize * (bold ? BoldFactor : 1);
    }

    private static int Advance(char c)
    {
        if (c is >= ' ' and <= '~') return Regular[c - ' '];
        if (c == '–') return 500;
        if (c == '·') return 318;
        // Accented letters are as wide as their base letter; anything else gets a generous width.
        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        return decomposed.Length > 0 && decomposed[0] is >= ' ' and <= '~' ? Regular[decomposed[0] - ' '] : 700;
    }

    /// <summary>The text on two lines, broken at the space (or after the hyphen) nearest the middle; null when it cannot be broken.</summary>
    public static IReadOnlyList<string>? TwoLines(string text)
    {
        var best = -1;
        for (var i = 1; i < text.Length - 1; i++)
        {
            if (text[i] is not (' ' or '-')) continue;
            if (best < 0 || Math.Abs(i - text.Length / 2.0) < Math.Abs(best - text.Length / 2.0)) best = i;
        }

        if (best < 0) return null;
        return text[best] == '-'
            ? [text[..(best + 1)], text[(best + 1)..]]
            : [text[..best], text[(best + 1)..]];
    }

    /// <summary>Breaks text into lines no wider than the width, at spaces.</summary>
    public static IReadOnlyList<string> Wrap(string text, double fontSize, double width, bool bold = false)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && Width(candidate, fontSize, bold) > width)
            {
                lines.Add(line.ToString());
                line.Clear().Append(word);
            }
            else
            {
                line.Clear().Append(candidate);
            }
        }

        if (line.Length > 0) lines.Add(line.ToString());
        return lines;
    }

    /// <summary>A pixel or metre figure for data files: invariant, at most two decimals.</summary>
    public static string Coordinate(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
