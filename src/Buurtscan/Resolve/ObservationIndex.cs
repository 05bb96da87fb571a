using Buurtscan.Domain;

namespace Buurtscan.Resolve;

/// <summary>Observations by indicator and area, each series sorted by year, for constant-time lookups while resolving.</summary>
public sealed class ObservationIndex
{
    private readonly Dictionary<(string Indicator, AreaRef Area), Observation[]> series;
    private readonly Dictionary<string, HashSet<int>> yearsWithValue = new(StringComparer.Ordinal);

    public ObservationIndex(IReadOnlyCollection<Observation> observations)
    {
        // One pass that groups the series and notes, per indicator, the years with a value anywhere: asking the
        // second for each indicator by scanning every observation was the costliest part of resolving a scan.
        var grouped = new Dictionary<(string, AreaRef), List<Observation>>(observations.Count / 4);
        foreach (var o in observations)
        {
            var key = (o.IndicatorId, o.Area);
            if (!grouped.TryGetValue(key, out var list)) grouped[key] = list = new List<Observation>(4);
            list.Add(o);
            if (o.Value is null) continue;
            if (!yearsWithValue.TryGetValue(o.IndicatorId, out var years)) yearsWithValue[o.IndicatorId] = years = [];
            years.Add(o.Year);
        }

        series = new Dictionary<(string, AreaRef), Observation[]>(grouped.Count);
        foreach (var (key, list) in grouped) series[key] = [.. list.OrderBy(o => o.Year)];
    }

    public IReadOnlyList<Observation> Series(string indicator, AreaRef area) =>
        series.TryGetValue((indicator, area), out var list) ? list : [];

    /// <summary>The years in which the indicator has a value for some area (unordered).</summary>
    public IReadOnlyCollection<int> YearsWithValue(string indicator) =>
        yearsWithValue.TryGetValue(indicator, out var years) ? years : [];

    public Observation? Get(string indicator, AreaRef area, int year)
    {
        foreach (var o in Series(indicator, area))
        {
            if (o.Year == year) return o;
        }

        return null;
    }
}
