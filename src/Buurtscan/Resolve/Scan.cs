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
    IReadOnlyList<ScanSource> Sources);

/// <summary>The area the scan is about and its place in the division.</summary>
public sealed record FocusArea(string Code, string? CbsCode, string Name, string Slug, Level Level, double? AreaM2, IReadOnlyList<ChainLink> Chain);

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
    IReadOnlyList<string> Sources);

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
