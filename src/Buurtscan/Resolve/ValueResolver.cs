using System.Collections.Concurrent;
using Buurtscan.Areas;
using Buurtscan.Catalogue;
using Buurtscan.Domain;
using Buurtscan.Import;

namespace Buurtscan.Resolve;

/// <summary>Disclosure thresholds applied to everything buurtscan computes itself (documented in the chapter's Verantwoording).</summary>
public sealed record DisclosureRules(int MinDenominatorForShare, int MinCountForComputed)
{
    /// <summary>
    /// No share on fewer than 50 persons (with CBS's rounding to 5 such a share could be off by 10 points or
    /// more), and no computed count under 10, the smallest number CBS shows for a buurt.
    /// </summary>
    public static DisclosureRules Default { get; } = new(50, 10);
}

/// <summary>A value of one indicator for one area and year, with how it came about.</summary>
public readonly record struct Resolved(double? Value, FigureStatus Status, string Rule, IReadOnlyList<SourceRef> Sources)
{
    public bool HasValue => Value is not null;

    public static Resolved None(FigureStatus status, string rule = "") => new(null, status, rule, []);
}

/// <summary>
/// Finds the value of any indicator for any area and year: published, recomputed from its numerator and
/// denominator, aggregated from the area's parts, or estimated from the 2015 division. Shared (and
/// thread-safe) across all scans of one data set, so `build --all` computes every value once.
/// </summary>
public sealed class ValueResolver
{
    private readonly ConcurrentDictionary<(string Indicator, AreaRef Area, int Year, bool Estimate), Resolved> cache = new();
    private readonly ConcurrentDictionary<string, int[]> years = new();

    public ValueResolver(DataSet data, DisclosureRules? rules = null)
    {
        Data = data;
        Rules = rules ?? DisclosureRules.Default;
        Index = new ObservationIndex(data.Observations);
        BoundaryChange = new BoundaryChange(data.Registry);
    }

    public DataSet Data { get; }
    public DisclosureRules Rules { get; }
    public ObservationIndex Index { get; }
    public BoundaryChange BoundaryChange { get; }
    public AreaRegistry Registry => Data.Registry;
    public IndicatorCatalogue Catalogue => Data.Catalogue;

    /// <summary>Every year in which the indicator (or, for a ratio, its numerator) has a value anywhere, newest first.</summary>
    public IReadOnlyList<int> YearsOf(Indicator indicator) => years.GetOrAdd(indicator.Id, _ =>
    {
        var found = Index.YearsWithValue(indicator.Id).AsEnumerable();
        if (indicator.IsRatio) found = found.Concat(Index.YearsWithValue(indicator.Numerator!));
        return found.Distinct().OrderDescending().ToArray();
    });

    /// <summary>The value, estimated from the 2015 division where the 2022 division has none.</summary>
    public Resolved ValueOf(Indicator indicator, AreaRef area, int year) => ValueOf(indicator, area, year, estimate: true);

    /// <summary>The value as published or computed from published figures of the area's own division, never estimated.</summary>
    public Resolved PublishedValueOf(Indicator indicator, AreaRef area, int year) => ValueOf(indicator, area, year, estimate: false);

    /// <summary>The values worked out so far (none of single buurten), for <see cref="ValueCache"/>.</summary>
    internal IEnumerable<KeyValuePair<(string Indicator, AreaRef Area, int Year, bool Estimate), Resolved>> Remembered => cache;

    /// <summary>A value worked out by an earlier run on the same data (see <see cref="ValueCache"/>).</summary>
    internal void Remember((string Indicator, AreaRef Area, int Year, bool Estimate) key, Resolved value) => cache.TryAdd(key, value);

    private Resolved ValueOf(Indicator indicator, AreaRef area, int year, bool estimate)
    {
        // A buurt's value is cheap to compute again (a lookup, a division, a few overlaps) and wanted by few
        // scans; caching it too would make memory grow with the number of buurten (gigabytes for the country).
        if (Registry.Find(area)?.Level == Level.Buurt) return Compute(indicator, area, year, estimate);
        return cache.TryGetValue((indicator.Id, area, year, estimate), out var hit)
            ? hit
            : cache.GetOrAdd((indicator.Id, area, year, estimate), Compute(indicator, area, year, estimate));
    }

