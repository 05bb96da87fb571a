using Buurtscan.Import;

namespace Buurtscan.Resolve;

/// <summary>
/// What resolving a scan works out about the whole city, kept for the next scan on the same data: the values of
/// wijken, gebieden, stadsdelen and the city (summed, weighted or estimated), the distribution of every
/// indicator over all buurten (for the ranking), and the overlaps of the two divisions. They are the same for
/// every buurt, and most of a single scan's resolving time; `build --all` shares them in memory, a build of one
/// buurt finds them here. Kept beside the data cache under the same key (the files and the build of
/// buurtscan), and with the disclosure rules: nothing it holds can be out of date.
/// </summary>
public static class ValueCache
{
    /// <summary>Raised with every change to what is written below.</summary>
    private const int FormatVersion = 1;

    private const string Kind = "buurtscan values";

    /// <summary>Fills the resolver with what earlier scans on this data set worked out; true when there was something.</summary>
    public static bool Fill(Resolver resolver, string cacheDirectory)
    {
        if (File(resolver, cacheDirectory) is not var (file, key)) return false;
        var values = resolver.Values;
        var registry = values.Registry;
        return CacheFile.TryRead(file, Kind, FormatVersion, key, r =>
        {
            var input = r.Input;
            var remembered = r.List(() => (Key: (r.String(), r.AreaRef(), input.ReadInt32(), input.ReadBoolean()), Value: Resolved(r)));
            var distributions = r.List(() => (Key: (r.String(), input.ReadInt32()), Value: input.ReadBoolean()
                ? new Resolver.BuurtDistribution([.. r.List(input.ReadDouble)], input.ReadDouble(), input.ReadDouble())
                : null));
            var overlaps = r.List(() => (Area: r.AreaRef(), Overlaps: r.List(() =>
                new BoundaryChange.Overlap(registry.Find(r.AreaRef()) ?? throw new InvalidDataException("an area the registry does not have"), input.ReadDouble(), input.ReadDouble()))));

            // Only once everything is read: a damaged file adds nothing.
            foreach (var (k, v) in remembered) values.Remember(k, v);
            foreach (var (k, v) in distributions) resolver.Remember(k, v);
            foreach (var (area, list) in overlaps) values.BoundaryChange.Remember(area, list);
            return remembered;
        }) is { Count: > 0 };
    }

    /// <summary>Keeps what the resolver holds now (what it was filled with and what it worked out since), sorted so equal contents give equal files.</summary>
    public static void Save(Resolver resolver, string cacheDirectory)
    {
        if (File(resolver, cacheDirectory) is not var (file, key)) return;
        var values = resolver.Values;
        var remembered = values.Remembered
            .OrderBy(kv => kv.Key.Indicator, StringComparer.Ordinal).ThenBy(kv => kv.Key.Area.Division).ThenBy(kv => kv.Key.Area.Code, StringComparer.Ordinal)
            .ThenBy(kv => kv.Key.Year).ThenBy(kv => kv.Key.Estimate).ToList();
        var distributions = resolver.Distributions.OrderBy(kv => kv.Key.Indicator, StringComparer.Ordinal).ThenBy(kv => kv.Key.Year).ToList();
        var overlaps = values.BoundaryChange.Remembered.OrderBy(kv => kv.Key.Division).ThenBy(kv => kv.Key.Code, StringComparer.Ordinal).ToList();
        CacheFile.TryWrite(file, Kind, FormatVersion, key, w =>
        {
            var body = w.Body;
            w.List(remembered, kv =>
            {
                w.String(kv.Key.Indicator);
                w.AreaRef(kv.Key.Area);
                body.Write(kv.Key.Year);
                body.Write(kv.Key.Estimate);
                w.Number(kv.Value.Value);
                body.Write((byte)kv.Value.Status);
                w.String(kv.Value.Rule);
                w.List(kv.Value.Sources, w.Source);
            });
            w.List(distributions, kv =>
            {
                w.String(kv.Key.Indicator);
                body.Write(kv.Key.Year);
                body.Write(kv.Value is not null);
                if (kv.Value is not { } d) return;
                w.List(d.Sorted, body.Write);
                body.Write(d.Mean);
                body.Write(d.Sd);
            });
            w.List(overlaps, kv =>
            {
                w.AreaRef(kv.Key);
                w.List(kv.Value, o =>
                {
                    w.AreaRef(o.Old.Ref);
                    body.Write(o.Weight);
                    body.Write(o.Coverage);
                });
            });
        });
    }

    private static Resolved Resolved(CacheReader r) =>
        new(r.Number(), (FigureStatus)r.Input.ReadByte(), r.String(), r.List(r.Source));

    /// <summary>The file for this data set and these disclosure rules; null when the data did not come through the cache.</summary>
    private static (string File, string Key)? File(Resolver resolver, string cacheDirectory)
    {
        var values = resolver.Values;
        if (values.Data.CacheKey is not { } dataKey) return null;
        var key = $"{dataKey} {values.Rules.MinDenominatorForShare} {values.Rules.MinCountForComputed}";
        return (Path.Combine(cacheDirectory, $"values-{dataKey[..32]}.bin"), key);
    }
}
