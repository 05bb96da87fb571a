namespace Buurtscan.Render;

/// <summary>
/// The most recently used values by key, up to <c>capacity</c>: what a run over many buurten keeps of what it drew
/// (<see cref="DrawnCharts"/>, <see cref="MapLayers"/>). Not thread-safe: its users hold their lock around it.
/// </summary>
internal sealed class RecentlyUsed<TKey, TValue>(int capacity, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
    where TValue : class
{
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, TValue Value)>> byKey = new(comparer);
    private readonly LinkedList<(TKey Key, TValue Value)> recent = new();
    private int missed;
    private int found;

    /// <summary>How many keys <see cref="TryGet"/> did not find (the values then made) and how many it found.</summary>
    public (int Missed, int Found) Lookups => (missed, found);

    /// <summary>The value kept for the key, which becomes the most recently used.</summary>
    public bool TryGet(TKey key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out TValue value)
    {
        if (!byKey.TryGetValue(key, out var node))
        {
            missed++;
            value = null;
            return false;
        }

        found++;

        recent.Remove(node);
        recent.AddFirst(node);
        value = node.Value.Value;
        return true;
    }

    public bool Contains(TKey key) => byKey.ContainsKey(key);

    /// <summary>Keeps a value for a key not kept yet; returns the least recently used value if that one had to go.</summary>
    public TValue? Add(TKey key, TValue value)
    {
        byKey.Add(key, recent.AddFirst((key, value)));
        if (byKey.Count <= capacity) return null;
        var oldest = recent.Last!.Value;
        byKey.Remove(oldest.Key);
        recent.RemoveLast();
        return oldest.Value;
    }
}
