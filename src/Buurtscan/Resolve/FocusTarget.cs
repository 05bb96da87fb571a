using Buurtscan.Domain;
using NetTopologySuite.Geometries;

namespace Buurtscan.Resolve;

/// <summary>
/// What a scan is about: one area of the registry, or a custom focus area made of (parts of) buurten.
/// A custom area is resolved by aggregating its parts; its parent is the smallest area holding them all.
/// </summary>
public sealed record FocusTarget(
    string Code,
    string? CbsCode,
    string Name,
    Level Level,
    AreaRef? Area,
    AreaRef? Parent,
    IReadOnlyList<(AreaRef Buurt, double Weight)> Parts,
    Geometry? Geometry,
    double? AreaM2,
    string? Definition)
{
    public bool IsCustom => Area is null;

    public static FocusTarget Of(Area area) =>
        new(area.Code, area.CbsCode, area.Name, area.Level, area.Ref, area.Parent, [], area.Geometry, area.AreaM2, null);
}
