using System.Text.Json;
using Buurtscan.Domain;
using Buurtscan.Render;

namespace Buurtscan.Tests.Render;

/// <summary>area.geojson: the focus buurt and its parents as RFC 7946 GeoJSON.</summary>
public sealed class AreaGeoJsonTests
{
    [Fact]
    public void The_chain_Should_be_written_with_codes_levels_and_counter_clockwise_rings()
    {
        var chain = RealFb08.Registry.Chain(new AreaRef(Division.Indeling2022, "FB08"));

        var text = AreaGeoJson.Write(chain);

        using var json = JsonDocument.Parse(text);
        var features = json.RootElement.GetProperty("features").EnumerateArray().ToList();
        features.Select(f => f.GetProperty("properties").GetProperty("code").GetString()).ShouldBe(["FB08", "FB", "GF07", "F", "0363"]);
        features.Select(f => f.GetProperty("properties").GetProperty("level").GetString()).ShouldBe(["buurt", "wijk", "gebied", "stadsdeel", "gemeente"]);
        features[0].GetProperty("properties").GetProperty("cbsCode").GetString().ShouldBe("BU0363FB08");
        features[2].GetProperty("properties").GetProperty("cbsCode").ValueKind.ShouldBe(JsonValueKind.Null);
        features[0].GetProperty("properties").GetProperty("name").GetString().ShouldBe("Wegener Sleeswijkbuurt");

        var ring = features[0].GetProperty("geometry").GetProperty("coordinates")[0].EnumerateArray().Select(p => (X: p[0].GetDouble(), Y: p[1].GetDouble())).ToList();
        ring[0].ShouldBe(ring[^1]);
        ring.ShouldAllBe(p => p.X > 4.7 && p.X < 5.1 && p.Y > 52.2 && p.Y < 52.5); // longitude first, WGS84
        ring.Zip(ring.Skip(1)).Sum(p => p.First.X * p.Second.Y - p.Second.X * p.First.Y).ShouldBeGreaterThan(0); // counter-clockwise
        text.ShouldNotMatch(@"\d\.\d{8,}"); // at most 7 decimals
        AreaGeoJson.Write(chain).ShouldBe(text);
    }
}
