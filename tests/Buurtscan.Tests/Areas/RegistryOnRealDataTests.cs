using Buurtscan.Areas;
using Buurtscan.Domain;
using Buurtscan.Import;
using Buurtscan.Tests.Support;

namespace Buurtscan.Tests.Areas;

/// <summary>The 2022 division read from the city's real open-geodata files.</summary>
public sealed class RegistryOnRealDataTests
{
    private static readonly Lazy<AreaRegistry> Registry = new(() =>
    {
        var folder = TestPaths.Real("amsterdam-gebieden/2022");
        var records = BoundaryReaders.ReadIndelingBuurt(Read(folder, "INDELING_BUURT.csv"))
            .Concat(BoundaryReaders.ReadIndelingWijk(Read(folder, "INDELING_WIJK.csv")))
            .Concat(BoundaryReaders.ReadIndelingStadsdeel(Read(folder, "INDELING_STADSDEEL.csv")));
        return AreaRegistry.Build(records);
    });

    private static TextFile Read(string folder, string name) => TextFile.Read(Path.Combine(folder, name), name);

    [Theory]
    [InlineData(Level.Buurt, 518)]
    [InlineData(Level.Wijk, 110)]
    [InlineData(Level.Gebied, 25)]
    [InlineData(Level.Stadsdeel, 9)]
    [InlineData(Level.Gemeente, 1)]
    public void Registry_Should_hold_every_area_of_the_2022_division(Level level, int count) =>
        Registry.Value.OfLevel(level).Count().ShouldBe(count);

    [Fact]
    public void Wegener_Sleeswijkbuurt_Should_have_its_chain_up_to_the_gemeente()
    {
        var chain = Registry.Value.Chain(new AreaRef(Division.Indeling2022, "FB08"));

        chain.Select(a => (a.Level, a.Code, a.Name)).ShouldBe(
        [
            (Level.Buurt, "FB08", "Wegener Sleeswijkbuurt"),
            (Level.Wijk, "FB", "Geuzenveld"),
            (Level.Gebied, "GF07", "Geuzenveld, Slotermeer"),
            (Level.Stadsdeel, "F", "Nieuw-West"),
            (Level.Gemeente, "0363", "Amsterdam"),
        ]);
        chain[0].CbsCode.ShouldBe("BU0363FB08");
        chain[1].CbsCode.ShouldBe("WK0363FB");
    }

    [Fact]
    public void Wijk_cbs_codes_Should_be_derived_because_the_source_has_them_wrong()
    {
        var wijk = Registry.Value.Get(new AreaRef(Division.Indeling2022, "EQ"));
        wijk.CbsCode.ShouldBe("WK0363EQ");
        Registry.Value.OfLevel(Level.Wijk).ShouldAllBe(w => w.CbsCode!.StartsWith("WK0363"));
    }

    [Fact]
    public void Westpoort_Should_skip_the_gebied_level()
    {
        var westpoort = Registry.Value.OfLevel(Level.Buurt).Where(b => Registry.Value.Chain(b.Ref)[2].Code == "B").ToList();

        westpoort.Count.ShouldBe(14);
        Registry.Value.Chain(westpoort[0].Ref).Select(a => a.Level).ShouldBe([Level.Buurt, Level.Wijk, Level.Stadsdeel, Level.Gemeente]);
    }

    [Fact]
    public void Gebied_geometry_Should_be_the_union_of_its_buurten()
    {
        var gebied = Registry.Value.Get(new AreaRef(Division.Indeling2022, "GF07"));
        var buurten = Registry.Value.BuurtenOf(gebied.Ref);

        gebied.Geometry.ShouldNotBeNull();
        buurten.Count.ShouldBe(19);
        gebied.AreaM2!.Value.ShouldBe(buurten.Sum(b => b.AreaM2!.Value), gebied.AreaM2.Value * 0.001);
        buurten.ShouldAllBe(b => gebied.Geometry!.Intersection(b.Geometry!).Area >= b.Geometry!.Area * 0.9999);
    }

    [Fact]
    public void Areas_in_square_metres_Should_agree_with_the_city_within_one_percent()
    {
        // INDELING_BUURT gives Oppervlakte_m2 194413 for FB08, computed by the city in RD New.
        var fb08 = Registry.Value.Get(new AreaRef(Division.Indeling2022, "FB08"));
        fb08.AreaM2!.Value.ShouldBe(194413, 194413 * 0.01);
    }

    [Fact]
    public void Neighbours_Should_be_the_buurten_that_touch()
    {
        var fb08 = Registry.Value.Get(new AreaRef(Division.Indeling2022, "FB08"));
        var names = Registry.Value.Neighbours(fb08).Select(a => a.Code).ToList();

        names.ShouldContain("FB06");
        names.ShouldContain("FB07");
        names.ShouldNotContain("FB08");
        names.ShouldNotContain("AA01");
    }

    [Fact]
    public void Api_geojson_Should_give_the_same_buurten_as_the_csv()
    {
        var file = TextFile.Read(TestPaths.Real("amsterdam-gebieden/2022/api-gebieden-buurten.geojson"), "api-gebieden-buurten.geojson");
        var buurten = BoundaryReaders.ReadApiBuurtenGeoJson(file).ToList();

        buurten.Count.ShouldBe(518);
        var fb08 = buurten.Single(b => b.Ref.Code == "FB08");
        fb08.Name.ShouldBe("Wegener Sleeswijkbuurt");
        fb08.CbsCode.ShouldBe("BU0363FB08");
        fb08.Parent.ShouldBe(new AreaRef(Division.Indeling2022, "FB"));
        Geo.AreaM2(fb08.Geometry!).ShouldBe(Registry.Value.Get(fb08.Ref).AreaM2!.Value, 2000);
    }
}
