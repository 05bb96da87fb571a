namespace Buurtscan.Domain;

/// <summary>The scale ladder, smallest first. The order is the order of preference when resolving.</summary>
public enum Level { Buurt, Wijk, Gebied, Stadsdeel, Gemeente, Land }

/// <summary>Amsterdam's area division: the one valid since 24-03-2022 or the one of 2015 before it.</summary>
public enum Division { Indeling2022, Indeling2015 }

/// <summary>When each division was in force.</summary>
public static class Divisions
{
    /// <summary>The first day the division was in force.</summary>
    public static DateOnly ValidFrom(this Division division) => division switch
    {
        Division.Indeling2022 => new DateOnly(2022, 3, 24),
        Division.Indeling2015 => new DateOnly(2015, 1, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(division)),
    };

    /// <summary>The last day the division was in force; null while it still is.</summary>
    public static DateOnly? ValidUntil(this Division division) => division switch
    {
        Division.Indeling2022 => null,
        Division.Indeling2015 => new DateOnly(2022, 3, 23),
        _ => throw new ArgumentOutOfRangeException(nameof(division)),
    };

    /// <summary>How the division is named in reports.</summary>
    public static string Dutch(this Division division) => division switch
    {
        Division.Indeling2022 => "indeling 2022",
        Division.Indeling2015 => "indeling 2015",
        _ => throw new ArgumentOutOfRangeException(nameof(division)),
    };
}

/// <summary>An area's identity: a code is only unique within its division (stadsdeel F exists in both).</summary>
public readonly record struct AreaRef(Division Division, string Code)
{
    public override string ToString() => Division == Division.Indeling2022 ? Code : $"{Code} (2015)";
}

/// <summary>One area of one division, with its parent one level (or more, for Westpoort) up.</summary>
public sealed record Area(
    AreaRef Ref,
    string? CbsCode,
    string Name,
    Level Level,
    AreaRef? Parent,
    NetTopologySuite.Geometries.Geometry? Geometry,
    double? AreaM2)
{
    public string Code => Ref.Code;
    public Division Division => Ref.Division;

    /// <summary>The first day this area existed with this boundary; null for areas outside the city's divisions (gemeente, Nederland).</summary>
    public DateOnly? ValidFrom { get; init; }

    /// <summary>The last day this area existed with this boundary; null while it still does.</summary>
    public DateOnly? ValidUntil { get; init; }
}

public static class LevelNames
{
    public static string Dutch(this Level level) => level switch
    {
        Level.Buurt => "buurt",
        Level.Wijk => "wijk",
        Level.Gebied => "gebied",
        Level.Stadsdeel => "stadsdeel",
        Level.Gemeente => "gemeente",
        Level.Land => "Nederland",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    /// <summary>The level's name with its article, as in "voor het gebied" and "voor de wijk": gebied and stadsdeel are neuter.</summary>
    public static string WithArticle(this Level level) => level switch
    {
        Level.Gebied or Level.Stadsdeel => "het " + level.Dutch(),
        Level.Land => level.Dutch(),
        _ => "de " + level.Dutch(),
    };

    public static Level? Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "buurt" => Level.Buurt,
        "wijk" => Level.Wijk,
        "gebied" or "ggw" => Level.Gebied,
        "stadsdeel" => Level.Stadsdeel,
        "gemeente" => Level.Gemeente,
        "land" or "nederland" => Level.Land,
        _ => null,
    };
}
