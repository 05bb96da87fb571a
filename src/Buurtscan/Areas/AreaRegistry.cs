using Buurtscan.Domain;
using Buurtscan.Import;
using NetTopologySuite.Geometries;

namespace Buurtscan.Areas;

/// <summary>Every known area of both divisions, with parents, children and geometry.</summary>
public sealed class AreaRegistry
{
    private readonly Dictionary<AreaRef, Area> areas;
    private readonly Dictionary<AreaRef, List<Area>> children;
    private readonly Dictionary<string, Area> byCbsCode;

    private AreaRegistry(Dictionary<AreaRef, Area> areas)
    {
        this.areas = areas;
        All = areas.Values.OrderBy(a => a.Division).ThenBy(a => a.Level).ThenBy(a => a.Code, StringComparer.Ordinal).ToList();
        children = new Dictionary<AreaRef, List<Area>>();
        foreach (var area in All)
        {
            // Children stay within their division: the 2015 stadsdelen hang under the one gemeente for their
            // chain, but are not among the gemeente's (2022) children.
            if (area.Parent is { } parent && parent.Division == area.Division)
            {
                if (!children.TryGetValue(parent, out var list)) children[parent] = list = [];
                list.Add(area);
            }
        }

        byCbsCode = new Dictionary<string, Area>(StringComparer.OrdinalIgnoreCase);
        foreach (var area in All.Where(a => a.CbsCode is not null))
        {
            byCbsCode.TryAdd(area.CbsCode!, area);
        }
    }

    /// <summary>A registry of areas already merged and dissolved by <see cref="Build"/> (as the data cache keeps them).</summary>
    public static AreaRegistry Of(IEnumerable<Area> areas) => new(areas.ToDictionary(a => a.Ref));

    /// <summary>All areas, ordered by division, level and code.</summary>
    public IReadOnlyList<Area> All { get; }

    public bool IsEmpty => areas.Count == 0;

    public Area? Find(AreaRef areaRef) => areas.GetValueOrDefault(areaRef);

    public Area Get(AreaRef areaRef) => areas.TryGetValue(areaRef, out var area)
        ? area
        : throw new BuurtscanException($"area {areaRef} is not in the registry", ExitCodes.UnknownArea);

    public Area? FindByCbsCode(string cbsCode) => byCbsCode.GetValueOrDefault(cbsCode.Trim());

    public IReadOnlyList<Area> Children(AreaRef parent) => children.TryGetValue(parent, out var list) ? list : [];

    public IEnumerable<Area> OfLevel(Level level, Division division = Division.Indeling2022) =>
        All.Where(a => a.Level == level && a.Division == division);

    /// <summary>The area and its parents up to the gemeente, smallest first.</summary>
    public IReadOnlyList<Area> Chain(AreaRef start)
    {
        var chain = new List<Area>();
        for (var current = Find(start); current is not null; current = current.Parent is { } p ? Find(p) : null)
        {
            chain.Add(current);
        }

        return chain;
    }

    /// <summary>All buurten below an area (the area itself if it is a buurt).</summary>
    public IReadOnlyList<Area> BuurtenOf(AreaRef areaRef)
    {
        var result = new List<Area>();
        Collect(Get(areaRef));
        return result;

        void Collect(Area area)
        {
            if (area.Level == Level.Buurt)
            {
                result.Add(area);
                return;
            }

            foreach (var child in Children(area.Ref)) Collect(child);
        }
    }

    /// <summary>Buurten of the same division whose boundary touches this area's.</summary>
    public IReadOnlyList<Area> Neighbours(Area area)
    {
        if (area.Geometry is null) return [];
        var probe = area.Geometry.Buffer(0.00005); // ~4 m, so shared edges that do not quite coincide still count
        return OfLevel(Level.Buurt, area.Division)
            .Where(b => b.Ref != area.Ref && b.Geometry is not null && probe.Intersects(b.Geometry))
            .ToList();
    }

