using Buurtscan.Areas;
using Buurtscan.Domain;

namespace Buurtscan.Import;

/// <summary>
/// Resolves the region names of a StatLine export without a code column against the registry. A name is used
/// only when exactly one area fits it; anything else is reported, never guessed. What fits is decided by the
/// name, the region type where the export has one, and StatLine's order: every region appears once, and
/// buurten are listed directly under their wijk. So when a wijk and one of its own buurten share a name
/// (Betondorp, Frankendael, Kadoelen) the first row is the wijk and the next the buurt, and a name that
/// matches a buurt elsewhere in the city is not taken for that buurt.
/// </summary>
public sealed class AreaNames
{
    private readonly Dictionary<string, List<Area>> byName = new(StringComparer.Ordinal);

    public AreaNames(AreaRegistry registry, Division division)
    {
        foreach (var area in registry.All.Where(a => a.Division == division && a.Level is Level.Buurt or Level.Wijk or Level.Stadsdeel))
        {
            var key = AreaFinder.Normalise(area.Name);
            if (!byName.TryGetValue(key, out var list)) byName[key] = list = [];
            list.Add(area);
        }
    }

    /// <summary>One row's region: its name and, where the export has it, its region type ("Wijk", "Buurt", "Gemeente").</summary>
    public readonly record struct Row(string Name, string? RegionType, int Line);

    /// <summary>The outcome for one row: the area, or why there is none.</summary>
    public readonly record struct Resolution(AreaRef? Area, string? Problem);

    /// <summary>Resolves the rows in their order (the order is part of the evidence). Nederland and Amsterdam give no result: see <see cref="Special"/>.</summary>
    public IReadOnlyList<Resolution> Resolve(IReadOnlyList<Row> rows)
    {
        var result = new Resolution[rows.Count];
        var used = new HashSet<AreaRef>();
        AreaRef? currentWijk = null;
        for (var i = 0; i < rows.Count; i++)
        {
            var (name, type, line) = rows[i];
            var candidates = Candidates(name, type);
            if (candidates is null) continue;
            if (candidates.Count == 0)
            {
                result[i] = new Resolution(null, $"line {line}: no area of the registry is called '{name}'");
                continue;
            }

            var fitting = candidates.Where(c => !used.Contains(c.Ref) && (c.Level != Level.Buurt || c.Parent == currentWijk)).ToList();
            if (fitting.Count == 1)
            {
                var area = fitting[0];
                result[i] = new Resolution(area.Ref, null);
                used.Add(area.Ref);
                if (area.Level == Level.Wijk) currentWijk = area.Ref;
                continue;
            }

            var names = string.Join(", ", candidates.Select(c => $"{c.Level.Dutch()} {c.Code}"));
            result[i] = new Resolution(null, fitting.Count == 0
                ? $"line {line}: '{name}' names {names}, which does not fit here (StatLine lists each buurt once, under its own wijk)"
                : $"line {line}: '{name}' is ambiguous ({names})");
        }

        return result;
    }

    private List<Area>? Candidates(string name, string? regionType)
    {
        var key = AreaFinder.Normalise(name);
        if (key is "nederland" or "amsterdam") return null;
        var level = regionType is null ? null : LevelNames.Parse(regionType);
        if (key.StartsWith("stadsdeel", StringComparison.Ordinal) && key.Length > 9)
        {
            // The table layout names the stadsdelen "Stadsdeel Centrum".
            return byName.TryGetValue(key[9..], out var sd) ? sd.Where(a => a.Level == Level.Stadsdeel).ToList() : [];
        }

        if (!byName.TryGetValue(key, out var list)) return [];
        return list.Where(a => a.Level != Level.Stadsdeel && (level is null || a.Level == level)).ToList();
    }

    /// <summary>The areas for the special names every StatLine region list has.</summary>
    public static AreaRef? Special(string name) => AreaFinder.Normalise(name) switch
    {
        "nederland" => CbsCodes.Nederland,
        "amsterdam" => BoundaryReaders.Amsterdam,
        _ => null,
    };
}