    private Resolved Compute(Indicator indicator, AreaRef areaRef, int year, bool estimate)
    {
        var published = Index.Get(indicator.Id, areaRef, year);
        if (published is { Value: not null })
        {
            return new Resolved(published.Value, FigureStatus.Ok, "gepubliceerd", [published.Source]);
        }

        // A value the source withheld is never rebuilt from other figures: that would undo its disclosure control.
        if (published is not null && published.Status is Status.Suppressed)
        {
            return Resolved.None(FigureStatus.Suppressed, "geheim bij de bron");
        }

        if (indicator.IsRatio)
        {
            var ratio = FromNumeratorAndDenominator(indicator, areaRef, year, estimate);
            if (ratio.HasValue || published is null || ratio.Status == FigureStatus.Suppressed) return ratio;
        }

        if (published is not null)
        {
            return Resolved.None(ToFigureStatus(published.Status));
        }

        var area = Registry.Find(areaRef);
        if (area is null) return Resolved.None(FigureStatus.Missing);

        // Parts are summed from what their own division published; an estimate is made at the area's own level
        // (a 2022 stadsdeel from the 2015 stadsdelen), never by estimating hundreds of buurten and adding them up.
        var fromParts = indicator.IsRatio ? Resolved.None(FigureStatus.Missing) : FromParts(indicator, area, year);
        if (fromParts.HasValue || fromParts.Status == FigureStatus.Suppressed || !estimate) return fromParts;

        var estimated = FromOldDivision(indicator, area, year);
        return estimated.HasValue ? estimated : fromParts;
    }

    private Resolved FromNumeratorAndDenominator(Indicator indicator, AreaRef area, int year, bool estimate)
    {
        var numerator = ValueOf(Catalogue.Get(indicator.Numerator!), area, year, estimate);
        var denominator = ValueOf(Catalogue.Get(indicator.Denominator!), area, year, estimate);
        if (numerator.Value is not { } n || denominator.Value is not { } d)
        {
            var missing = numerator.HasValue ? denominator : numerator;
            return Resolved.None(missing.Status == FigureStatus.Suppressed ? FigureStatus.Suppressed : FigureStatus.Missing);
        }

        var sources = SourceRef.Merge(numerator.Sources.Concat(denominator.Sources));
        if (d < Rules.MinDenominatorForShare)
        {
            return new Resolved(null, FigureStatus.Suppressed, $"onderdrukt: noemer ({indicator.Denominator}) kleiner dan {Rules.MinDenominatorForShare}", sources);
        }

        var value = Aggregation.Ratio(n, d, Aggregation.ScaleOf(indicator.Unit));
        var status = Aggregation.Combine(Aggregation.Combine(numerator.Status, denominator.Status), FigureStatus.Computed);
        var rule = status == FigureStatus.Estimated
            ? $"geschat: {indicator.Numerator} / {indicator.Denominator}, uit geschatte aantallen"
            : $"berekend: {indicator.Numerator} / {indicator.Denominator}";
        return new Resolved(value, status, rule, sources);
    }

