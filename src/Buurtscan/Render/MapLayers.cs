using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NetTopologySuite.Geometries;

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
public sealed class MapLayers(int capacity = 32)
{
    private readonly Dictionary<LayerKey, LinkedListNode<(LayerKey Key, byte[] Pixels)>> byKey = [];
    private readonly LinkedList<(LayerKey Key, byte[] Pixels)> recent = new();
    private readonly List<byte[]> spare = [];
    private readonly Lock gate = new();
    private int drawn;
    private int reused;

    /// <summary>How many layers were drawn and how many were taken from earlier buurten.</summary>
    public (int Drawn, int Reused) Counts
    {
        get
        {
            lock (gate) return (drawn, reused);
        }
    }

    /// <summary>
    /// Copies the layer's pixels (<paramref name="length"/> bytes) to <paramref name="destination"/>: kept ones, or
    /// those that <paramref name="draw"/> draws into the buffer it is given (pinned, at least that long).
    /// </summary>
    public void CopyTo(LayerKey key, int length, nint destination, Action<nint> draw)
    {
        lock (gate)
        {
            if (byKey.TryGetValue(key, out var node))
            {
                recent.Remove(node);
                recent.AddFirst(node);
                reused++;
                // Copied while the lock is held, so that no other core can take this buffer for a new layer meanwhile.
                Marshal.Copy(node.Value.Pixels, 0, destination, length);
                return;
            }
        }

        // Drawn outside the lock, as the charts in DrawnCharts: two cores may draw the same layer, with the same pixels.
        byte[] pixels;
        lock (gate) pixels = Buffer(length);
        draw(Marshal.UnsafeAddrOfPinnedArrayElement(pixels, 0));
        lock (gate)
        {
            drawn++;
            Marshal.Copy(pixels, 0, destination, length);
            if (byKey.ContainsKey(key))
            {
                spare.Add(pixels);
                return;
            }

            byKey[key] = recent.AddFirst((key, pixels));
            if (byKey.Count > capacity)
            {
                byKey.Remove(recent.Last!.Value.Key);
                spare.Add(recent.Last.Value.Pixels);
                recent.RemoveLast();
            }
        }
    }

    /// <summary>
    /// A buffer pushed out of the cache if one is long enough, else a new one: pinned, so that Skia can draw into
    /// it, and outside the garbage collector's large-object heap, where hundreds of 3 MB buffers made in a run
    /// raised the peak memory of stadsdeel F by a quarter of a gigabyte.
    /// </summary>
    private byte[] Buffer(int length)
    {
        var at = spare.FindIndex(b => b.Length >= length);
        if (at < 0) return GC.AllocateUninitializedArray<byte>(length, pinned: true);
        var buffer = spare[at];
        spare.RemoveAt(at);
        return buffer;
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
