using System.Collections.Concurrent;
using System.Globalization;
using Buurtscan.Areas;
using Buurtscan.Catalogue;
using Buurtscan.Domain;

namespace Buurtscan.Resolve;

/// <summary>The normalisation stage: every indicator of the profile at the lowest scale that has it, compared and classified.</summary>
public sealed class Resolver(ValueResolver values, double strengthThresholdSd = Resolver.DefaultStrengthThresholdSd)
{
    public const string SchemaVersion = "2";

    /// <summary>
    /// A buurt differs notably from the city when it lies at least one standard deviation of the buurt
    /// distribution away from the city's value, the convention of OIS Amsterdam's area profiles.
    /// </summary>
    public const double DefaultStrengthThresholdSd = 1.0;

    /// <summary>A figure this many years older than the newest figure of the scan is listed as stale.</summary>
    public const int StaleAfterYears = 3;

    private readonly ConcurrentDictionary<(string Indicator, int Year), BuurtDistribution?> distributions = new();

    internal sealed record BuurtDistribution(double[] Sorted, double Mean, double Sd);

    /// <summary>How much the resolver has worked out about the city (values, distributions, overlaps): grows when a scan adds to it.</summary>
    internal int RememberedCount => values.Remembered.Count() + distributions.Count + values.BoundaryChange.Remembered.Count();

    /// <summary>The value lookups this resolver shares between scans.</summary>
    internal ValueResolver Values => values;

    /// <summary>The buurt distributions worked out so far, for <see cref="ValueCache"/>.</summary>
    internal IEnumerable<KeyValuePair<(string Indicator, int Year), BuurtDistribution?>> Distributions => distributions;

    /// <summary>A distribution worked out by an earlier run on the same data (see <see cref="ValueCache"/>).</summary>
    internal void Remember((string Indicator, int Year) key, BuurtDistribution? distribution) => distributions.TryAdd(key, distribution);

    public static Scan Resolve(Import.DataSet data, FocusTarget focus, ScanProfile profile, string toolVersion) =>
        new Resolver(new ValueResolver(data)).Resolve(focus, profile, toolVersion);

