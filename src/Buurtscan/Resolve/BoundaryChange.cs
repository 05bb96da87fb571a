using System.Collections.Concurrent;
using Buurtscan.Areas;
using Buurtscan.Domain;
using NetTopologySuite.Geometries;

namespace Buurtscan.Resolve;

/// <summary>
/// Carries figures of the 2015 division onto 2022 areas. The weight of an old area in a new one is the
/// share of the old area's surface that lies inside the new one: counts are spread evenly over the old
/// area's surface. That is an assumption (people do not live evenly spread), which is why every value
/// made this way is marked estimated and its weights are written to the run's data.
/// </summary>
public sealed class BoundaryChange(AreaRegistry registry)
{
    /// <summary>Overlaps below this share of the old area are slivers from imprecise boundaries, not real parts.</summary>
    public const double MinWeight = 0.005;

    private readonly ConcurrentDictionary<AreaRef, IReadOnlyList<Overlap>> cache = new();

    /// <summary>An old area overlapping a new one: Weight = share of the old area inside the new one; Coverage = share of the new area it covers.</summary>
    public sealed record Overlap(Area Old, double Weight, double Coverage);

    public IReadOnlyList<Overlap> OverlapsOf(Area target) => cache.GetOrAdd(target.Ref, _ => Compute(target));

    /// <summary>The overlaps worked out so far, for <see cref="ValueCache"/>.</summary>
    internal IEnumerable<KeyValuePair<AreaRef, IReadOnlyList<Overlap>>> Remembered => cache;

    /// <summary>Overlaps worked out by an earlier run on the same data (see <see cref="ValueCache"/>).</summary>
    internal void Remember(AreaRef area, IReadOnlyList<Overlap> overlaps) => cache.TryAdd(area, overlaps);

    private IReadOnlyList<Overlap> Compute(Area target)
    {
        if (target.Division != Division.Indeling2022 || target.Geometry is null || target.Level is Level.Gemeente or Level.Land)
        {
            return [];
        }

        var targetMetres = Geo.ToLocalMetres(target.Geometry);
        var targetArea = targetMetres.Area;
        if (targetArea <= 0) return [];
        var overlaps = new List<Overlap>();
        foreach (var old in registry.OfLevel(target.Level, Division.Indeling2015))
        {
            if (old.Geometry is null || !old.Geometry.EnvelopeInternal.Intersects(target.Geometry.EnvelopeInternal)) continue;
            var oldMetres = Geo.ToLocalMetres(old.Geometry);
            double shared;
            try
            {
                shared = oldMetres.Intersection(targetMetres).Area;
            }
            catch (TopologyException)
            {
                shared = oldMetres.Buffer(0).Intersection(targetMetres.Buffer(0)).Area;
            }

            var weight = shared / oldMetres.Area;
            if (weight >= MinWeight) overlaps.Add(new Overlap(old, weight, shared / targetArea));
        }

        return overlaps.OrderByDescending(o => o.Coverage).ThenBy(o => o.Old.Code, StringComparer.Ordinal).ToList();
    }
}
