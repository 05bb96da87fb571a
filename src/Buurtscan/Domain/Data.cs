namespace Buurtscan.Domain;

/// <summary>What an indicator counts or measures, which decides how it may be aggregated and compared.</summary>
public enum IndicatorKind { Count, Share, Rate, Mean, Median, Score, Index }

/// <summary>Whether a higher value is good news for the buurt.</summary>
public enum Direction { Neutral, HigherIsBetter, HigherIsWorse }

/// <summary>One concept the scan can show, from the catalogue.</summary>
public sealed record Indicator(
    string Id,
    string Label,
    string Theme,
    string Unit,
    IndicatorKind Kind,
    string? Numerator,
    string? Denominator,
    Direction Direction,
    string Definition,
    string Source)
{
    public bool IsRatio => Numerator is not null && Denominator is not null;
}

/// <summary>Why an observation has no value. Missing is never zero.</summary>
public enum Status
{
    Ok,
    /// <summary>Not published or hidden for disclosure reasons (CBS -99997, small numbers).</summary>
    Suppressed,
    /// <summary>Will be published later (CBS -99995, `.` in a fresh KWB).</summary>
    Later,
    /// <summary>Not published at this level (CBS -99991).</summary>
    NotAtLevel,
    /// <summary>Unknown or empty in the source.</summary>
    Missing,
}

/// <summary>Where a figure was read: a file and the line of its row.</summary>
public readonly record struct SourceRef(string File, int Line);

/// <summary>One value (or the reason there is none) of one indicator for one area and year.</summary>
public sealed record Observation(
    string IndicatorId,
    AreaRef Area,
    int Year,
    double? Value,
    Status Status,
    SourceRef Source);

/// <summary>A file an importer read, with what it is.</summary>
public sealed record SourceFile(
    string Path,
    string Sha256,
    string Format,
    string Table,
    string Publisher,
    string Licence,
    string ReferenceDate,
    bool ExampleData);

/// <summary>A file that was found but not read, and why.</summary>
public sealed record SkippedFile(string Path, string Reason);
