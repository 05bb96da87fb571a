using NetTopologySuite.Geometries;
using SkiaSharp;

namespace Buurtscan.Render;

/// <summary>
/// Draws a <see cref="MapPlan"/> with SkiaSharp (the library ScottPlot draws with) into the PNG; <see cref="MapSvg"/>
/// writes the same elements as SVG. All decisions were made by the planner.
/// </summary>
public static class MapPainter
{
    private static readonly Lazy<SKTypeface> RegularFace = new(() => FindTypeface(SKFontStyle.Normal));
    private static readonly Lazy<SKTypeface> BoldFace = new(() => FindTypeface(SKFontStyle.Bold));

    /// <summary>DejaVu Sans first: the layout's text widths are those of DejaVu Sans, and the other fonts are narrower.</summary>
    private static readonly string[] Families = ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Noto Sans"];

    /// <summary>The font family maps are drawn in; charts use it too, so the chapter's pictures match.</summary>
    public static string FontFamily => RegularFace.Value.FamilyName;

    /// <summary>The typeface of <see cref="FontFamily"/>, regular or bold: one instance each for the whole process.</summary>
    public static SKTypeface Typeface(bool bold) => bold ? BoldFace.Value : RegularFace.Value;

    /// <summary>
    /// The map as PNG; the printable map at 300 dpi, drawn in strips (see <see cref="Render.Png.EncodeInStrips"/>).
    /// With <paramref name="layers"/>, a screen map's common shapes (<see cref="MapSpec.CommonShapes"/>) are drawn
    /// once and their pixels copied; the same pixels as drawing the whole map.
    /// </summary>
    public static byte[] Png(MapPlan plan, MapLayers? layers = null)
    {
        var print = plan.Spec.Layout == MapLayout.Print;
        if (layers is not null && !print && plan.Spec.CommonShapes > 0) return Layered(plan, layers);
        return print ? PrintPng(plan) : Render.Png.EncodeInStrips(plan.Width, plan.Height, null, canvas => Draw(canvas, plan), plan.Height);
    }

    /// <summary>
    /// The printable map, drawn in strips. Most shapes cross several strips: with <paramref name="readyOutlines"/>
    /// their outlines, strokes and dashes are worked out once, not again for every strip they touch (the same pixels).
    /// The map is recorded once, with an index of where each drawing falls, and each strip plays back only what
    /// falls in it: drawn directly, every strip went through every label and shape again (its texts shaped into
    /// glyphs each time). The same pixels; measured on GF07's A3 map (`bench render`, 3 alternating runs of 9),
    /// 67-81 ms instead of 75-100 ms.
    /// </summary>
    internal static byte[] PrintPng(MapPlan plan, bool readyOutlines = true)
    {
        using var outlines = readyOutlines ? new ShapeOutlines(plan) : null;
        using var recorder = new SKPictureRecorder();
        DrawInFrame(recorder.BeginRecording(new SKRect(0, 0, plan.Width, plan.Height), useRTree: true), plan, plan.Shapes, overlay: true, outlines);
        using var map = recorder.EndRecording();
        return Render.Png.EncodeInStrips(plan.Width, plan.Height, 300, canvas =>
        {
            canvas.Clear(SKColors.White);
            canvas.DrawPicture(map);
        }, 256);
    }

    public static void Draw(SKCanvas canvas, MapPlan plan)
    {
        canvas.Clear(SKColors.White);
        DrawInFrame(canvas, plan, plan.Shapes, overlay: true);
    }

    /// <summary>
    /// A shape's outline as a path, and its casing and line as the areas they cover (what Skia fills when it strokes
    /// a path), made the first time the shape is drawn and kept for the picture's other strips.
    /// </summary>
    private sealed class ShapeOutlines(MapPlan plan) : IDisposable
    {
        private readonly Dictionary<MapShape, (SKPath Path, SKPath? Casing, SKPath Line)> made = new(ReferenceEqualityComparer.Instance);

        public (SKPath Path, SKPath? Casing, SKPath Line) Of(MapShape shape, Geometry metres)
        {
            if (made.TryGetValue(shape, out var known)) return known;
            var path = ToPath(plan, metres);
            var width = (float)(shape.LineWidth * plan.Style.LineScale);
            SKPath? casing = null;
            if (shape.Cased)
            {
                using var casingPaint = CasingPaint(width, plan.Style);
                casing = casingPaint.GetFillPath(path);
            }

            using var linePaint = LinePaint(shape, width);
            var outlines = (path, casing, linePaint.GetFillPath(path));
            made.Add(shape, outlines);
            return outlines;
        }

        public void Dispose()
        {
            foreach (var (path, casing, line) in made.Values)
            {
                path.Dispose();
                casing?.Dispose();
                line.Dispose();
            }
        }
    }