    public Scan Resolve(FocusTarget focus, ScanProfile profile, string toolVersion)
    {
        var registry = values.Registry;
        var chain = ChainOf(focus);
        var themes = new List<ThemeSection>();
        var gaps = new List<Gap>();
        var usedFiles = new SortedSet<string>(StringComparer.Ordinal);

        // The figures do not depend on each other (the shared value cache is thread-safe): resolved on all cores,
        // then taken in the profile's order.
        var ids = profile.Themes.SelectMany(t => t.Indicators).Distinct(StringComparer.Ordinal).ToList();
        var resolved = ids.Zip(ParallelWork.Map(ids, id => ResolveFigure(values.Catalogue.Get(id), focus, chain)))
            .ToDictionary(x => x.First, x => x.Second, StringComparer.Ordinal);
        foreach (var theme in profile.Themes)
        {
            var figures = new List<Figure>();
            foreach (var id in theme.Indicators)
            {
                var indicator = values.Catalogue.Get(id);
                var figure = resolved[id] with { Theme = theme.Id, Key = theme.KeyIndicators.Contains(id) };
                figures.Add(figure);
                foreach (var s in figure.Sources) usedFiles.Add(s);
                // One line per indicator, with the reason that matters most.
                if (figure.Value is null || figure.Level != focus.Level)
                {
                    gaps.Add(new Gap(indicator.Id, indicator.Label, theme.Title, figure.Value is null ? null : figure.Level, figure.Reason ?? "geen gegevens"));
                }
                else if (figure.Status == FigureStatus.Estimated)
                {
                    gaps.Add(new Gap(indicator.Id, indicator.Label, theme.Title, figure.Level, figure.Rule));
                }
            }

            themes.Add(new ThemeSection(theme.Id, theme.Title, figures));
        }

        // A figure several years older than the newest in the scan is stale: say so, it may no longer describe the buurt.
        var newest = themes.SelectMany(t => t.Figures).Select(f => f.Year ?? 0).DefaultIfEmpty(0).Max();
        foreach (var (theme, figure) in themes.SelectMany(t => t.Figures.Select(f => (t, f)))
            .Where(x => x.f.Year is { } y && y <= newest - StaleAfterYears && !gaps.Any(g => g.IndicatorId == x.f.IndicatorId)))
        {
            gaps.Add(new Gap(figure.IndicatorId, figure.Label, theme.Title, figure.Level, $"verouderd: het nieuwste cijfer is van {figure.Year}, de scan loopt tot {newest}"));
        }

        var boundaryFiles = values.Data.Sources.Where(s => s.Publisher.StartsWith("Gemeente Amsterdam", StringComparison.Ordinal) && s.Table.StartsWith("Gebiedsindeling", StringComparison.Ordinal));
        var sources = values.Data.Sources.Where(s => usedFiles.Contains(s.Path)).Concat(boundaryFiles).DistinctBy(s => s.Path)
            .OrderBy(s => s.Path, StringComparer.Ordinal)
            .Select(s => new ScanSource(s.Path, s.Sha256, s.Format, s.Table, s.Publisher, s.Licence, s.ReferenceDate))
            .ToList();

        var focusArea = new FocusArea(focus.Code, focus.CbsCode, focus.Name, AreaFinder.Slug(focus.Name), focus.Level, focus.AreaM2,
            chain.Select(a => new ChainLink(a.Level, a.Code, a.CbsCode, a.Name)).ToList(),
            focus.Parts.Select(p => new FocusPart(p.Buurt.Code, registry.Find(p.Buurt)?.Name ?? p.Buurt.Code, Math.Round(p.Weight, 4))).ToList(),
            focus.Definition);
        return new Scan(SchemaVersion, toolVersion, values.Data.IsExampleData, focusArea, themes, gaps, sources, WeightsOf(focus, chain),
            new Method(strengthThresholdSd, values.Rules.MinDenominatorForShare, values.Rules.MinCountForComputed, "Amsterdam = 100",
                $"sterk punt of aandachtspunt bij ten minste {strengthThresholdSd.ToString(DutchText.Numbers)} standaardafwijking (van de spreiding over alle buurten) van de Amsterdamse waarde, in de richting die de indicator als beter of slechter aanmerkt; aantallen en neutrale indicatoren worden niet ingedeeld",
                $"aandelen op minder dan {values.Rules.MinDenominatorForShare} personen en berekende aantallen onder {values.Rules.MinCountForComputed} worden niet getoond; een door de bron geheimgehouden cijfer wordt nooit uit andere cijfers teruggerekend; wie een buurt op een kaart ziet naast het wijktotaal, ziet ook de kleinste buurt van de wijk onderdrukt wanneer er precies één buurt geheim is"));
    }

    /// <summary>The focus area and every higher level, as areas of the registry (a custom area's chain starts at its parent).</summary>
    private List<Area> ChainOf(FocusTarget focus)
    {
        var start = focus.Area ?? focus.Parent;
        var chain = start is null ? [] : values.Registry.Chain(start.Value).ToList();
        if (focus.IsCustom)
        {
            chain.Insert(0, new Area(new AreaRef(Division.Indeling2022, focus.Code), focus.CbsCode, focus.Name, focus.Level, focus.Parent, focus.Geometry, focus.AreaM2));
        }

        return chain;
    }

    private Resolved ValueAt(Indicator indicator, FocusTarget focus, Area area, int year) =>
        focus.IsCustom && area.Code == focus.Code && area.Division == Division.Indeling2022 && values.Registry.Find(area.Ref) is null
            ? CustomValue(indicator, focus, year)
            : values.ValueOf(indicator, area.Ref, year);

