using System.Buffers;
using System.Text;

namespace Buurtscan.Render;

/// <summary>SVG of the charts, byte-identical between runs.</summary>
public static class Svg
{
    /// <summary>A recorded drawing as SVG, with its ids normalised (see <see cref="Utf8Of"/>).</summary>
    public static string Of(SkiaSharp.SKPicture picture, int width, int height) => Encoding.UTF8.GetString(Utf8Of(picture, width, height));

    /// <summary>
    /// A recorded drawing as the bytes of an SVG file (UTF-8), tidied as it is copied out of Skia's SVG canvas:
    /// <list type="bullet">
    /// <item>ScottPlot clears the canvas (to transparent) before it paints its white background; the SVG canvas
    /// writes that clear as a full-size rectangle without a fill, which SVG paints black. It adds nothing: dropped.</item>
    /// <item>ScottPlot numbers clip paths from a process-wide counter, so the second chart drawn in a process gets
    /// other ids than the first. Renumbering them in order of appearance keeps outputs identical whether a chart is
    /// drawn alone or as the hundredth in a `build --all`.</item>
    /// </list>
    /// Done on the bytes: a chart's SVG is not decoded into a string, searched, copied and encoded again.
    /// <para>
    /// The SVG canvas writes into Skia's own memory stream. It writes the text in many small pieces; into a .NET
    /// stream, each piece was a call back from Skia into .NET, and the SVG took 40% longer (the 36 charts of FB08
    /// in-process, two sets of 21 alternating runs: medians 53 and 55 ms instead of 75 and 82 ms; the same bytes).
    /// </para>
    /// </summary>
    public static byte[] Utf8Of(SkiaSharp.SKPicture picture, int width, int height)
    {
        using var stream = new SkiaSharp.SKDynamicMemoryWStream();
        using (var canvas = SkiaSharp.SKSvgCanvas.Create(new SkiaSharp.SKRect(0, 0, width, height), stream))
        {
            canvas.DrawPicture(picture);
        }

        using var written = stream.DetachAsData();
        ReadOnlySpan<byte> svg = written.AsSpan();
        var output = new ArrayBufferWriter<byte>(svg.Length);
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var clear = Encoding.ASCII.GetBytes($"\t<rect width=\"{width}\" height=\"{height}\"/>\n");
        var cleared = svg.IndexOf(clear);
        if (cleared < 0)
        {
            Renumbered(svg, output, numbers);
        }
        else
        {
            Renumbered(svg[..cleared], output, numbers);
            Renumbered(svg[(cleared + clear.Length)..], output, numbers);
        }

        return output.WrittenSpan.ToArray();
    }

    /// <summary>The SVG text with each clip id ("cl_" and letters or digits, right after `id="` or `url(#`) numbered in order of appearance.</summary>
    private static void Renumbered(ReadOnlySpan<byte> svg, ArrayBufferWriter<byte> output, Dictionary<string, int> numbers)
    {
        var at = 0;
        while (svg[at..].IndexOf("cl_"u8) is var next and >= 0)
        {
            var i = at + next;
            var length = 0;
            while (i + 3 + length < svg.Length && char.IsAsciiLetterOrDigit((char)svg[i + 3 + length])) length++;
            var isId = length > 0 && (svg[..i].EndsWith("id=\""u8) || svg[..i].EndsWith("url(#"u8));
            output.Write(svg[at..i]);
            if (isId)
            {
                var id = Encoding.ASCII.GetString(svg.Slice(i + 3, length));
                if (!numbers.TryGetValue(id, out var n)) numbers[id] = n = numbers.Count + 1;
                output.Write(Encoding.ASCII.GetBytes("cl_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
            else
            {
                output.Write(svg.Slice(i, 3 + length));
            }

            at = i + 3 + length;
        }

        output.Write(svg[at..]);
    }
}
