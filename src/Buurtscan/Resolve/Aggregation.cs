namespace Buurtscan.Resolve;

/// <summary>The arithmetic of combining parts, kept apart from lookups so its invariants can be tested on their own.</summary>
public static class Aggregation
{
    /// <summary>A part's value with the share of it that belongs to the whole (1 for a whole part).</summary>
    public readonly record struct Part(double? Value, FigureStatus Status, double Weight);

    /// <summary>
    /// Sums counts. One unknown part makes the sum unknown: a sum over what happens to be published
    /// would look like a value and be too low.
    /// </summary>
    public static (double? Value, FigureStatus Status, string? Reason) SumCounts(IReadOnlyList<Part> parts)
    {
        if (parts.Count == 0) return (null, FigureStatus.Missing, "geen delen om op te tellen");
        var unknown = parts.Where(p => p.Value is null && p.Weight > 0).ToList();
        if (unknown.Count > 0)
        {
            var status = unknown.Any(p => p.Status == FigureStatus.Suppressed) ? FigureStatus.Suppressed : FigureStatus.Missing;
            return (null, status, $"{unknown.Count} van {parts.Count} delen zonder cijfer");
        }

        var sum = 0.0;
        foreach (var p in parts) sum += p.Value!.Value * p.Weight;
        var estimated = parts.Any(p => p.Weight is > 0 and < 1 || p.Status == FigureStatus.Estimated);
        return (sum, estimated ? FigureStatus.Estimated : FigureStatus.Computed, null);
    }

    /// <summary>A share or rate from its numerator and denominator, scaled (100 for %, 1000 for per 1.000).</summary>
    public static double? Ratio(double numerator, double denominator, double scale) =>
        denominator > 0 ? numerator / denominator * scale : null;

    /// <summary>A mean of parts weighted by their base (e.g. mean income weighted by persons).</summary>
    public static double? WeightedMean(IReadOnlyList<(double Mean, double Base)> parts)
    {
        var total = parts.Sum(p => p.Base);
        return total > 0 ? parts.Sum(p => p.Mean * p.Base) / total : null;
    }

    /// <summary>The worse of two statuses for a value made from both: estimated beats computed beats published.</summary>
    public static FigureStatus Combine(FigureStatus a, FigureStatus b) =>
        a == FigureStatus.Estimated || b == FigureStatus.Estimated ? FigureStatus.Estimated
        : a == FigureStatus.Computed || b == FigureStatus.Computed ? FigureStatus.Computed
        : FigureStatus.Ok;

    /// <summary>The multiplier a ratio indicator's unit implies.</summary>
    public static double ScaleOf(string unit) =>
        unit == "%" ? 100
        : unit.StartsWith("per 1.000", StringComparison.Ordinal) || unit.StartsWith("per 1000", StringComparison.Ordinal) ? 1000
        : unit.StartsWith("per 100", StringComparison.Ordinal) ? 100
        : 1;
}
