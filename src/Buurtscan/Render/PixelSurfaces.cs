using SkiaSharp;

namespace Buurtscan.Render;

/// <summary>
/// Drawing surfaces kept per thread, and handed out again for the next picture of the same size. A new surface is
/// fresh memory from the system, zeroed and faulted in page by page (1.8 MB for a chart, 3 MB for a choropleth,
/// 5 MB for a strip of the A3 map), and a run over every buurt draws some 30,000 pictures: 1.6% of the samples of
/// `build --all --gebied GF07` were page faults, and 1.2% the making of surfaces.
/// <para>
/// A surface handed out holds the pixels of an earlier picture: whoever takes one clears it or paints over every
/// pixel, as every picture here does first thing.
/// </para>
/// </summary>
internal static class PixelSurfaces
{
    /// <summary>A thread draws pictures of a few sizes in turn: a chart, a choropleth, the locator map, a strip of the A3 map.</summary>
    private const int KeptPerThread = 4;

    [ThreadStatic]
    private static List<Lease>? kept;

    /// <summary>A surface of <paramref name="info"/> (rows end to end), with its canvas at its starting state; disposing the lease gives it back.</summary>
    public static Lease Take(SKImageInfo info)
    {
        var list = kept ??= [];
        var at = list.FindLastIndex(l => l.Info == info); // the most recently used: its memory is the likeliest in cache
        if (at < 0)
        {
            var surface = SKSurface.Create(info, info.RowBytes) ?? throw new InvalidOperationException($"cannot make a {info.Width}×{info.Height} drawing surface");
            return new Lease(info, surface);
        }

        var found = list[at];
        list.RemoveAt(at);
        // A drawing that failed halfway may have left a clip or a transform behind.
        found.Surface.Canvas.RestoreToCount(1);
        found.Surface.Canvas.ResetMatrix();
        return found;
    }

    /// <summary>A surface lent out by <see cref="Take"/>.</summary>
    public sealed class Lease(SKImageInfo info, SKSurface surface) : IDisposable
    {
        public SKImageInfo Info { get; } = info;

        public SKSurface Surface { get; } = surface;

        /// <summary>Kept for the thread's next picture of this size; the longest unused one goes when too many are kept.</summary>
        public void Dispose()
        {
            var list = kept ??= [];
            list.Add(this);
            if (list.Count > KeptPerThread)
            {
                list[0].Surface.Dispose();
                list.RemoveAt(0);
            }
        }
    }
}
