using System.Globalization;
using System.Text;
using NetTopologySuite.Geometries;

namespace Buurtscan.Render;

/// <summary>
/// A <see cref="MapPlan"/> as SVG, written directly: the same map as <see cref="MapPainter"/> draws into the PNG,
/// element for element, with labels as text (one element each, the white halo painted under the letters) and
/// hatching as one pattern on the page's grid. Skia's SVG canvas did this five times slower, with every glyph's
/// position spelled out.
/// </summary>
public static class MapSvg
{
    public static string Of(MapPlan plan)
    {
        var svg = new StringBuilder(64 * 1024);
        var ls = plan.Style.LineScale;
        var size = plan.Spec.Layout == MapLayout.Print
            ? $"width=\"420mm\" height=\"297mm\"" // printed at its real size: A3 landscape, the pixels being 300 dpi
            : $"width=\"{plan.Width}\" height=\"{plan.Height}\"";
        svg.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
            .Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" {size} viewBox=\"0 0 {plan.Width} {plan.Height}\" font-family=\"{Escape(MapPainter.FontFamily)}, sans-serif\">\n")
            .Append("<defs>\n")
            .Append("<clipPath id=\"kaartvlak\">").Append(Rect(plan.Frame, "")).Append("</clipPath>\n");
        var spacing = plan.Style.Hatch;
        svg.Append(CultureInfo.InvariantCulture, $"<pattern id=\"arcering\" patternUnits=\"userSpaceOnUse\" width=\"{N(spacing)}\" height=\"{N(spacing)}\">")
            .Append(CultureInfo.InvariantCulture, $"<path d=\"M0 0L{N(spacing)} {N(spacing)}M{N(spacing - 1)} -1L{N(spacing + 1)} 1M-1 {N(spacing - 1)}L1 {N(spacing + 1)}\" {Stroke("#8F8F8F", 0.9 * ls)}/>")
            .Append("</pattern>\n</defs>\n")
            .Append(CultureInfo.InvariantCulture, $"<rect width=\"{plan.Width}\" height=\"{plan.Height}\" fill=\"#FFFFFF\"/>\n")
            .Append("<g clip-path=\"url(#kaartvlak)\">\n");

        foreach (var (shape, metres) in plan.Shapes) Shape(svg, plan, shape, metres);
        foreach (var label in plan.Labels.Where(l => l.Lines.Count > 0)) Label(svg, label);
        ScaleBar(svg, plan);
        NorthArrow(svg, plan.NorthArrow, plan.Style);
        svg.Append("</g>\n");

        svg.Append(Rect(plan.Frame, $"fill=\"none\" {Stroke("#7A7A7A", ls)}")).Append('\n');
        foreach (var swatch in plan.Swatches) Swatch(svg, swatch, plan.Style);
        foreach (var text in plan.Texts)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(text.X)}\" y=\"{N(text.Y)}\" font-size=\"{N(text.Size)}\"{(text.Bold ? " font-weight=\"bold\"" : "")} {Fill(text.Colour)}>")
                .Append(Escape(text.Text)).Append("</text>\n");
        }

        return svg.Append("</svg>\n").ToString();
    }

    private static void Shape(StringBuilder svg, MapPlan plan, MapShape shape, Geometry metres)
    {
        var d = PathData(plan, metres);
        if (d.Length == 0) return;
        var width = shape.LineWidth * plan.Style.LineScale;
        if (Opacity(shape.Fill) > 0) svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{d}\" fill-rule=\"evenodd\" {Fill(shape.Fill)}/>\n");
        if (shape.Hatched) svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{d}\" fill-rule=\"evenodd\" fill=\"url(#arcering)\"/>\n");
        if (shape.Cased) svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{d}\" fill=\"none\" {Stroke("#FFFFFF", width + 3 * plan.Style.LineScale)}/>\n");
        var dash = shape.Dashed ? $" stroke-dasharray=\"{N(width * 4)} {N(width * 2.5)}\"" : "";
        svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{d}\" fill=\"none\" {Stroke(shape.Line, width)}{dash}/>\n");
    }

    private static void Label(StringBuilder svg, PlacedLabel label)
    {
        var lineHeight = label.Size * MapText.LineHeight;
        var top = label.Y - label.Lines.Count * lineHeight / 2;
        var weight = label.Kind == LabelKind.Focus ? " font-weight=\"bold\"" : "";
        var ink = label.Kind == LabelKind.Context ? "#6E6E6E" : "#111111";
        for (var i = 0; i < label.Lines.Count; i++)
        {
            // As in the PNG: the baseline about 0.93 of the size below the top of the line; the halo under the letters.
            var baseline = top + i * lineHeight + label.Size * 0.93;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(label.X)}\" y=\"{N(baseline)}\" font-size=\"{N(label.Size)}\"{weight} text-anchor=\"middle\" {Fill(ink)} ")
                .Append(CultureInfo.InvariantCulture, $"{Stroke("#FFFFFF", label.Size * 0.28)} paint-order=\"stroke\">")
                .Append(Escape(label.Lines[i])).Append("</text>\n");
        }
    }

    private static void ScaleBar(StringBuilder svg, MapPlan plan)
    {
        var bar = plan.ScaleBar;
        var ls = plan.Style.LineScale;
        svg.Append(Rect(bar.Box, $"rx=\"{N(3 * ls)}\" {Fill("#D9FFFFFF")}")).Append('\n');
        var half = bar.Pixels / 2;
        svg.Append(Rect(new PixelRect(bar.X, bar.Y, half, bar.Thickness), Fill("#1A1A1A"))).Append('\n')
            .Append(Rect(new PixelRect(bar.X + half, bar.Y, half, bar.Thickness), Fill("#FFFFFF"))).Append('\n')
            .Append(Rect(new PixelRect(bar.X, bar.Y, bar.Pixels, bar.Thickness), $"fill=\"none\" {Stroke("#1A1A1A", ls)}")).Append('\n');
        foreach (var (x, text) in bar.Ticks)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x)}\" y=\"{N(bar.Y - bar.TextSize * 0.4)}\" font-size=\"{N(bar.TextSize)}\" text-anchor=\"middle\" {Fill("#1A1A1A")}>")
                .Append(Escape(text)).Append("</text>\n");
        }
    }

    private static void NorthArrow(StringBuilder svg, PixelRect rect, MapStyle style)
    {
        var ls = style.LineScale;
        svg.Append(Rect(rect.Grow(style.Small * 0.3), $"rx=\"{N(3 * ls)}\" {Fill("#D9FFFFFF")}")).Append('\n');
        var cx = rect.X + rect.Width / 2;
        var textSize = style.Small * 1.05;
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(cx)}\" y=\"{N(rect.Y + textSize * 0.95)}\" font-size=\"{N(textSize)}\" font-weight=\"bold\" text-anchor=\"middle\" {Fill("#1A1A1A")}>N</text>\n");
        var top = rect.Y + textSize * 1.2;
        var bottom = rect.Bottom;
        var w = rect.Width / 2;
        var notch = bottom - (bottom - top) * 0.28;
        var left = $"M{N(cx)} {N(top)}L{N(cx - w)} {N(bottom)}L{N(cx)} {N(notch)}Z";
        var right = $"M{N(cx)} {N(top)}L{N(cx + w)} {N(bottom)}L{N(cx)} {N(notch)}Z";
        svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{left}\" {Fill("#1A1A1A")}/>\n")
            .Append(CultureInfo.InvariantCulture, $"<path d=\"{right}\" {Fill("#FFFFFF")}/>\n")
            .Append(CultureInfo.InvariantCulture, $"<path d=\"{right}\" fill=\"none\" {Stroke("#1A1A1A", ls)}/>\n")
            .Append(CultureInfo.InvariantCulture, $"<path d=\"{left}\" fill=\"none\" {Stroke("#1A1A1A", ls)}/>\n");
    }

    private static void Swatch(StringBuilder svg, PlacedSwatch swatch, MapStyle style)
    {
        var entry = swatch.Entry;
        var r = swatch.Rect;
        var width = entry.LineWidth * style.LineScale;
        if (entry.LineOnly && !entry.Cased)
        {
            var dash = entry.Dashed ? $" stroke-dasharray=\"{N(width * 4)} {N(width * 2.5)}\"" : "";
            var y = r.Y + r.Height / 2;
            svg.Append(CultureInfo.InvariantCulture, $"<path d=\"M{N(r.X)} {N(y)}L{N(r.Right)} {N(y)}\" {Stroke(entry.Line, width)}{dash}/>\n");
            return;
        }

        if (Opacity(entry.Fill) > 0) svg.Append(Rect(r, Fill(entry.Fill))).Append('\n');
        if (entry.Hatched) svg.Append(Rect(r, "fill=\"url(#arcering)\"")).Append('\n');
        if (entry.Cased) svg.Append(Rect(r, $"fill=\"none\" {Stroke("#FFFFFF", width + 3 * style.LineScale)}")).Append('\n');

        // A white outline is invisible on the white page; swatches get a thin grey edge instead.
        var edge = entry.Line.Equals("#FFFFFF", StringComparison.OrdinalIgnoreCase) ? "#BDBDBD" : entry.Line;
        svg.Append(Rect(r, $"fill=\"none\" {Stroke(edge, Math.Max(width, style.LineScale))}")).Append('\n');
    }

    /// <summary>The outline as SVG path data in pixels: every ring of every polygon, closed.</summary>
    private static string PathData(MapPlan plan, Geometry metres)
    {
        var d = new StringBuilder();
        for (var i = 0; i < metres.NumGeometries; i++)
        {
            if (metres.GetGeometryN(i) is not Polygon polygon) continue;
            Ring(d, plan, polygon.ExteriorRing);
            foreach (var hole in polygon.InteriorRings) Ring(d, plan, hole);
        }

        return d.ToString();
    }

    private static void Ring(StringBuilder d, MapPlan plan, LineString ring)
    {
        var sequence = ring.CoordinateSequence;
        for (var i = 0; i < sequence.Count; i++)
        {
            var (x, y) = plan.ToPixel(sequence.GetX(i), sequence.GetY(i));
            Number(Number(d.Append(i == 0 ? 'M' : 'L'), x).Append(' '), y);
        }

        d.Append('Z');
    }

    private static string Rect(PixelRect r, string attributes) =>
        $"<rect x=\"{N(r.X)}\" y=\"{N(r.Y)}\" width=\"{N(r.Width)}\" height=\"{N(r.Height)}\"{(attributes.Length > 0 ? " " + attributes : "")}/>";

    private static string Fill(string colour)
    {
        var (rgb, opacity) = Colour(colour);
        return opacity < 1 ? $"fill=\"{rgb}\" fill-opacity=\"{N(opacity)}\"" : $"fill=\"{rgb}\"";
    }

    private static string Stroke(string colour, double width)
    {
        var (rgb, opacity) = Colour(colour);
        var alpha = opacity < 1 ? $" stroke-opacity=\"{N(opacity)}\"" : "";
        return $"stroke=\"{rgb}\"{alpha} stroke-width=\"{N(width)}\" stroke-linejoin=\"round\"";
    }

    private static double Opacity(string colour) => Colour(colour).Opacity;

    /// <summary>A colour as the painter takes it (#RRGGBB, or #AARRGGBB as Skia reads it) in SVG's terms.</summary>
    private static (string Rgb, double Opacity) Colour(string colour) => colour.Length == 9
        ? ("#" + colour[3..], int.Parse(colour.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0)
        : (colour, 1);

    /// <summary>Pixels to two decimals (a hundredth of a pixel is finer than any screen or print shows).</summary>
    private static string N(double value) => Number(new StringBuilder(12), value).ToString();

    /// <summary>
    /// Appends pixels to two decimals, as "0.##" writes <c>Math.Round(value, 2)</c> but never "-0", digit by digit:
    /// outlines have tens of thousands of points, and formatting each number into a string of its own was a fifth
    /// of the time it took to write a map's SVG.
    /// </summary>
    internal static StringBuilder Number(StringBuilder text, double value)
    {
        var rounded = Math.Round(value, 2);
        if (rounded == 0 || !double.IsFinite(rounded) || Math.Abs(rounded) >= 1e12) return text.Append((rounded == 0 ? 0 : rounded).ToString("0.##", CultureInfo.InvariantCulture));
        var hundredths = (long)Math.Round(rounded * 100); // whole: rounded has two decimals
        if (hundredths < 0) text.Append('-');
        hundredths = Math.Abs(hundredths);
        text.Append(hundredths / 100);
        var fraction = (int)(hundredths % 100);
        if (fraction == 0) return text;
        text.Append('.').Append((char)('0' + fraction / 10));
        return fraction % 10 == 0 ? text : text.Append((char)('0' + fraction % 10));
    }

    private static string Escape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal);
}
