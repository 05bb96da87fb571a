using SkiaSharp;

namespace Buurtscan.Render;

/// <summary>
/// Drawing surfaces handed out again for the next picture of the same size. A new surface is fresh memory from the
/// system, zeroed and faulted in page by page (1.8 MB for a chart, 3 MB for a choropleth, 5 MB for a strip of the
/// A3 map), and a run over every buurt draws some 30,000 pictures: making surfaces was 1.3-1.5% of the samples of
/// `build --all --gebied GF07`, and is 0.1% with them kept.
/// <para>
/// One store for all threads, of at most <c>capacity</c> surfaces: kept per thread, the pool's many threads held
/// 150 MB more at the peak of a run over all of Amsterdam. A surface handed out holds the pixels of an earlier
/// picture: whoever takes one clears it or paints over every pixel, as every picture here does first thing.
/// </para>
/// </summary>
internal sealed class PixelSurfaces(int capacity)
{
    /// <summary>The store of the charts and maps: enough for two cores drawing a chart, a choropleth, the locator map and the A3 map each.</summary>
    public static PixelSurfaces Shared { get; } = new(8);

    private readonly List<Lease> kept = [];
    private readonly Lock gate = new();

    /// <summary>A surface of <paramref name="info"/> (rows end to end), its canvas at its starting state; disposing the lease gives it back.</summary>
    public Lease Take(SKImageInfo info)
    {
        Lease? found = null;
        lock (gate)
        {
            var at = kept.FindLastIndex(l => l.Info == info); // the most recently used: its memory is the likeliest in cache
            if (at >= 0)
            {
                found = kept[at];
                kept.RemoveAt(at);
            }
        }

        return found ?? new Lease(this, info, SKSurface.Create(info, info.RowBytes)
            ?? throw new InvalidOperationException($"cannot make a {info.Width}×{info.Height} drawing surface"));
    }

    private void GiveBack(Lease lease)
    {
        // A drawing that failed halfway may have left a save, a clip or a transform behind: such a surface is not kept.
        var canvas = lease.Surface.Canvas;
        if (canvas.SaveCount != 1 || !canvas.TotalMatrix.IsIdentity || canvas.DeviceClipBounds != new SKRectI(0, 0, lease.Info.Width, lease.Info.Height))
        {
            lease.Surface.Dispose();
            return;
        }

        Lease? oldest = null;
        lock (gate)
        {
            kept.Add(lease);
            if (kept.Count > capacity)
            {
                oldest = kept[0];
                kept.RemoveAt(0);
            }
        }

        oldest?.Surface.Dispose();
    }

    /// <summary>A surface lent out by <see cref="Take"/>.</summary>
    public sealed class Lease(PixelSurfaces store, SKImageInfo info, SKSurface surface) : IDisposable
    {
        public SKImageInfo Info { get; } = info;

        public SKSurface Surface { get; } = surface;

        /// <summary>Kept for the next picture of this size; the longest unused surface goes when too many are kept.</summary>
        public void Dispose() => store.GiveBack(this);
    }
}
