namespace Buurtscan.Render;

/// <summary>A chart's pictures: the PNG and the SVG (UTF-8), as written to the chart's files.</summary>
public sealed record ChartPictures(byte[] Png, byte[] Svg);

/// <summary>
/// The charts drawn so far in a run over many buurten, by what they show (<see cref="Charts.DrawingKey"/>). Many
/// buurten have charts that show the same thing: a theme whose figures exist only for the gebied, the stadsdeel
/// or the city draws the same bars for every buurt there. Over stadsdeel F, 713 of 2,516 charts were such
/// repeats. A repeat is written from the pictures drawn the first time, which are the bytes drawing it again
/// would give (a chart's picture depends on nothing but its key; see the chart tests).
/// <para>
/// Only the most recently used <c>capacity</c> charts are kept (about 80 KB each): the buurten of a run go in
/// code order, so the buurten of one wijk, gebied and stadsdeel come one after another, and a chart the whole
/// city shares is used by every buurt and so never the oldest. On stadsdeel F, 256 kept charts found 692 of the
/// 713 repeats, and keeping every chart found the rest for 100 MB more.
/// </para>
/// </summary>
public sealed class DrawnCharts(int capacity = 512)
{
    private readonly RecentlyUsed<string, ChartPictures> kept = new(capacity, StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>How many charts were drawn and how many were taken from earlier buurten.</summary>
    public (int Drawn, int Reused) Counts
    {
        get
        {
            lock (gate) return kept.Lookups;
        }
    }

    public ChartPictures Get(Chart chart)
    {
        var key = Charts.DrawingKey(chart);
        lock (gate)
        {
            if (kept.TryGet(key, out var known))
            {
                return known;
            }
        }

        // Drawn outside the lock: the other cores go on meanwhile. Two cores may draw the same new chart at the
        // same moment; both get the same bytes, and one of the two is kept.
        var pictures = Charts.Pictures(chart);
        lock (gate)
        {
            if (!kept.Contains(key)) kept.Add(key, pictures);
        }

        return pictures;
    }
}