    /// <summary>
    /// Merges the records of every boundary file. The first record with a name gives the name; of the parents
    /// the records name, the nearest (lowest level) wins, so a lookup that knows the gebied beats a map that
    /// only knows the stadsdeel; geometry comes from whichever file has it; gebieden, stadsdelen and the
    /// gemeente without geometry are dissolved from their parts of the same division.
    /// </summary>
    public static AreaRegistry Build(IEnumerable<AreaRecord> records)
    {
        var merged = new Dictionary<AreaRef, AreaRecord>();
        var parents = new Dictionary<AreaRef, List<AreaRef>>();
        foreach (var record in records)
        {
            if (record.Parent is { } p)
            {
                if (!parents.TryGetValue(record.Ref, out var list)) parents[record.Ref] = list = [];
                if (!list.Contains(p)) list.Add(p);
            }

            if (!merged.TryGetValue(record.Ref, out var existing))
            {
                merged[record.Ref] = record;
                continue;
            }

            if (existing.Geometry is null && record.Geometry is not null) existing = existing with { Geometry = record.Geometry };
            if (existing.Name.Length == 0 && record.Name.Length > 0) existing = existing with { Name = record.Name };
            if (existing.CbsCode is null && record.CbsCode is not null) existing = existing with { CbsCode = record.CbsCode };
            merged[record.Ref] = existing;
        }

        foreach (var (areaRef, candidates) in parents)
        {
            var nearest = candidates.Where(merged.ContainsKey).OrderBy(c => merged[c].Level).FirstOrDefault();
            if (candidates.Count > 1 && merged.ContainsKey(nearest)) merged[areaRef] = merged[areaRef] with { Parent = nearest };
        }

        // Dissolve missing geometries bottom-up: gebied from its wijken (or buurten), stadsdeel and gemeente likewise.
        foreach (var level in new[] { Level.Wijk, Level.Gebied, Level.Stadsdeel, Level.Gemeente })
        {
            var groups = merged.Values.Where(r => r.Geometry is not null && r.Parent is { } p && p.Division == r.Ref.Division && (int)r.Level < (int)level)
                .GroupBy(r => r.Parent!.Value)
                .Where(g => merged.TryGetValue(g.Key, out var parent) && parent.Level == level && parent.Geometry is null)
                .OrderBy(g => g.Key.Code, StringComparer.Ordinal)
                .ToList();

            // Each union stands alone (and is the slowest part of reading the boundaries): done on all cores.
            var unions = ParallelWork.Map(groups, g => Geo.Union(g.OrderBy(r => r.Ref.Code, StringComparer.Ordinal).Select(r => r.Geometry!)));
            foreach (var (group, union) in groups.Zip(unions)) merged[group.Key] = merged[group.Key] with { Geometry = union };
        }

        var areas = merged.Values.ToDictionary(
            r => r.Ref,
            r => new Area(r.Ref, r.CbsCode, r.Name.Length > 0 ? r.Name : r.Ref.Code, r.Level, r.Parent, r.Geometry, r.Geometry is null ? null : Math.Round(Geo.AreaM2(r.Geometry)))
            {
                // The gemeente and Nederland are not part of the city's divisions: their validity is not the division's.
                ValidFrom = r.Level < Level.Gemeente ? r.Ref.Division.ValidFrom() : null,
                ValidUntil = r.Level < Level.Gemeente ? r.Ref.Division.ValidUntil() : null,
            });
        return new AreaRegistry(areas);
    }

    /// <summary>
    /// The areas of another division that overlap this one, with the share of this area's surface that lies
    /// in each (largest first). How the 2015 buurt F78a relates to FB08: about 0.999 of FB08 lies in F78a.
    /// </summary>
    public IReadOnlyList<(Area Area, double Share)> Overlaps(Area area, Division other, Level? level = null)
    {
        if (area.Geometry is null || area.AreaM2 is not > 0) return [];
        var own = Geo.ToLocalMetres(area.Geometry);
        var result = new List<(Area, double)>();
        foreach (var candidate in All.Where(a => a.Division == other && a.Level == (level ?? area.Level) && a.Geometry is not null))
        {
            if (!candidate.Geometry!.EnvelopeInternal.Intersects(area.Geometry.EnvelopeInternal)) continue;
            var shared = own.Intersection(Geo.ToLocalMetres(candidate.Geometry)).Area;
            if (shared > 0) result.Add((candidate, shared / own.Area));
        }

        return result.OrderByDescending(r => r.Item2).ThenBy(r => r.Item1.Code, StringComparer.Ordinal).ToList();
    }

    public Geometry? GeometryOf(AreaRef areaRef) => Find(areaRef)?.Geometry;
}