    private Figure ResolveFigure(Indicator indicator, FocusTarget focus, IReadOnlyList<Area> chain)
    {
        Resolved? chosen = null;
        Area? chosenArea = null;
        int? year = null;
        var notLower = new List<string>();
        var allYears = values.YearsOf(indicator);

        // The newest year with any value in the chain; the lowest level that has it that year.
        foreach (var y in allYears)
        {
            var reasons = new List<string>();
            foreach (var area in chain)
            {
                var r = ValueAt(indicator, focus, area, y);
                if (r.HasValue)
                {
                    chosen = r;
                    chosenArea = area;
                    break;
                }

                reasons.Add($"{area.Level.Dutch()}: {Explain(r)}");
            }

            if (chosen is not null)
            {
                year = y;
                notLower = reasons;
                if (allYears.Count > 0 && y < allYears[0]) notLower.Add($"het nieuwste jaar ({allYears[0]}) is er nog niet voor dit gebied");
                break;
            }
        }

        if (chosen is null && NoCommonYear(indicator, focus, chain[0]) is { } why) notLower = [why];

        var comparisons = new List<Comparison>();
        foreach (var area in chain)
        {
            var r = year is { } yy ? ValueAt(indicator, focus, area, yy) : Resolved.None(FigureStatus.Missing);
            comparisons.Add(new Comparison(area.Level, area.Code, area.Name, r.Value, r.Status, r.HasValue && r.Status != FigureStatus.Ok ? r.Rule : null));
        }

        if (year is { } refYear && values.Registry.Find(Import.CbsCodes.Nederland) is { } nl)
        {
            var r = values.ValueOf(indicator, nl.Ref, refYear);
            if (r.HasValue) comparisons.Add(new Comparison(Level.Land, nl.Code, nl.Name, r.Value, r.Status, null));
        }

        var city = comparisons.FirstOrDefault(c => c.Level == Level.Gemeente)?.Value;
        double? index = null;
        // An index needs a ratio scale: not for counts (they depend on size) nor for scores and indices, which can be negative or have an arbitrary zero.
        // Nor where the figure is the city's own: Amsterdam against itself is always 100, which would read as a buurt at the city's level.
        if (chosen?.Value is { } v && city is { } c && c > 0 && v >= 0 && chosenArea?.Level is not (Level.Gemeente or Level.Land)
            && indicator.Kind is IndicatorKind.Share or IndicatorKind.Rate or IndicatorKind.Mean or IndicatorKind.Median)
        {
            index = Math.Round(v / c * 100, 1);
        }

        var atFocus = chosenArea is not null && chosenArea.Code == focus.Code;
        var ranking = atFocus && year is { } ry && focus.Level == Level.Buurt && chosen?.Value is { } fv ? RankAmongBuurten(indicator, ry, fv) : null;
        var series = chosenArea is null ? [] : SeriesOf(indicator, focus, chosenArea, allYears);
        var gemeente = chain.FirstOrDefault(a => a.Level == Level.Gemeente);
        var citySeries = gemeente is null ? [] : SeriesOf(indicator, focus, gemeente, allYears);
        var (classification, note) = Classify(indicator, chosen?.Value, city, ranking, atFocus);

        return new Figure(
            indicator.Id,
            indicator.Label,
            indicator.Unit,
            indicator.Kind,
            indicator.Direction,
            year,
            chosen?.Value,
            chosen?.Status ?? (comparisons.Count > 0 ? comparisons[0].Status : FigureStatus.Missing),
            chosenArea?.Level,
            chosenArea?.Code,
            chosenArea?.Name,
            notLower.Count == 0 ? null : string.Join("; ", notLower),
            chosen?.Rule ?? "geen waarde",
            index,
            comparisons,
            chosen?.Sources.Select(s => s.File).Where(f => f.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList() ?? [],
            ranking,
            series,
            citySeries,
            TrendOf(series, citySeries),
            classification,
            note,
            year is { } ny ? Neighbourhood(indicator, focus, chain, ny) : [],
            indicator.Definition,
            indicator.Theme,
            false);
    }

    /// <summary>
    /// Why a figure computed from a numerator and a denominator has no value at any level, where that is because the
    /// two have no year in common for the focus area (the police's misdrijven of 2023 and CBS's inwoners of 2017, 2019
    /// and 2024): a year of the one is never divided by another year of the other. Null where the reason is another.
    /// </summary>
    private string? NoCommonYear(Indicator indicator, FocusTarget focus, Area area)
    {
        if (!indicator.IsRatio) return null;
        var numerator = values.Catalogue.Get(indicator.Numerator!);
        var denominator = values.Catalogue.Get(indicator.Denominator!);
        var numeratorYears = values.YearsOf(numerator).Where(y => ValueAt(numerator, focus, area, y).HasValue).Order().ToList();
        var denominatorYears = values.YearsOf(denominator).Where(y => ValueAt(denominator, focus, area, y).HasValue).Order().ToList();
        if (numeratorYears.Count == 0 || denominatorYears.Count == 0 || numeratorYears.Intersect(denominatorYears).Any()) return null;
        var (n, d) = (DutchText.LowerFirst(numerator.Label), DutchText.LowerFirst(denominator.Label));
        var where = focus.IsCustom ? $"het focusgebied {focus.Name}" : $"de {focus.Name}";
        return $"berekend uit {n} en {d}, maar voor {where} zijn er {n} van {YearList(numeratorYears)} en {d} van {YearList(denominatorYears)}: geen jaar met beide";

        static string YearList(IEnumerable<int> years) => DutchText.Join(years.Select(y => y.ToString(CultureInfo.InvariantCulture)).ToList());
    }

    private static string Explain(Resolved r) => r.Rule is { Length: > 0 } rule && r.Status != FigureStatus.Missing
        ? rule
        : r.Status switch
        {
            FigureStatus.Suppressed => "geheim of te klein om te tonen",
            FigureStatus.Later => "nog niet gepubliceerd",
            FigureStatus.NotAtLevel => "niet gepubliceerd op dit niveau",
            _ => r.Rule is { Length: > 0 } why ? $"geen gegevens ({why})" : "geen gegevens",
        };

    /// <summary>A custom focus area's value: its parts summed (with their weights), ratios from the summed parts.</summary>
    private Resolved CustomValue(Indicator indicator, FocusTarget focus, int year)
    {
        if (indicator.IsRatio)
        {
            var numerator = CustomValue(values.Catalogue.Get(indicator.Numerator!), focus, year);
            var denominator = CustomValue(values.Catalogue.Get(indicator.Denominator!), focus, year);
            if (numerator.Value is not { } n || denominator.Value is not { } d) return Resolved.None(numerator.HasValue ? denominator.Status : numerator.Status);
            if (d < values.Rules.MinDenominatorForShare) return Resolved.None(FigureStatus.Suppressed, $"onderdrukt: noemer kleiner dan {values.Rules.MinDenominatorForShare}");
            return new Resolved(Aggregation.Ratio(n, d, Aggregation.ScaleOf(indicator.Unit)), Aggregation.Combine(numerator.Status, denominator.Status),
                $"berekend: {indicator.Numerator} / {indicator.Denominator} over de delen", SourceRef.Merge(numerator.Sources.Concat(denominator.Sources)));
        }

        switch (indicator.Kind)
        {
            case IndicatorKind.Count:
                {
                    var parts = focus.Parts.Select(p => (p.Weight, Value: values.ValueOf(indicator, p.Buurt, year))).ToList();
                    var (sum, status, reason) = Aggregation.SumCounts(parts.Select(p => new Aggregation.Part(p.Value.Value, p.Value.Status, p.Weight)).ToList());
                    if (sum is null) return Resolved.None(status, reason ?? "");
                    if (sum < values.Rules.MinCountForComputed) return Resolved.None(FigureStatus.Suppressed, $"onderdrukt: berekend aantal kleiner dan {values.Rules.MinCountForComputed}");
                    if (RevealsSuppressed(indicator, focus, year)) return Resolved.None(FigureStatus.Suppressed, "onderdrukt: zou met het totaal van een hoger gebied een geheim cijfer prijsgeven");
                    var rule = status == FigureStatus.Estimated
                        ? "geschat naar oppervlakte: " + string.Join(" + ", focus.Parts.Select(p => $"{(p.Weight * 100).ToString("0.#", DutchText.Numbers)}% × {p.Buurt.Code}"))
                        : $"som van {focus.Parts.Count} buurten";
                    return new Resolved(sum, status, rule, SourceRef.Merge(parts.SelectMany(p => p.Value.Sources)));
                }

            case IndicatorKind.Mean when indicator.Denominator is not null:
                {
                    var weight = values.Catalogue.Get(indicator.Denominator);
                    var parts = focus.Parts.Select(p => (Mean: values.ValueOf(indicator, p.Buurt, year), Base: values.ValueOf(weight, p.Buurt, year), p.Weight)).ToList();
                    if (parts.Any(p => !p.Mean.HasValue || !p.Base.HasValue)) return Resolved.None(FigureStatus.Missing, "niet voor alle delen bekend");
                    var mean = Aggregation.WeightedMean(parts.Select(p => (p.Mean.Value!.Value, p.Base.Value!.Value * p.Weight)).ToList());
                    var estimated = focus.Parts.Any(p => p.Weight < 1);
                    return mean is null ? Resolved.None(FigureStatus.Missing)
                        : new Resolved(mean, estimated ? FigureStatus.Estimated : FigureStatus.Computed, $"gewogen gemiddelde van de delen (gewicht: {weight.Id})",
                            SourceRef.Merge(parts.SelectMany(p => p.Mean.Sources.Concat(p.Base.Sources))));
                }

            default:
                return Resolved.None(FigureStatus.NotAtLevel, "niet op te tellen uit buurten");
        }
    }

    /// <summary>
    /// True when a published parent minus this focus area would leave only buurten whose own value is secret:
    /// showing the focus area's sum beside the parent's total would then give those secret values away.
    /// </summary>
    private bool RevealsSuppressed(Indicator indicator, FocusTarget focus, int year)
    {
        var inFocus = focus.Parts.Where(p => p.Weight >= 1).Select(p => p.Buurt).ToHashSet();
        for (var parent = focus.Parent; parent is { } p; parent = values.Registry.Find(p)?.Parent)
        {
            if (!values.ValueOf(indicator, p, year).HasValue) continue;
            var rest = values.Registry.BuurtenOf(p).Where(b => !inFocus.Contains(b.Ref)).ToList();
            if (rest.Count > 0 && rest.All(b => !values.ValueOf(indicator, b.Ref, year).HasValue)) return true;
        }

        return false;
    }

    private IReadOnlyList<YearValue> SeriesOf(Indicator indicator, FocusTarget focus, Area area, IReadOnlyList<int> years) =>
        years.OrderBy(y => y)
            .Select(y => (y, r: ValueAt(indicator, focus, area, y)))
            .Where(p => p.r.HasValue)
            .Select(p => new YearValue(p.y, p.r.Value, p.r.Status))
            .ToList();

    private static Trend? TrendOf(IReadOnlyList<YearValue> series, IReadOnlyList<YearValue> city)
    {
        if (series.Count < 2) return null;
        var first = series[0];
        var last = series[^1];
        var change = last.Value!.Value - first.Value!.Value;
        var cityFirst = city.FirstOrDefault(p => p.Year == first.Year)?.Value;
        var cityLast = city.FirstOrDefault(p => p.Year == last.Year)?.Value;
        var cityChange = cityFirst is { } cf && cityLast is { } cl ? cl - cf : (double?)null;
        return new Trend(first.Year, last.Year, change, cityChange);
    }

    /// <summary>
    /// The focus value's place among the published buurt values of that year. For a year before the boundary
    /// change the buurten of the 2015 division are the comparison: estimating all 518 new buurten would rank
    /// estimates against estimates.
    /// </summary>
    private Ranking? RankAmongBuurten(Indicator indicator, int year, double value)
    {
        var distribution = distributions.GetOrAdd((indicator.Id, year), _ =>
            Distribution(indicator, year, Division.Indeling2022) ?? Distribution(indicator, year, Division.Indeling2015));
        if (distribution is null) return null;
        var sorted = distribution.Sorted;
        var below = LowerBound(sorted, value);
        var above = sorted.Length - UpperBound(sorted, value);
        return new Ranking(above + 1, sorted.Length, Math.Round(100.0 * below / sorted.Length, 1), distribution.Mean, distribution.Sd);
    }

    private BuurtDistribution? Distribution(Indicator indicator, int year, Division division)
    {
        var buurtValues = values.Registry.OfLevel(Level.Buurt, division)
            .Select(b => values.PublishedValueOf(indicator, b.Ref, year))
            .Where(r => r.HasValue)
            .Select(r => r.Value!.Value)
            .Order()
            .ToArray();
        if (buurtValues.Length < 2) return null;
        var mean = buurtValues.Average();
        var sd = Math.Sqrt(buurtValues.Sum(x => (x - mean) * (x - mean)) / buurtValues.Length);
        return new BuurtDistribution(buurtValues, mean, sd);
    }

    private static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid] < value) lo = mid + 1;
            else hi = mid;
        }

