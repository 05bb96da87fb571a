using Buurtscan.Domain;

namespace Buurtscan.Tests.Resolve;

public sealed class SourceRefTests
{
    [Fact]
    public void Merging_keeps_each_file_once_in_order_of_first_use()
    {
        var merged = SourceRef.Merge([new("b.csv", 4), new("a.csv", 7), new("b.csv", 4)]);
        merged.ShouldBe([new SourceRef("b.csv", 4), new SourceRef("a.csv", 7)]);
    }

    [Fact]
    public void A_file_used_for_several_rows_has_no_single_line()
    {
        var merged = SourceRef.Merge([new("b.csv", 4), new("b.csv", 5), new("a.csv", 7), new("b.csv", 9)]);
        merged.ShouldBe([new SourceRef("b.csv", 0), new SourceRef("a.csv", 7)]);
    }

    [Fact]
    public void A_sum_over_many_parts_stays_as_short_as_its_files()
    {
        var parts = Enumerable.Range(1, 500).Select(i => new SourceRef(i % 2 == 0 ? "kwb.csv" : "bbga.csv", i));
        SourceRef.Merge(parts).Count.ShouldBe(2);
    }
}