    /// <summary>A count summed over the area's children, or a mean weighted by the children's base, from published figures only.</summary>
    private Resolved FromParts(Indicator indicator, Area area, int year)
    {
        var children = Registry.Children(area.Ref).Where(c => c.Level != Level.Land).ToList();
        if (children.Count == 0) return Resolved.None(FigureStatus.Missing);
        switch (indicator.Kind)
        {
            case IndicatorKind.Count:
                {
                    var parts = children.Select(c => PublishedValueOf(indicator, c.Ref, year)).ToList();
                    var (value, status, reason) = Aggregation.SumCounts(parts.Select(p => new Aggregation.Part(p.Value, p.Status, 1)).ToList());
                    if (value is null) return Resolved.None(status, reason ?? "");
                    if (value < Rules.MinCountForComputed) return Resolved.None(FigureStatus.Suppressed, $"onderdrukt: berekend aantal kleiner dan {Rules.MinCountForComputed}");
                    return new Resolved(value, Aggregation.Combine(status, FigureStatus.Computed),
                        $"som van {children.Count} {PluralOf(children[0].Level)}", SourceRef.Merge(parts.SelectMany(p => p.Sources)));
                }

            // A share published without its numerator is aggregated through its base: share × base is the numerator.
            case IndicatorKind.Mean or IndicatorKind.Share or IndicatorKind.Rate when indicator.Denominator is not null:
                {
                    var weight = Catalogue.Get(indicator.Denominator);
                    var parts = children.Select(c => (Mean: PublishedValueOf(indicator, c.Ref, year), Base: PublishedValueOf(weight, c.Ref, year))).ToList();
                    if (parts.Any(p => !p.Mean.HasValue || !p.Base.HasValue)) return Resolved.None(FigureStatus.Missing, "niet voor alle delen bekend");
                    var mean = Aggregation.WeightedMean(parts.Select(p => (p.Mean.Value!.Value, p.Base.Value!.Value)).ToList());
                    return mean is null
                        ? Resolved.None(FigureStatus.Missing)
                        : new Resolved(mean, FigureStatus.Computed, $"gewogen gemiddelde van {children.Count} {PluralOf(children[0].Level)} (gewicht: {weight.Id})",
                            SourceRef.Merge(parts.SelectMany(p => p.Mean.Sources.Concat(p.Base.Sources))));
                }

            default:
                return Resolved.None(FigureStatus.Missing, "niet op te tellen uit delen");
        }
    }

    /// <summary>An estimate for a 2022 area from the 2015 areas of the same level that overlap it.</summary>
    private Resolved FromOldDivision(Indicator indicator, Area area, int year)
    {
        var overlaps = BoundaryChange.OverlapsOf(area);
        if (overlaps.Count == 0) return Resolved.None(FigureStatus.Missing);
        if (indicator.Kind == IndicatorKind.Count)
        {
            var parts = overlaps.Select(o => (o, v: ValueOf(indicator, o.Old.Ref, year))).ToList();
            if (parts.Any(p => !p.v.HasValue)) return Resolved.None(FigureStatus.Missing);
            var value = parts.Sum(p => p.v.Value!.Value * p.o.Weight);
            if (value < Rules.MinCountForComputed) return Resolved.None(FigureStatus.Suppressed, $"onderdrukt: geschat aantal kleiner dan {Rules.MinCountForComputed}");
            return new Resolved(value, FigureStatus.Estimated,
                "geschat uit indeling 2015: " + string.Join(" + ", parts.Select(p => $"{Weight(p.o.Weight)} × {p.o.Old.Code}")),
                SourceRef.Merge(parts.SelectMany(p => p.v.Sources)));
        }

        // A share, mean or score cannot be spread over surface; it carries over only from an old area that covers almost all of the new one.
        var main = overlaps[0];
        if (main.Coverage < 0.9) return Resolved.None(FigureStatus.Missing, "geen oud gebied dat dit gebied grotendeels bedekt");
        var old = ValueOf(indicator, main.Old.Ref, year);
        return old.HasValue
            ? new Resolved(old.Value, FigureStatus.Estimated, $"geschat uit indeling 2015: waarde van {main.Old.Code}, dat {Weight(main.Coverage)} van dit gebied bedekt", old.Sources)
            : Resolved.None(FigureStatus.Missing);
    }

    private static string Weight(double w) => (w * 100).ToString("0.#", DutchText.Numbers) + "%";

    private static string PluralOf(Level level) => level switch
    {
        Level.Buurt => "buurten",
        Level.Wijk => "wijken",
        Level.Gebied => "gebieden",
        Level.Stadsdeel => "stadsdelen",
        _ => "delen",
    };

    public static FigureStatus ToFigureStatus(Status? status) => status switch
    {
        Status.Suppressed => FigureStatus.Suppressed,
        Status.Later => FigureStatus.Later,
        Status.NotAtLevel => FigureStatus.NotAtLevel,
        _ => FigureStatus.Missing,
    };
}
