using Buurtscan.Domain;

namespace Buurtscan.Resolve;

/// <summary>The resolved scan: pure data, everything the chapter shows and nothing it has to look up again.</summary>
public sealed record Scan(
    string SchemaVersion,
    string ToolVersion,
    bool ExampleData,
    FocusArea Focus,
    IReadOnlyList<ThemeSection> Themes,
    IReadOnlyList<Gap> Gaps,
    IReadOnlyList<ScanSource> Sources,
    IReadOnlyList<BoundaryWeight> BoundaryWeights,
    Method Method);

/// <summary>
/// The share of an old-division (or drawn) area that lies in a new one: the weight with which counts of the
/// old area are carried onto the new area. Written to the run's data so every estimate can be redone by hand.
/// </summary>
public sealed record BoundaryWeight(string FromCode, Division FromDivision, string ToCode, double Weight, string Basis);

/// <summary>The documented thresholds the scan was made with, so a reader can check every classification.</summary>
public sealed record Method(
    double StrengthThresholdSd,
    int MinDenominatorForShare,
    int MinCountForComputed,
    string IndexBase,
    string Classification,
    string Disclosure);

/// <summary>The area the scan is about and its place in the division. A custom focus area lists the buurten it is made of.</summary>
public sealed record FocusArea(
    string Code,
    string? CbsCode,
    string Name,
    string Slug,
    Level Level,
    double? AreaM2,
    IReadOnlyList<ChainLink> Chain,
    IReadOnlyList<FocusPart> Parts,
    string? Definition);

/// <summary>A buurt that makes up (part of) a custom focus area, with the share of it that counts.</summary>
public sealed record FocusPart(string Code, string Name, double Weight);

/// <summary>One step of the parent chain (the focus area itself first).</summary>
public sealed record ChainLink(Level Level, string Code, string? CbsCode, string Name);

public sealed record ThemeSection(string Id, string Title, IReadOnlyList<Figure> Figures);

/// <summary>
/// One indicator resolved for the focus area: the value, where it really comes from (level and area), by
/// which rule, and the same indicator for every parent for comparison.
/// </summary>
public sealed record Figure(
    string IndicatorId,
    string Label,
    string Unit,
    IndicatorKind Kind,
    Direction Direction,
    int? Year,
    double? Value,
    FigureStatus Status,
    Level? Level,
    string? AreaCode,
    string? AreaName,
    string? Reason,
    string Rule,
    double? Index,
    IReadOnlyList<Comparison> Comparisons,
    IReadOnlyList<string> Sources,
    Ranking? Ranking,
    IReadOnlyList<YearValue> Series,
    IReadOnlyList<YearValue> CitySeries,
    Trend? Trend,
    Classification Classification,
    string? ClassificationNote,
    IReadOnlyList<AreaValue> Neighbourhood,
    string Definition,
    string Theme,
    bool Key);

/// <summary>Where the focus buurt stands among all buurten with a value (1 = highest).</summary>
public sealed record Ranking(int Rank, int Of, double Percentile, double BuurtMean, double BuurtSd);

/// <summary>One year of a series, with how that value came about (estimated years are marked).</summary>
public sealed record YearValue(int Year, double? Value, FigureStatus Status);

/// <summary>The change over the available years, beside the city's change over the same years.</summary>
public sealed record Trend(int FromYear, int ToYear, double Change, double? CityChange);

/// <summary>A value of a buurt in the focus area's surroundings (its gebied), for maps.</summary>
public sealed record AreaValue(string Code, string Name, double? Value, FigureStatus Status);

/// <summary>How a figure reads against the city, using the indicator's direction.</summary>
public enum Classification
{
    /// <summary>Not classified: neutral indicator, no figure at the focus level, or no spread to compare with.</summary>
    None,
    /// <summary>Clearly better than the city: a strength or opportunity.</summary>
    Strength,
    /// <summary>Clearly worse than the city: a point of attention.</summary>
    Attention,
    /// <summary>Within the threshold of the city's value.</summary>
    Average,
}

/// <summary>The same indicator and year for one area of the chain, or Nederland.</summary>
public sealed record Comparison(Level Level, string Code, string Name, double? Value, FigureStatus Status, string? Note);

/// <summary>How a shown value came about, or why there is none.</summary>
public enum FigureStatus
{
    /// <summary>As published by the source.</summary>
    Ok,
    /// <summary>Computed by buurtscan from published figures (a share from two counts, a sum).</summary>
    Computed,
    /// <summary>Estimated (apportioned across areas or across the boundary change).</summary>
    Estimated,
    /// <summary>Hidden by the source or by buurtscan's own disclosure rules.</summary>
    Suppressed,
    /// <summary>Not published yet.</summary>
    Later,
    /// <summary>Not published at this level.</summary>
    NotAtLevel,
    /// <summary>No figure.</summary>
    Missing,
}

/// <summary>An indicator of the profile without a figure at the focus area's own level.</summary>
public sealed record Gap(string IndicatorId, string Label, string Theme, Level? LevelUsed, string Reason);

/// <summary>A source file the scan used.</summary>
public sealed record ScanSource(string Path, string Sha256, string Format, string Table, string Publisher, string Licence, string ReferenceDate);
