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
/// 910–950 ms, and `build --all --stadsdeel F` took 8% less CPU time.
/// <para>
/// A layer is found by everything its pixels depend on (<see cref="KeyOf"/>): the canvas, frame and projection, the
/// style, and each shape's outline and paint. Only the most recently used <c>capacity</c> layers are kept (3 MB each):
/// the buurten of a run go in code order, so a gebied's buurten come one after another on each core. On stadsdeel F,
/// whose maps have 86 different layers, 24 kept layers were drawn 157 times and 32 were drawn 114 times.
/// </para>
/// </summary>
public sealed class MapLayers(int capacity = 32) : IDisposable
{
    private readonly Dictionary<LayerKey, LinkedListNode<(LayerKey Key, Buffer Buffer)>> byKey = [];
    private readonly LinkedList<(LayerKey Key, Buffer Buffer)> recent = new();
    private readonly List<Buffer> spare = [];
    private readonly Lock gate = new();
    private int drawn;
    private int reused;
    private bool disposed;

    /// <summary>How many layers were drawn and how many were taken from earlier buurten.</summary>
    public (int Drawn, int Reused) Counts
    {
        get
        {
            lock (gate) return (drawn, reused);
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
            ObjectDisposedException.ThrowIf(disposed, this);
            if (byKey.TryGetValue(key, out var node))
            {
                recent.Remove(node);
                recent.AddFirst(node);
                reused++;
                // Copied while the lock is held, so that the buffer cannot be pushed out and drawn over meanwhile.
                Copy(node.Value.Buffer.Pixels, destination);
                return;
            }
        }

        // Drawn outside the lock, as the charts in DrawnCharts: two cores may draw the same layer, with the same pixels.
        var size = destination.Info.BytesSize;
        Buffer buffer;
        lock (gate) buffer = Take(size);
        try
        {
            using var surface = SKSurface.Create(destination.Info, buffer.Pixels, destination.Info.RowBytes)
                ?? throw new InvalidOperationException($"cannot draw into a {destination.Width}×{destination.Height} layer");
            draw(surface.Canvas);
            surface.Canvas.Flush();
        }
        catch
        {
            lock (gate) spare.Add(buffer);
            throw;
        }

        lock (gate)
        {
            drawn++;
            Copy(buffer.Pixels, destination);
            if (disposed || byKey.ContainsKey(key))
            {
                spare.Add(buffer);
                return;
            }

            byKey[key] = recent.AddFirst((key, buffer));
            if (byKey.Count > capacity)
            {
                byKey.Remove(recent.Last!.Value.Key);
                spare.Add(recent.Last.Value.Buffer);
                recent.RemoveLast();
            }
        }
    }

    /// <summary>
    /// A buffer of at least <paramref name="size"/> bytes: one pushed out of the cache, else a new one. The pixels live
    /// outside the garbage collector's heap, in buffers that are used again: as a new managed array for each layer drawn,
    /// the layers raised the peak memory of `build --all --stadsdeel F` from 354 to 681 MB; like this, to about 490 MB.
    /// </summary>
    private Buffer Take(int size)
    {
        var fits = spare.FindIndex(b => b.Size >= size);
        if (fits < 0 && spare.Count > 0)
        {
            // Only smaller ones: one of them makes room for a new buffer, so the number of buffers stays bounded.
            Marshal.FreeHGlobal(spare[^1].Pixels);
            spare.RemoveAt(spare.Count - 1);
        }

        if (fits < 0) return new Buffer(Marshal.AllocHGlobal(size), size);
        var buffer = spare[fits];
        spare.RemoveAt(fits);
        return buffer;
    }

    private static void Copy(nint pixels, SKPixmap destination)
    {
        var info = destination.Info;
        if (destination.RowBytes != info.RowBytes) throw new ArgumentException("the map's rows must lie end to end", nameof(destination));
        using var layer = new SKPixmap(info, pixels, info.RowBytes);
        if (!layer.ReadPixels(info, destination.GetPixels(), destination.RowBytes)) throw new InvalidOperationException("cannot copy a map layer");
    }

    private readonly record struct Buffer(nint Pixels, int Size);

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed) return;
            disposed = true;
            foreach (var buffer in recent.Select(r => r.Buffer).Concat(spare)) Marshal.FreeHGlobal(buffer.Pixels);
            recent.Clear();
            byKey.Clear();
            spare.Clear();
        }
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
