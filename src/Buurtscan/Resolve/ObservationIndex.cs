using Buurtscan.Domain;

namespace Buurtscan.Resolve;

/// <summary>Observations by indicator and area, each series sorted by year, for constant-time lookups while resolving.</summary>
public sealed class ObservationIndex
{
    private static readonly Dictionary<AreaRef, Observation[]> NoSeries = [];

    private readonly Dictionary<string, Dictionary<AreaRef, Observation[]>> series;
    private readonly Dictionary<string, HashSet<int>> yearsWithValue;

    public ObservationIndex(IReadOnlyCollection<Observation> observations)
    {
        // First by indicator (one cheap pass), then each indicator's series and the years with a value anywhere
        // on all cores: building the index is the one step of a scan that cannot wait for anything else.
        var byIndicator = new Dictionary<string, List<Observation>>(StringComparer.Ordinal);
        foreach (var o in observations)
        {
            if (!byIndicator.TryGetValue(o.IndicatorId, out var list)) byIndicator[o.IndicatorId] = list = [];
            list.Add(o);
        }

        var ids = byIndicator.Keys.ToList();
        var built = ParallelWork.Map(ids, id => Build(byIndicator[id]));
        series = new Dictionary<string, Dictionary<AreaRef, Observation[]>>(ids.Count, StringComparer.Ordinal);
        yearsWithValue = new Dictionary<string, HashSet<int>>(ids.Count, StringComparer.Ordinal);
        foreach (var (id, (bySeries, years)) in ids.Zip(built))
        {
            series[id] = bySeries;
            if (years.Count > 0) yearsWithValue[id] = years;
        }
    }

    private static (Dictionary<AreaRef, Observation[]> Series, HashSet<int> Years) Build(List<Observation> observations)
    {
        var grouped = new Dictionary<AreaRef, List<Observation>>();
        var years = new HashSet<int>();
        foreach (var o in observations)
        {
            if (!grouped.TryGetValue(o.Area, out var list)) grouped[o.Area] = list = new List<Observation>(4);
            list.Add(o);
            if (o.Value is not null) years.Add(o.Year);
        }

        var result = new Dictionary<AreaRef, Observation[]>(grouped.Count);
        foreach (var (area, list) in grouped) result[area] = ByYear(list);
        return (result, years);
    }

    /// <summary>The series in year order; stable (an insertion sort: a series has a few dozen years at most, mostly in order already).</summary>
    private static Observation[] ByYear(List<Observation> list)
    {
        var array = list.ToArray();
        for (var i = 1; i < array.Length; i++)
        {
            var item = array[i];
            var j = i - 1;
            while (j >= 0 && array[j].Year > item.Year)
            {
                array[j + 1] = array[j];
                j--;
            }

            array[j + 1] = item;
        }

        return array;
    }

    public IReadOnlyList<Observation> Series(string indicator, AreaRef area) =>
        series.GetValueOrDefault(indicator, NoSeries).TryGetValue(area, out var list) ? list : [];

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