    /// <summary>
    /// The common shapes' pixels from <paramref name="layers"/> (drawn the first time), then the rest drawn over them.
    /// Skia's raster drawing changes no pixel but those it draws, so this gives the bytes of <see cref="Draw"/>.
    /// </summary>
    private static byte[] Layered(MapPlan plan, MapLayers layers)
    {
        var common = new HashSet<MapShape>(plan.Spec.Shapes.Take(plan.Spec.CommonShapes), ReferenceEqualityComparer.Instance);
        var below = plan.Shapes.Where(s => common.Contains(s.Shape)).ToList();
        var above = plan.Shapes.Where(s => !common.Contains(s.Shape)).ToList();
        var info = new SKImageInfo(plan.Width, plan.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var lease = PixelSurfaces.Shared.Take(info);
        var map = lease.Surface;
        using (var pixmap = map.PeekPixels())
        {
            layers.CopyTo(MapLayers.KeyOf(plan, below), pixmap, canvas =>
            {
                canvas.Clear(SKColors.White);
                DrawInFrame(canvas, plan, below, overlay: false);
            });
        }

        DrawInFrame(map.Canvas, plan, above, overlay: true);
        map.Canvas.Flush();
        return Render.Png.Encode(map);
    }

    /// <summary>
    /// The shapes, clipped to the frame; with <paramref name="overlay"/> also the labels, scale bar and north arrow
    /// on the map, and the border, legend and texts around it.
    /// </summary>
    private static void DrawInFrame(SKCanvas canvas, MapPlan plan, IEnumerable<(MapShape Shape, Geometry Metres)> shapes, bool overlay, ShapeOutlines? outlines = null)
    {
        var frame = ToRect(plan.Frame);
        var ls = (float)plan.Style.LineScale;

        canvas.Save();
        canvas.ClipRect(frame);
        // Drawn in strips (the A3 map), most shapes and labels lie outside the strip at hand: skipped before their
        // outlines and glyphs are made. The bounds are generous, so nothing that touches the strip is left out.
        var visible = canvas.LocalClipBounds;
        foreach (var (shape, metres) in shapes)
        {
            if (!Touches(visible, plan, metres.EnvelopeInternal, (float)(shape.LineWidth * plan.Style.LineScale * 4 + 2))) continue;
            if (outlines is not null)
            {
                var (outline, casing, line) = outlines.Of(shape, metres);
                DrawShape(canvas, outline, shape, plan.Style, (casing, line));
                continue;
            }

            using var path = ToPath(plan, metres);
            DrawShape(canvas, path, shape, plan.Style);
        }

        if (!overlay)
        {
            canvas.Restore();
            return;
        }

        foreach (var label in plan.Labels.Where(l => l.Lines.Count > 0))
        {
            var halfWidth = (float)(label.Lines.Max(l => MapText.Width(l, label.Size, label.Kind == LabelKind.Focus)) / 2 + label.Size);
            var halfHeight = (float)(label.Lines.Count * label.Size * MapText.LineHeight / 2 + label.Size);
            if (!visible.IntersectsWith(new SKRect((float)label.X - halfWidth, (float)label.Y - halfHeight, (float)label.X + halfWidth, (float)label.Y + halfHeight))) continue;
            DrawLabel(canvas, label);
        }

        DrawScaleBar(canvas, plan);
        DrawNorthArrow(canvas, plan.NorthArrow, plan.Style);
        canvas.Restore();

        using (var border = Stroke("#7A7A7A", ls))
        {
            canvas.DrawRect(frame, border);
        }

        foreach (var swatch in plan.Swatches) DrawSwatch(canvas, swatch, plan.Style);
        foreach (var text in plan.Texts)
        {
            using var font = Font(text.Size, text.Bold);
            using var paint = Fill(text.Colour);
            canvas.DrawText(text.Text, (float)text.X, (float)text.Y, SKTextAlign.Left, font, paint);
        }
    }

    /// <summary>
    /// Fill, hatching, casing and line of a shape. With <paramref name="ready"/> (see <see cref="ShapeOutlines"/>), the
    /// casing and line are the areas Skia would fill when stroking the path, made before: the same pixels.
    /// </summary>
    private static void DrawShape(SKCanvas canvas, SKPath path, MapShape shape, MapStyle style, (SKPath? Casing, SKPath Line)? ready = null)
    {
        if (SKColor.Parse(shape.Fill).Alpha > 0)
        {
            using var paint = Fill(shape.Fill);
            canvas.DrawPath(path, paint);
        }

        if (shape.Hatched) Hatch(canvas, path, style);
        var width = (float)(shape.LineWidth * style.LineScale);
        if (shape.Cased)
        {
            using var casing = ready is null ? CasingPaint(width, style) : Fill("#FFFFFF");
            canvas.DrawPath(ready?.Casing ?? path, casing);
        }

        using var line = ready is null ? LinePaint(shape, width) : Fill(shape.Line);
        canvas.DrawPath(ready?.Line ?? path, line);
    }

    private static SKPaint CasingPaint(float width, MapStyle style) => Stroke("#FFFFFF", width + 3 * (float)style.LineScale);

    private static SKPaint LinePaint(MapShape shape, float width)
    {
        var line = Stroke(shape.Line, width);
        if (shape.Dashed) line.PathEffect = SKPathEffect.CreateDash([width * 4, width * 2.5f], 0);
        return line;
    }

    /// <summary>Diagonal lines on a fixed grid of the canvas, so neighbouring hatched areas line up.</summary>
    private static void Hatch(SKCanvas canvas, SKPath path, MapStyle style)
    {
        var spacing = (float)style.Hatch;
        var bounds = path.Bounds;
        canvas.Save();
        canvas.ClipPath(path, SKClipOperation.Intersect, true);
        using var paint = Stroke("#8F8F8F", (float)(0.9 * style.LineScale));
        var first = MathF.Floor((bounds.Left - bounds.Bottom) / spacing) * spacing;
        for (var c = first; c <= bounds.Right - bounds.Top; c += spacing)
        {
            canvas.DrawLine(c + bounds.Top, bounds.Top, c + bounds.Bottom, bounds.Bottom, paint);
        }

        canvas.Restore();
    }

    private static void DrawLabel(SKCanvas canvas, PlacedLabel label)
    {
        var bold = label.Kind == LabelKind.Focus;
        using var font = Font(label.Size, bold);
        using var halo = Stroke("#FFFFFF", (float)(label.Size * 0.28));
        halo.StrokeJoin = SKStrokeJoin.Round;
        using var ink = Fill(label.Kind == LabelKind.Context ? "#6E6E6E" : "#111111");
        var lineHeight = label.Size * MapText.LineHeight;
        var top = label.Y - label.Lines.Count * lineHeight / 2;
        for (var i = 0; i < label.Lines.Count; i++)
        {
            // The baseline sits about 0.8 of the font size below the top of a line box of 1.2 times the size.
            var baseline = (float)(top + i * lineHeight + label.Size * 0.93);
            canvas.DrawText(label.Lines[i], (float)label.X, baseline, SKTextAlign.Center, font, halo);
            canvas.DrawText(label.Lines[i], (float)label.X, baseline, SKTextAlign.Center, font, ink);
        }
    }

    private static void DrawScaleBar(SKCanvas canvas, MapPlan plan)
    {
        var bar = plan.ScaleBar;
        var ls = (float)plan.Style.LineScale;
        using (var background = Fill("#D9FFFFFF"))
        {
            canvas.DrawRoundRect(ToRect(bar.Box), 3 * ls, 3 * ls, background);
        }

        var half = (float)(bar.Pixels / 2);
        var x = (float)bar.X;
        var y = (float)bar.Y;
        var h = (float)bar.Thickness;
        using (var black = Fill("#1A1A1A"))
        using (var white = Fill("#FFFFFF"))
        using (var outline = Stroke("#1A1A1A", ls))
        {
            canvas.DrawRect(x, y, half, h, black);
            canvas.DrawRect(x + half, y, half, h, white);
            canvas.DrawRect(x, y, half * 2, h, outline);
        }

        using var font = Font(bar.TextSize, false);
        using var ink = Fill("#1A1A1A");
        foreach (var (tickX, text) in bar.Ticks)
        {
            canvas.DrawText(text, (float)tickX, y - (float)(bar.TextSize * 0.4), SKTextAlign.Center, font, ink);
        }
    }

    private static void DrawNorthArrow(SKCanvas canvas, PixelRect rect, MapStyle style)
    {
        var ls = (float)style.LineScale;
        using (var background = Fill("#D9FFFFFF"))
        {
            canvas.DrawRoundRect(ToRect(rect.Grow(style.Small * 0.3)), 3 * ls, 3 * ls, background);
        }

        var cx = (float)(rect.X + rect.Width / 2);
        var textSize = (float)(style.Small * 1.05);
        using (var font = Font(textSize, true))
        using (var ink = Fill("#1A1A1A"))
        {
            canvas.DrawText("N", cx, (float)rect.Y + textSize * 0.95f, SKTextAlign.Center, font, ink);
        }

        var top = (float)rect.Y + textSize * 1.2f;
        var bottom = (float)rect.Bottom;
        var w = (float)rect.Width / 2;
        var notch = bottom - (bottom - top) * 0.28f;
        using var left = new SKPath();
        left.MoveTo(cx, top);
        left.LineTo(cx - w, bottom);
        left.LineTo(cx, notch);
        left.Close();
        using var right = new SKPath();
        right.MoveTo(cx, top);
        right.LineTo(cx + w, bottom);
        right.LineTo(cx, notch);
        right.Close();
        using var black = Fill("#1A1A1A");
        using var white = Fill("#FFFFFF");
        using var outline = Stroke("#1A1A1A", ls);
        outline.StrokeJoin = SKStrokeJoin.Round;
        canvas.DrawPath(left, black);
        canvas.DrawPath(right, white);
        canvas.DrawPath(right, outline);
        canvas.DrawPath(left, outline);
    }

    private static void DrawSwatch(SKCanvas canvas, PlacedSwatch swatch, MapStyle style)
    {
        var entry = swatch.Entry;
        var rect = ToRect(swatch.Rect);
        var width = (float)(entry.LineWidth * style.LineScale);
        if (entry.LineOnly && !entry.Cased)
        {
            using var line = Stroke(entry.Line, width);
            if (entry.Dashed) line.PathEffect = SKPathEffect.CreateDash([width * 4, width * 2.5f], 0);
            canvas.DrawLine(rect.Left, rect.MidY, rect.Right, rect.MidY, line);
            return;
        }

        using var path = new SKPath();
        path.AddRect(rect);
        if (SKColor.Parse(entry.Fill).Alpha > 0)
        {
            using var fill = Fill(entry.Fill);
            canvas.DrawPath(path, fill);
        }

        if (entry.Hatched) Hatch(canvas, path, style);
        if (entry.Cased)
        {
            using var casing = CasingPaint(width, style);
            canvas.DrawPath(path, casing);
        }

        // A white outline is invisible on the white page; swatches get a thin grey edge instead.
        using var edge = Stroke(entry.Line.Equals("#FFFFFF", StringComparison.OrdinalIgnoreCase) ? "#BDBDBD" : entry.Line, Math.Max(width, (float)style.LineScale));
        canvas.DrawPath(path, edge);
    }

    private static bool Touches(SKRect visible, MapPlan plan, Envelope metres, float margin)
    {
        var (x1, y1) = plan.ToPixel(metres.MinX, metres.MinY);
        var (x2, y2) = plan.ToPixel(metres.MaxX, metres.MaxY);
        var box = new SKRect(Math.Min(x1, x2) - margin, Math.Min(y1, y2) - margin, Math.Max(x1, x2) + margin, Math.Max(y1, y2) + margin);
        return visible.IntersectsWith(box);
    }

    private static SKPath ToPath(MapPlan plan, Geometry metres)
    {
        var path = new SKPath { FillType = SKPathFillType.EvenOdd };
        for (var i = 0; i < metres.NumGeometries; i++)
        {
            if (metres.GetGeometryN(i) is not Polygon polygon) continue;
            AddRing(path, plan, polygon.ExteriorRing);
            foreach (var hole in polygon.InteriorRings) AddRing(path, plan, hole);
        }

        return path;
    }

    private static void AddRing(SKPath path, MapPlan plan, LineString ring)
    {
        var sequence = ring.CoordinateSequence;
        for (var i = 0; i < sequence.Count; i++)
        {
            var (x, y) = plan.ToPixel(sequence.GetX(i), sequence.GetY(i));
            if (i == 0) path.MoveTo(x, y);
            else path.LineTo(x, y);
        }

        path.Close();
    }

    private static SKRect ToRect(PixelRect r) => new((float)r.X, (float)r.Y, (float)r.Right, (float)r.Bottom);

    private static SKPaint Fill(string colour) => new() { Color = SKColor.Parse(colour), IsAntialias = true, Style = SKPaintStyle.Fill };

    private static SKPaint Stroke(string colour, float width) => new()
    {
        Color = SKColor.Parse(colour),
        IsAntialias = true,
        Style = SKPaintStyle.Stroke,
        StrokeWidth = width,
        StrokeJoin = SKStrokeJoin.Round,
    };

    private static SKFont Font(double size, bool bold) => new(bold ? BoldFace.Value : RegularFace.Value, (float)size) { Subpixel = true, Edging = SKFontEdging.Antialias };

    private static SKTypeface FindTypeface(SKFontStyle style)
    {
        foreach (var family in Families)
        {
            var face = SKTypeface.FromFamilyName(family, style);
            if (face is not null && string.Equals(face.FamilyName, family, StringComparison.OrdinalIgnoreCase)) return face;
        }

        return SKTypeface.FromFamilyName(null, style) ?? SKTypeface.Default;
    }
}
