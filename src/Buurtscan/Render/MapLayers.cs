using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NetTopologySuite.Geometries;
using SkiaSharp;

namespace Buurtscan.Render;

/// <summary>
/// The lower layers of the choropleths drawn so far in a run over many buurten. The buurten of a gebied all have the
/// same choropleths but for the focus: the same frame and projection, surroundings, class colours and wijk lines,
/// with only the focus outline, the labels (placed around the focus), the legend and the texts drawn for each. Those
/// common shapes (<see cref="MapSpec.CommonShapes"/>) are drawn once, and their pixels copied for every buurt:
/// `bench render` draws the 132 choropleths of gebied Geuzenveld-Slotermeer's buurten in 650–700 instead of
/// 910–950 ms.
/// <para>
/// A layer is found by everything its pixels depend on (<see cref="KeyOf"/>): the canvas, frame and projection, the
/// style, and each shape's outline and paint. Only the most recently used <c>capacity</c> layers are kept (3 MB each):
/// the buurten of a run go one at a time in code order, so the cores work in the same gebied. On stadsdeel F, whose
/// maps have 86 different layers, 16 kept layers were drawn 125–128 times for 503 maps; the peak memory of the run
/// went from about 255 to 375 MB.
/// </para>
/// </summary>
public sealed class MapLayers(int capacity = 16)
{
    private readonly RecentlyUsed<LayerKey, byte[]> kept = new(capacity);
    private readonly List<byte[]> spare = [];
    private readonly Lock gate = new();

    /// <summary>How many layers were drawn and how many were taken from earlier buurten.</summary>
    public (int Drawn, int Reused) Counts
    {
        get
        {
            lock (gate) return kept.Lookups;
        }
    }

    /// <summary>
    /// Copies the layer's pixels into <paramref name="destination"/> (the map's surface, of the size in the key, its rows
    /// end to end): kept ones, or those that <paramref name="draw"/> draws on a canvas of that size the first time.
    /// </summary>
    public void CopyTo(LayerKey key, SKPixmap destination, Action<SKCanvas> draw)
    {
        lock (gate)
        {
            if (kept.TryGet(key, out var known))
            {
                // Copied while the lock is held, so that the buffer cannot be pushed out and drawn over meanwhile.
                Copy(known, destination);
                return;
            }
        }

        // Drawn outside the lock, as the charts in DrawnCharts: two cores may draw the same layer, with the same pixels.
        byte[] pixels;
        lock (gate) pixels = Take(destination.Info.BytesSize);
        using (var surface = SKSurface.Create(destination.Info, Marshal.UnsafeAddrOfPinnedArrayElement(pixels, 0), destination.Info.RowBytes)
            ?? throw new InvalidOperationException($"cannot draw into a {destination.Width}×{destination.Height} layer"))
        {
            draw(surface.Canvas);
            surface.Canvas.Flush();
        }

        lock (gate)
        {
            Copy(pixels, destination);
            var unused = kept.Contains(key) ? pixels : kept.Add(key, pixels);
            if (unused is not null) spare.Add(unused);
        }
    }

    /// <summary>
    /// A buffer of at least <paramref name="size"/> bytes, pinned so that Skia can draw into it: one pushed out of the
    /// cache, else a new one. With a new array for every layer drawn, the layers raised the peak memory of
    /// `build --all --stadsdeel F` by 330 MB.
    /// </summary>
    private byte[] Take(int size)
    {
        var fits = spare.FindIndex(b => b.Length >= size);
        if (fits >= 0)
        {
            var buffer = spare[fits];
            spare.RemoveAt(fits);
            return buffer;
        }

        // Only smaller ones, if any: one of them goes, so that the number of buffers stays bounded.
        if (spare.Count > 0) spare.RemoveAt(spare.Count - 1);
        return GC.AllocateUninitializedArray<byte>(size, pinned: true);
    }

    private static void Copy(byte[] pixels, SKPixmap destination)
    {
        if (destination.RowBytes != destination.Info.RowBytes) throw new ArgumentException("the map's rows must lie end to end", nameof(destination));
        Marshal.Copy(pixels, 0, destination.GetPixels(), destination.Info.BytesSize);
    }

    /// <summary>What the pixels of <paramref name="shapes"/> drawn on <paramref name="plan"/>'s canvas depend on.</summary>
    public static LayerKey KeyOf(MapPlan plan, IReadOnlyList<(MapShape Shape, Geometry Metres)> shapes) =>
        new(plan.Width, plan.Height, plan.Frame, plan.OriginX, plan.OriginY, plan.PixelsPerMetre, plan.Style,
            [.. shapes.Select(s => new LayerShape(s.Metres, s.Shape.Fill, s.Shape.Line, s.Shape.LineWidth, s.Shape.Hatched, s.Shape.Cased, s.Shape.Dashed))]);
}

/// <summary>
/// A shape as it is drawn: the outline (the very object, as projected once for the run: comparing every point would
/// cost more than drawing) and the paint. Not the code, name or role, which are not drawn.
/// </summary>
public sealed record LayerShape(Geometry Metres, string Fill, string Line, double LineWidth, bool Hatched, bool Cased, bool Dashed)
{
    public bool Equals(LayerShape? other) =>
        other is not null && ReferenceEquals(Metres, other.Metres) && Fill == other.Fill && Line == other.Line &&
        LineWidth.Equals(other.LineWidth) && Hatched == other.Hatched && Cased == other.Cased && Dashed == other.Dashed;

    public override int GetHashCode() => HashCode.Combine(RuntimeHelpers.GetHashCode(Metres), Fill, Line, LineWidth, Hatched, Cased, Dashed);
}

/// <summary>The canvas, frame, projection and style of a layer, and its shapes in drawing order.</summary>
public sealed record LayerKey(int Width, int Height, PixelRect Frame, double OriginX, double OriginY, double PixelsPerMetre, MapStyle Style, IReadOnlyList<LayerShape> Shapes)
{
    public bool Equals(LayerKey? other) =>
        other is not null && Width == other.Width && Height == other.Height && Frame.Equals(other.Frame) && OriginX.Equals(other.OriginX) &&
        OriginY.Equals(other.OriginY) && PixelsPerMetre.Equals(other.PixelsPerMetre) && Style.Equals(other.Style) && Shapes.SequenceEqual(other.Shapes);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Width);
        hash.Add(Height);
        hash.Add(Frame);
        hash.Add(OriginX);
        hash.Add(OriginY);
        hash.Add(PixelsPerMetre);
        hash.Add(Shapes.Count);
        foreach (var shape in Shapes) hash.Add(shape);
        return hash.ToHashCode();
    }
}