        return lo;
    }

    private static int UpperBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid] <= value) lo = mid + 1;
            else hi = mid;
        }

        return lo;
    }

    private (Classification, string?) Classify(Indicator indicator, double? value, double? city, Ranking? ranking, bool atFocus)
    {
        if (!atFocus || value is null) return (Classification.None, null);
        if (indicator.Direction == Direction.Neutral) return (Classification.None, "neutrale indicator: hoger is niet beter of slechter");
        if (indicator.Kind == IndicatorKind.Count) return (Classification.None, "een aantal hangt af van de grootte van het gebied");
        if (city is null || ranking is null || ranking.BuurtSd <= 0) return (Classification.None, "geen spreiding over buurten om mee te vergelijken");
        var z = (value.Value - city.Value) / ranking.BuurtSd;
        var note = $"{z.ToString("+0.00;-0.00;0.00", DutchText.Numbers)} standaardafwijking van Amsterdam";
        if (Math.Abs(z) < strengthThresholdSd) return (Classification.Average, note);
        var better = (z > 0) == (indicator.Direction == Direction.HigherIsBetter);
        return (better ? Classification.Strength : Classification.Attention, note);
    }

    /// <summary>
    /// The indicator for every buurt of the focus area's gebied (for maps). For counts, where exactly one buurt of a
    /// wijk is secret while the wijk total is shown, the smallest other buurt is hidden too: otherwise the secret
    /// value would be the wijk minus the buurten on the map.
    /// </summary>
    private IReadOnlyList<AreaValue> Neighbourhood(Indicator indicator, FocusTarget focus, IReadOnlyList<Area> chain, int year)
    {
        var context = chain.FirstOrDefault(a => a.Level == Level.Gebied) ?? chain.FirstOrDefault(a => a.Level == Level.Stadsdeel);
        if (context is null || values.Registry.Find(context.Ref) is null) return [];
        var buurten = values.Registry.BuurtenOf(context.Ref);
        var list = buurten.Select(b => (Area: b, Value: values.ValueOf(indicator, b.Ref, year))).ToList();
        var hidden = new HashSet<AreaRef>();
        if (indicator.Kind == IndicatorKind.Count)
        {
            foreach (var wijk in list.GroupBy(b => b.Area.Parent))
            {
                var secret = wijk.Count(b => b.Value.Status == FigureStatus.Suppressed);
                if (secret != 1 || wijk.Key is not { } w || !values.ValueOf(indicator, w, year).HasValue) continue;
                var smallest = wijk.Where(b => b.Value.HasValue).OrderBy(b => b.Value.Value).ThenBy(b => b.Area.Code, StringComparer.Ordinal).FirstOrDefault();
                if (smallest.Area is not null) hidden.Add(smallest.Area.Ref);
            }
        }

        return list.Select(b => hidden.Contains(b.Area.Ref)
                ? new AreaValue(b.Area.Code, b.Area.Name, null, FigureStatus.Suppressed)
                : new AreaValue(b.Area.Code, b.Area.Name, b.Value.Value, b.Value.HasValue ? b.Value.Status : b.Value.Status))
            .ToList();
    }

    /// <summary>The overlap weights behind every estimate for the focus area's chain, written to scan.json.</summary>
    private IReadOnlyList<BoundaryWeight> WeightsOf(FocusTarget focus, IReadOnlyList<Area> chain)
    {
        var weights = new List<BoundaryWeight>();
        foreach (var part in focus.Parts.Where(p => p.Weight < 1))
        {
            weights.Add(new BoundaryWeight(focus.Code, Division.Indeling2022, part.Buurt.Code, Math.Round(part.Weight, 4), "deel van de buurt binnen het getekende gebied (oppervlakte)"));
        }

        foreach (var area in chain.Where(a => values.Registry.Find(a.Ref) is not null && a.Level is not Level.Gemeente))
        {
            foreach (var overlap in values.BoundaryChange.OverlapsOf(area))
            {
                weights.Add(new BoundaryWeight(overlap.Old.Code, Division.Indeling2015, area.Code, Math.Round(overlap.Weight, 4),
                    $"deel van de oppervlakte van {overlap.Old.Code} (indeling 2015) dat in {area.Code} ligt; bedekt {Math.Round(overlap.Coverage * 100, 1).ToString(DutchText.Numbers)}% van {area.Code}"));
            }
        }

        return weights;
    }
}
