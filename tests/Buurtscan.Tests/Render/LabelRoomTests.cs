using Buurtscan.Areas;
using Buurtscan.Render;
using NetTopologySuite.Geometries;

namespace Buurtscan.Tests.Render;

/// <summary>Where labels go: rooms shared between maps of about the same scale, on the real boundaries.</summary>
public sealed class LabelRoomTests
{
    [Fact]
    public void Detail_Should_round_a_scale_up_to_a_quarter_octave_exactly()
    {
        MapPlanner.Detail(1).ShouldBe(1);
        MapPlanner.Detail(0.5).ShouldBe(0.5);
        MapPlanner.Detail(0.75).ShouldBe(Math.Pow(2, -0.25), 1e-15);
        MapPlanner.Detail(1.2).ShouldBe(Math.Sqrt(2), 1e-15);
        MapPlanner.Detail(3.9).ShouldBe(4);
    }

    [Fact]
    public void Detail_Should_never_be_coarser_than_the_scale_nor_finer_by_more_than_a_quarter_octave()
    {
        var random = new Random(20261129);
        for (var i = 0; i < 20_000; i++)
        {
            var scale = Math.Pow(10, random.NextDouble() * 8 - 5);
            var detail = MapPlanner.Detail(scale);

            detail.ShouldBeGreaterThanOrEqualTo(scale);
            detail.ShouldBeLessThanOrEqualTo(scale * Math.Pow(2, 0.25) * (1 + 1e-12));
            MapPlanner.Detail(detail).ShouldBe(detail, $"a detail is its own detail ({scale})");
            MapPlanner.Detail(scale * (1 + 1e-9)).ShouldBeGreaterThanOrEqualTo(detail, $"rounding keeps the order ({scale})");
        }
    }

    [Fact]
    public void An_area_wholly_in_view_Should_get_the_same_centre_in_every_view_of_about_the_same_scale()
    {
        var buurt = RealFb08.Focus.Geometry!;
        var metres = Geo.ToLocalMetres(buurt).EnvelopeInternal;
        var around = new Envelope(metres.MinX - 500, metres.MaxX + 500, metres.MinY - 500, metres.MaxY + 500);
        var shifted = new Envelope(around.MinX - 300, around.MaxX - 300, around.MinY + 200, around.MaxY + 200);

        var first = MapPlanner.LabelCentre(buurt, 0.61, around)!;
        var second = MapPlanner.LabelCentre(buurt, 0.63, shifted)!;

        second.ShouldBeSameAs(first);
        around.Contains(first).ShouldBeTrue();
    }

    [Fact]
    public void An_area_partly_in_view_Should_get_its_centre_in_the_part_in_view()
    {
        var buurt = RealFb08.Focus.Geometry!;
        var metres = Geo.ToLocalMetres(buurt);
        var envelope = metres.EnvelopeInternal;
        var leftHalf = new Envelope(envelope.MinX - 800, envelope.Centre.X, envelope.MinY - 800, envelope.MaxY + 800);

        var part = MapPlanner.LabelCentre(buurt, 0.61, leftHalf)!;

        leftHalf.Contains(part).ShouldBeTrue();
        metres.Contains(new Point(part)).ShouldBeTrue();
    }

    [Fact]
    public void An_area_out_of_view_Should_have_no_room()
    {
        var buurt = RealFb08.Focus.Geometry!;
        var envelope = Geo.ToLocalMetres(buurt).EnvelopeInternal;
        var elsewhere = new Envelope(envelope.MaxX + 100, envelope.MaxX + 2000, envelope.MinY, envelope.MaxY);

        MapPlanner.LabelCentre(buurt, 0.61, elsewhere).ShouldBeNull();
    }
}
