using Buurtscan.Areas;
using Buurtscan.Domain;
using Buurtscan.Import;
using Buurtscan.Tests.Support;

namespace Buurtscan.Tests.Areas;

public sealed class AreaFinderTests
{
    private static readonly Lazy<AreaRegistry> Registry = new(() =>
        AreaRegistry.Build(BoundaryReaders.ReadIndelingBuurt(TextFile.Read(TestPaths.Real("amsterdam-gebieden/2022/INDELING_BUURT.csv"), "INDELING_BUURT.csv"))));

    [Theory]
    [InlineData("wegener-sleeswijk")]
    [InlineData("wegener-sleeswijkbuurt")]
    [InlineData("FB08")]
    [InlineData("fb08")]
    [InlineData("BU0363FB08")]
    [InlineData("Wegener Sleeswijkbuurt")]
    [InlineData("WEGENER SLEESWIJKBUURT")]
    [InlineData("  Wégener-Sleeswijk  ")]
    [InlineData("wegener_sleeswijk")]
    public void Every_way_of_naming_FB08_Should_find_it(string query)
    {
        var result = AreaFinder.Find(Registry.Value, query, Level.Buurt);

        result.ShouldBeOfType<FindResult.Found>().Area.Code.ShouldBe("FB08");
    }

    [Fact]
    public void A_typo_Should_suggest_the_closest_buurten()
    {
        var result = AreaFinder.Find(Registry.Value, "wegner-sleswijk", Level.Buurt);

        var suggestions = result.ShouldBeOfType<FindResult.NotFound>().Suggestions;
        suggestions.Count.ShouldBe(3);
        suggestions[0].Code.ShouldBe("FB08");
    }

    [Fact]
    public void A_value_matching_several_buurten_Should_list_them_all()
    {
        // "park" is part of many buurt names (Sloterpark, Eendrachtspark, ...).
        var result = AreaFinder.Find(Registry.Value, "park", Level.Buurt);

        result.ShouldBeOfType<FindResult.Ambiguous>().Candidates.ShouldAllBe(c => c.Name.Contains("park", StringComparison.OrdinalIgnoreCase));
        // An exact name wins over the names that merely contain it (Sloterpark, not Sloterparkbuurt-like names).
        AreaFinder.Find(Registry.Value, "sloterpark", Level.Buurt).ShouldBeOfType<FindResult.Found>().Area.Name.ShouldBe("Sloterpark");
    }

    [Fact]
    public void A_partial_name_shared_by_several_buurten_Should_be_ambiguous()
    {
        var result = AreaFinder.Find(Registry.Value, "dapper", Level.Buurt);

        var candidates = result.ShouldBeOfType<FindResult.Ambiguous>().Candidates;
        candidates.Count.ShouldBeGreaterThan(1);
        candidates.ShouldAllBe(c => c.Name.Contains("Dapper", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("Wegener Sleeswijkbuurt", "wegener-sleeswijkbuurt")]
    [InlineData("Geuzenveld, Slotermeer", "geuzenveld-slotermeer")]
    [InlineData("Belgiëplein", "belgieplein")]
    [InlineData("  A & B  ", "a-b")]
    public void Slug_Should_be_lower_case_ascii_with_dashes(string name, string slug) =>
        AreaFinder.Slug(name).ShouldBe(slug);

    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "abc", 0)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abcd", 4)]
    public void Distance_Should_be_the_edit_distance(string a, string b, int distance) =>
        AreaFinder.Distance(a, b).ShouldBe(distance);
}
