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
            if (area.Parent is { } parent)
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
    /// Merges the records of every boundary file. The first record of an area gives its name and parent;
    /// geometry comes from whichever file has it; gebieden and the gemeente are dissolved from their parts.
    /// </summary>
    public static AreaRegistry Build(IEnumerable<AreaRecord> records)
    {
        var merged = new Dictionary<AreaRef, AreaRecord>();
        foreach (var record in records)
        {
            if (!merged.TryGetValue(record.Ref, out var existing))
            {
                merged[record.Ref] = record;
            }
            else if (existing.Geometry is null && record.Geometry is not null)
            {
                merged[record.Ref] = existing with { Geometry = record.Geometry };
            }
        }

        // Dissolve missing geometries bottom-up: gebied from its wijken (or buurten), stadsdeel and gemeente likewise.
        foreach (var level in new[] { Level.Wijk, Level.Gebied, Level.Stadsdeel, Level.Gemeente })
        {
            var parts = merged.Values.Where(r => r.Geometry is not null && r.Parent is not null && (int)r.Level < (int)level)
                .GroupBy(r => r.Parent!.Value);
            foreach (var group in parts.OrderBy(g => g.Key.Code, StringComparer.Ordinal))
            {
                if (merged.TryGetValue(group.Key, out var parent) && parent.Level == level && parent.Geometry is null)
                {
                    merged[group.Key] = parent with { Geometry = Geo.Union(group.OrderBy(r => r.Ref.Code, StringComparer.Ordinal).Select(r => r.Geometry!)) };
                }
            }
        }

        var areas = merged.Values.ToDictionary(
            r => r.Ref,
            r => new Area(r.Ref, r.CbsCode, r.Name, r.Level, r.Parent, r.Geometry, r.Geometry is null ? null : Math.Round(Geo.AreaM2(r.Geometry))));
        return new AreaRegistry(areas);
    }

    public Geometry? GeometryOf(AreaRef areaRef) => Find(areaRef)?.Geometry;
}
