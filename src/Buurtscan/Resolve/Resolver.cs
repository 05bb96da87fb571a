using Buurtscan.Areas;
using Buurtscan.Catalogue;
using Buurtscan.Domain;
using Buurtscan.Import;

namespace Buurtscan.Resolve;

/// <summary>Disclosure thresholds applied to everything buurtscan computes itself.</summary>
public sealed record DisclosureRules(int MinDenominatorForShare)
{
    /// <summary>No share on fewer than 50 persons: with CBS's rounding to 5 such a share could be off by 10 points or more.</summary>
    public static DisclosureRules Default { get; } = new(50);
}

/// <summary>A value of one indicator for one area and year, with how it came about.</summary>
public readonly record struct Resolved(double? Value, FigureStatus Status, string Rule, IReadOnlyList<SourceRef> Sources)
{
    public bool HasValue => Value is not null;
}

/// <summary>The normalisation stage: every indicator of the profile at the lowest scale that has it.</summary>
public static class Resolver
{
    public const string SchemaVersion = "1";

    public static Scan Resolve(DataSet data, Area focus, ScanProfile profile, string toolVersion, DisclosureRules? rules = null)
    {
        rules ??= DisclosureRules.Default;
        var index = new ObservationIndex(data.Observations);
        var chain = data.Registry.Chain(focus.Ref);
        var amsterdam = chain.FirstOrDefault(a => a.Level == Level.Gemeente);
        var themes = new List<ThemeSection>();
        var gaps = new List<Gap>();
        var usedFiles = new SortedSet<string>(StringComparer.Ordinal);

        foreach (var theme in profile.Themes)
        {
            var figures = new List<Figure>();
            foreach (var id in theme.Indicators)
            {
                var indicator = data.Catalogue.Get(id);
                var figure = ResolveFigure(indicator, chain, amsterdam, index, rules);
                figures.Add(figure);
                foreach (var s in figure.Sources) usedFiles.Add(s);
                if (figure.Level != focus.Level)
                {
                    gaps.Add(new Gap(indicator.Id, indicator.Label, theme.Title, figure.Level, figure.Reason ?? "geen gegevens"));
                }
            }

            themes.Add(new ThemeSection(theme.Id, theme.Title, figures));
        }

        var sources = data.Sources.Where(s => usedFiles.Contains(s.Path) || s.Format.Contains("geodata", StringComparison.Ordinal) || s.Format.Contains("GeoJSON", StringComparison.Ordinal))
            .Select(s => new ScanSource(s.Path, s.Sha256, s.Format, s.Table, s.Publisher, s.Licence, s.ReferenceDate))
            .ToList();
        var focusArea = new FocusArea(focus.Code, focus.CbsCode, focus.Name, AreaFinder.Slug(focus.Name), focus.Level, focus.AreaM2,
            chain.Select(a => new ChainLink(a.Level, a.Code, a.CbsCode, a.Name)).ToList());
        return new Scan(SchemaVersion, toolVersion, data.IsExampleData, focusArea, themes, gaps, sources);
    }

    private static Figure ResolveFigure(Indicator indicator, IReadOnlyList<Area> chain, Area? amsterdam, ObservationIndex index, DisclosureRules rules)
    {
        var year = LatestYear(indicator, chain, index);
        var comparisons = new List<Comparison>();
        Resolved? chosen = null;
        Area? chosenArea = null;
        var notLower = new List<string>();

        foreach (var area in chain)
        {
            var resolved = year is { } y ? ValueOf(indicator, area.Ref, y, index, rules) : new Resolved(null, FigureStatus.Missing, "", []);
            comparisons.Add(new Comparison(area.Level, area.Code, area.Name, resolved.Value, resolved.Status, null));
            if (chosen is null)
            {
                if (resolved.HasValue)
                {
                    chosen = resolved;
                    chosenArea = area;
                }
                else
                {
                    notLower.Add($"{area.Level.Dutch()}: {Explain(resolved.Status)}");
                }
            }
        }

        var cityValue = amsterdam is null ? null : comparisons.FirstOrDefault(c => c.Level == Level.Gemeente)?.Value;
        double? indexValue = null;
        if (chosen?.Value is { } v && cityValue is { } city && city != 0 && indicator.Kind is not IndicatorKind.Count)
        {
            indexValue = Math.Round(v / city * 100, 1);
        }

        return new Figure(
            indicator.Id,
            indicator.Label,
            indicator.Unit,
            indicator.Kind,
            indicator.Direction,
            year,
            chosen?.Value,
            chosen?.Status ?? (year is null ? FigureStatus.Missing : comparisons[0].Status),
            chosenArea?.Level,
            chosenArea?.Code,
            chosenArea?.Name,
            notLower.Count == 0 ? null : string.Join("; ", notLower),
            chosen?.Rule ?? "geen waarde",
            indexValue,
            comparisons,
            chosen?.Sources.Select(s => s.File).Distinct().Order(StringComparer.Ordinal).ToList() ?? []);
    }

    /// <summary>The newest year in which any area of the chain has a value: older years are never preferred for a lower scale.</summary>
    private static int? LatestYear(Indicator indicator, IReadOnlyList<Area> chain, ObservationIndex index)
    {
        var id = indicator.IsRatio ? indicator.Numerator! : indicator.Id;
        int? latest = null;
        foreach (var area in chain)
        {
            foreach (var o in index.Series(indicator.Id, area.Ref).Concat(index.Series(id, area.Ref)))
            {
                if (o.Value is not null && (latest is null || o.Year > latest)) latest = o.Year;
            }
        }

        return latest;
    }

    /// <summary>A published value, or for a share without one, the share recomputed from its numerator and denominator.</summary>
    public static Resolved ValueOf(Indicator indicator, AreaRef area, int year, ObservationIndex index, DisclosureRules rules)
    {
        var direct = index.Get(indicator.Id, area, year);
        if (direct is { Value: not null })
        {
            return new Resolved(direct.Value, FigureStatus.Ok, "gepubliceerd", [direct.Source]);
        }

        if (indicator.IsRatio)
        {
            var numerator = index.Get(indicator.Numerator!, area, year);
            var denominator = index.Get(indicator.Denominator!, area, year);
            if (numerator?.Value is { } n && denominator?.Value is { } d)
            {
                if (d < rules.MinDenominatorForShare)
                {
                    return new Resolved(null, FigureStatus.Suppressed, $"onderdrukt: noemer kleiner dan {rules.MinDenominatorForShare}", [numerator.Source, denominator.Source]);
                }

                var scale = indicator.Unit == "%" ? 100 : 1;
                return new Resolved(n / d * scale, FigureStatus.Computed, $"berekend: {indicator.Numerator} / {indicator.Denominator}", [numerator.Source, denominator.Source]);
            }

            var missing = numerator?.Value is null ? numerator : denominator;
            return new Resolved(null, ToFigureStatus(missing?.Status), "", []);
        }

        return new Resolved(null, ToFigureStatus(direct?.Status), "", []);
    }

    private static FigureStatus ToFigureStatus(Status? status) => status switch
    {
        Status.Suppressed => FigureStatus.Suppressed,
        Status.Later => FigureStatus.Later,
        Status.NotAtLevel => FigureStatus.NotAtLevel,
        _ => FigureStatus.Missing,
    };

    public static string Explain(FigureStatus status) => status switch
    {
        FigureStatus.Suppressed => "geheim of te klein om te tonen",
        FigureStatus.Later => "nog niet gepubliceerd",
        FigureStatus.NotAtLevel => "niet gepubliceerd op dit niveau",
        _ => "geen gegevens",
    };
}
