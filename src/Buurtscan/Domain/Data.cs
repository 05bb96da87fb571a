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

    /// <summary>The moment the figures describe, as the source states it ("1 januari", "jaargemiddelde").</summary>
    public string ReferenceDate { get; init; } = "";

    /// <summary>
    /// The preferred indicator for the same concept from another source (BBGA `BEVTOTAAL` → CBS `inwoners`);
    /// null when this indicator is itself the preferred one. See docs/catalogue.md for the preference rule.
    /// </summary>
    public string? SameAs { get; init; }

    /// <summary>The source's disclosure rule: no value may be shown for an area with fewer inhabitants (BBGA "SD minimum Bevtotaal").</summary>
    public int? MinPopulation { get; init; }

    /// <summary>The source's disclosure rule: no value may be shown for an area with fewer dwellings (BBGA "SD minimum WvoorrBAG").</summary>
    public int? MinDwellings { get; init; }
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

/// <summary>Where a figure was read: a file and the line of its row (0: several rows of the file).</summary>
public readonly record struct SourceRef(string File, int Line)
{
    /// <summary>
    /// The sources of a value built from others: each file once, in order of first use, with its line when one
    /// row of it was used and 0 when several were. A sum over a city's buurten would otherwise carry hundreds
    /// of references up through every level it is aggregated to.
    /// </summary>
    public static IReadOnlyList<SourceRef> Merge(IEnumerable<SourceRef> sources)
    {
        var merged = new List<SourceRef>(2);
        foreach (var source in sources)
        {
            var at = merged.FindIndex(m => string.Equals(m.File, source.File, StringComparison.Ordinal));
            if (at < 0) merged.Add(source);
            else if (merged[at].Line != source.Line) merged[at] = merged[at] with { Line = 0 };
        }

        return merged;
    }
}

/// <summary>One value (or the reason there is none) of one indicator for one area and year.</summary>
public sealed record Observation(
    string IndicatorId,
    AreaRef Area,
    int Year,
    double? Value,
    Status Status,
    SourceRef Source);

/// <summary>
/// A projected value (OIS population and housing forecasts). Kept apart from observations so that a
/// forecast is never shown as a measured figure; `Edition` is the year the forecast was made.
/// </summary>
public sealed record Forecast(
    string IndicatorId,
    AreaRef Area,
    int Year,
    double Value,
    int Edition,
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
