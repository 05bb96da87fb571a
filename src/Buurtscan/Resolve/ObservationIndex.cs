using Buurtscan.Domain;

namespace Buurtscan.Resolve;

/// <summary>Observations by indicator and area, each series sorted by year, for constant-time lookups while resolving.</summary>
public sealed class ObservationIndex
{
    private readonly Dictionary<(string Indicator, AreaRef Area), Observation[]> series;

    public ObservationIndex(IEnumerable<Observation> observations)
    {
        series = observations
            .GroupBy(o => (o.IndicatorId, o.Area))
            .ToDictionary(g => g.Key, g => g.OrderBy(o => o.Year).ToArray());
    }

    public IReadOnlyList<Observation> Series(string indicator, AreaRef area) =>
        series.TryGetValue((indicator, area), out var list) ? list : [];

    public Observation? Get(string indicator, AreaRef area, int year)
    {
        foreach (var o in Series(indicator, area))
        {
            if (o.Year == year) return o;
        }

        return null;
    }
}
