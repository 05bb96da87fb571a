using Buurtscan.Render;
using SkiaSharp;

namespace Buurtscan.Tests.Render;

/// <summary>Surfaces handed out again: the next picture on one is the picture drawn on a new surface.</summary>
public sealed class PixelSurfacesTests
{
    private static readonly SKImageInfo Small = new(31, 17, SKColorType.Rgba8888, SKAlphaType.Premul);

    [Fact]
    public void A_surface_given_back_Should_be_handed_out_again_for_the_same_size_only()
    {
        var store = new PixelSurfaces(capacity: 4);
        SKSurface first;
        using (var lease = store.Take(Small)) first = lease.Surface;

        using (var other = store.Take(Small with { Width = 32 })) other.Surface.ShouldNotBeSameAs(first);
        using var again = store.Take(Small);
        again.Surface.ShouldBeSameAs(first);

        // Taken twice at once (a picture drawn while drawing another): two surfaces.
        using var nested = store.Take(Small);
        nested.Surface.ShouldNotBeSameAs(first);
    }

    [Fact]
    public void No_more_surfaces_than_the_capacity_Should_be_kept()
    {
        var store = new PixelSurfaces(capacity: 2);
        var sizes = new[] { 10, 11, 12 }.Select(w => Small with { Width = w }).ToList();
        var leases = sizes.Select(store.Take).ToList();
        var surfaces = leases.Select(l => l.Surface).ToList();
        foreach (var lease in leases) lease.Dispose();

        // The longest unused (width 10) went, and was disposed; the other two come back.
        using var ten = store.Take(sizes[0]);
        ten.Surface.ShouldNotBeSameAs(surfaces[0]);
        surfaces[0].Handle.ShouldBe(IntPtr.Zero);
        using var eleven = store.Take(sizes[1]);
        eleven.Surface.ShouldBeSameAs(surfaces[1]);
        using var twelve = store.Take(sizes[2]);
        twelve.Surface.ShouldBeSameAs(surfaces[2]);
    }

    [Theory]
    [InlineData("save")]
    [InlineData("clip")]
    [InlineData("transform")]
    public void A_surface_given_back_with_its_canvas_changed_Should_not_be_handed_out_again(string change)
    {
        var store = new PixelSurfaces(capacity: 4);
        SKSurface surface;
        using (var lease = store.Take(Small))
        {
            surface = lease.Surface;
            var canvas = lease.Surface.Canvas;
            if (change == "save") canvas.Save();
            if (change == "clip") canvas.ClipRect(new SKRect(0, 0, 3, 3)); // on the canvas's own level: no restore undoes it
            if (change == "transform") canvas.Translate(5, 5);
        }

        surface.Handle.ShouldBe(IntPtr.Zero);
        using var next = store.Take(Small);
        next.Surface.ShouldNotBeSameAs(surface);
        next.Surface.Canvas.SaveCount.ShouldBe(1);
        next.Surface.Canvas.TotalMatrix.ShouldBe(SKMatrix.Identity);
        next.Surface.Canvas.DeviceClipBounds.ShouldBe(new SKRectI(0, 0, Small.Width, Small.Height));
    }

    /// <summary>The surface a chart is drawn on held another chart before: the PNG is the one a new surface gives.</summary>
    [Fact]
    public void A_chart_drawn_after_another_Should_have_the_pixels_it_has_when_drawn_first()
    {
        var bars = new BarChart("b", "Veiligheid", "alt", "%", ["Onveilig", "Overlast"], [new ChartSeries("Gebied", [21.5, null]), new ChartSeries("Amsterdam", [19.0, 30.2])], "%");
        var lines = new LineChart("l", "WOZ-waarde", "alt", "euro", [new LineSeries("Buurt", [new(2021, 300, false), new(2023, 340, true)])], "");
        using var barPicture = Charts.Record(bars);
        using var linePicture = Charts.Record(lines);

        byte[] OnNewSurface(SKPicture picture)
        {
            using var surface = SKSurface.Create(new SKImageInfo(Charts.Width, Charts.Height, SKColorType.Rgba8888, SKAlphaType.Premul))!;
            surface.Canvas.DrawPicture(picture);
            return Png.Encode(surface);
        }

        Charts.PngOf(linePicture);
        Charts.PngOf(barPicture).ShouldBe(OnNewSurface(barPicture));
        Charts.PngOf(linePicture).ShouldBe(OnNewSurface(linePicture));
    }

    /// <summary>A strip surface that held a map is painted over by the next picture of that width; no pixel of the first survives.</summary>
    [Fact]
    public void A_picture_in_strips_after_another_Should_be_the_picture_drawn_alone()
    {
        static void Red(SKCanvas canvas) => canvas.Clear(SKColors.Red);
        static void Picture(SKCanvas canvas)
        {
            canvas.Clear(SKColors.White);
            using var ink = new SKPaint { Color = SKColors.Navy, IsAntialias = true };
            canvas.DrawCircle(20, 20, 15, ink);
        }

        var alone = Png.EncodeInStrips(40, 40, dpi: null, Picture, 16);
        Png.EncodeInStrips(40, 40, dpi: null, Red, 16);
        Png.EncodeInStrips(40, 40, dpi: null, Picture, 16).ShouldBe(alone);
    }
}
