using Buurtscan.Resolve;
using FsCheck;
using FsCheck.Fluent;

namespace Buurtscan.Tests.Resolve;

/// <summary>Invariants of aggregation, checked on generated parts with a fixed seed.</summary>
public sealed class AggregationPropertyTests
{
    private static readonly Config Seeded = Config.QuickThrowOnFailure.WithReplay(20241128, 7).WithMaxTest(500);

    private static Gen<double[]> Counts => Gen.NonEmptyListOf(Gen.Choose(0, 5000).Select(i => (double)i)).Select(l => l.ToArray());

    [Fact]
    public void Complete_counts_Should_sum_to_the_whole()
    {
        Prop.ForAll(Counts.ToArbitrary(), counts =>
        {
            var (value, status, _) = Aggregation.SumCounts(counts.Select(c => new Aggregation.Part(c, FigureStatus.Ok, 1)).ToList());
            return value == counts.Sum() && status == FigureStatus.Computed;
        }).Check(Seeded);
    }

    [Fact]
    public void One_unknown_part_Should_make_the_sum_unknown_never_lower()
    {
        var withGap = Counts.SelectMany(c => Gen.Choose(0, c.Length - 1).Select(i => (c, i)));
        Prop.ForAll(withGap.ToArbitrary(), x =>
        {
            var parts = x.c.Select((v, j) => j == x.i ? new Aggregation.Part(null, FigureStatus.Suppressed, 1) : new Aggregation.Part(v, FigureStatus.Ok, 1)).ToList();
            var (value, status, _) = Aggregation.SumCounts(parts);
            return value is null && status == FigureStatus.Suppressed;
        }).Check(Seeded);
    }

    [Fact]
    public void Share_of_an_aggregate_Should_lie_between_its_parts_extremes()
    {
        var part = Gen.Choose(1, 5000).SelectMany(d => Gen.Choose(0, d).Select(n => ((double)n, (double)d)));
        Prop.ForAll(Gen.NonEmptyListOf(part).ToArbitrary(), parts =>
        {
            var shares = parts.Select(p => Aggregation.Ratio(p.Item1, p.Item2, 100)!.Value).ToList();
            var whole = Aggregation.Ratio(parts.Sum(p => p.Item1), parts.Sum(p => p.Item2), 100)!.Value;
            return whole >= shares.Min() - 1e-9 && whole <= shares.Max() + 1e-9;
        }).Check(Seeded);
    }

    [Fact]
    public void Apportioning_a_count_over_a_partition_Should_return_the_whole()
    {
        // Cutting one area into pieces with weights that sum to 1 and summing the pieces gives the area back.
        var cuts = Gen.NonEmptyListOf(Gen.Choose(1, 100)).Select(l => l.Select(x => (double)x).ToArray());
        Prop.ForAll(cuts.ToArbitrary(), Gen.Choose(0, 100000).ToArbitrary(), (pieces, total) =>
        {
            var weights = pieces.Select(p => p / pieces.Sum()).ToList();
            var (value, status, _) = Aggregation.SumCounts(weights.Select(w => new Aggregation.Part(total, FigureStatus.Ok, w)).ToList());
            return Math.Abs(value!.Value - total) < 1e-6 * Math.Max(1, total) && (pieces.Length == 1 ? status == FigureStatus.Computed : status == FigureStatus.Estimated);
        }).Check(Seeded);
    }

    [Fact]
    public void Weighted_mean_Should_lie_between_the_parts_means()
    {
        var part = Gen.Choose(0, 100000).SelectMany(m => Gen.Choose(1, 1000).Select(b => ((double)m, (double)b)));
        Prop.ForAll(Gen.NonEmptyListOf(part).ToArbitrary(), parts =>
        {
            var mean = Aggregation.WeightedMean(parts.ToList())!.Value;
            return mean >= parts.Min(p => p.Item1) - 1e-6 && mean <= parts.Max(p => p.Item1) + 1e-6;
        }).Check(Seeded);
    }

    [Theory]
    [InlineData("%", 100)]
    [InlineData("per 1.000 inwoners", 1000)]
    [InlineData("euro", 1)]
    public void Ratio_scale_Should_follow_the_unit(string unit, double scale) => Aggregation.ScaleOf(unit).ShouldBe(scale);
}
