using Buurtscan.Render;
using SkiaSharp;

namespace Buurtscan.Tests.Render;

/// <summary>The PNG writer of charts and maps: what it writes decodes to the pixels drawn, whole or in strips.</summary>
public sealed class PngTests
{
    /// <summary>Shapes, anti-aliased edges and text, so that every filter difference and colour occurs.</summary>
    private static void Draw(SKCanvas canvas)
    {
        canvas.Clear(SKColors.White);
        using var fill = new SKPaint { Color = new SKColor(0xF5, 0xC3, 0x6B), IsAntialias = true };
        using var line = new SKPaint { Color = new SKColor(0x00, 0x72, 0xB2), IsAntialias = true, IsStroke = true, StrokeWidth = 3 };
        canvas.DrawCircle(61, 40, 33, fill);
        canvas.DrawLine(0, 0, 123, 97, line);
        canvas.DrawRect(80, 10, 30, 70, line);
        using var font = new SKFont(SKTypeface.Default, 17);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        canvas.DrawText("Buurt 19,2%", 5, 90, SKTextAlign.Left, font, ink);
    }

    private static (byte[] Png, SKBitmap Drawn) Whole(int width, int height, Action<SKCanvas>? draw = null)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque))!;
        (draw ?? Draw)(surface.Canvas);
        var drawn = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        surface.ReadPixels(drawn.Info, drawn.GetPixels(), drawn.RowBytes, 0, 0).ShouldBeTrue();
        return (Png.Encode(surface), drawn);
    }

    private static void ShouldHaveThePixelsOf(byte[] png, SKBitmap drawn)
    {
        using var decoded = SKBitmap.Decode(png).ShouldNotBeNull();
        decoded.Width.ShouldBe(drawn.Width);
        decoded.Height.ShouldBe(drawn.Height);
        for (var y = 0; y < drawn.Height; y++)
        {
            for (var x = 0; x < drawn.Width; x++)
            {
                var (expected, actual) = (drawn.GetPixel(x, y), decoded.GetPixel(x, y));
                if (expected != actual) throw new ShouldAssertException($"pixel ({x}, {y}) is {actual}, drawn as {expected}");
            }
        }
    }

    [Fact]
    public void A_surface_Should_decode_to_the_pixels_drawn()
    {
        var (png, drawn) = Whole(123, 97);
        using (drawn)
        {
            Png.Size(png).ShouldBe((123, 97));
            Png.Resolution(png).ShouldBeNull();
            ShouldHaveThePixelsOf(png, drawn);
        }
    }

    [Fact]
    public void A_picture_of_many_writes_to_zlib_Should_decode_to_the_pixels_drawn()
    {
        // 2,101 bytes a row: 31 rows go to zlib at a time, nine times, then the last 21 rows when the file is finished.
        var (png, drawn) = Whole(700, 300, canvas =>
        {
            Draw(canvas);
            // Down to the last pixel, so that every row differs from white somewhere.
            using var diagonal = new SKPaint { Color = new SKColor(0x00, 0x9E, 0x73), IsAntialias = true, IsStroke = true, StrokeWidth = 4 };
            canvas.DrawLine(0, 0, 700, 300, diagonal);
        });
        using (drawn)
        {
            drawn.GetPixel(699, 299).ShouldNotBe(SKColors.White); // the drawing reaches the last rows
            ShouldHaveThePixelsOf(png, drawn);
        }
    }

    [Theory]
    [InlineData(97)] // one strip
    [InlineData(500)] // a strip taller than the picture
    public void A_picture_drawn_in_one_strip_Should_be_the_picture_drawn_whole(int stripHeight)
    {
        var (whole, drawn) = Whole(123, 97);
        using (drawn)
        {
            var strips = Png.EncodeInStrips(123, 97, dpi: null, Draw, stripHeight);
            ShouldHaveThePixelsOf(strips, drawn);
            strips.ShouldBe(whole); // the same rows, so the same bytes
        }
    }

    /// <summary>
    /// Skia's anti-aliasing shades some edge pixels up to about 10% differently on a smaller surface, so strips
    /// are compared with a tolerance for edge shading only: every shape, colour and row is there and in its place.
    /// </summary>
    [Fact]
    public void A_picture_drawn_in_strips_Should_look_like_the_picture_drawn_whole()
    {
        var (_, drawn) = Whole(123, 97);
        using (drawn)
        {
            var strips = Png.EncodeInStrips(123, 97, dpi: null, Draw, stripHeight: 7); // strips that do not divide the height
            Png.EncodeInStrips(123, 97, dpi: null, Draw, stripHeight: 7).ShouldBe(strips); // deterministic
            using var decoded = SKBitmap.Decode(strips).ShouldNotBeNull();
            var differing = 0;
            for (var y = 0; y < drawn.Height; y++)
            {
                for (var x = 0; x < drawn.Width; x++)
                {
                    var (expected, actual) = (drawn.GetPixel(x, y), decoded.GetPixel(x, y));
                    var difference = Math.Max(Math.Abs(expected.Red - actual.Red), Math.Max(Math.Abs(expected.Green - actual.Green), Math.Abs(expected.Blue - actual.Blue)));
                    difference.ShouldBeLessThanOrEqualTo(40, $"pixel ({x}, {y})");
                    if (difference > 0) differing++;
                }
            }

            differing.ShouldBeLessThan(drawn.Width * drawn.Height / 20);
        }
    }

    [Fact]
    public void Pictures_encoded_one_after_another_on_a_thread_Should_each_be_what_it_is_alone()
    {
        // Alone: each on a thread of its own, which has encoded nothing before.
        byte[] Alone(Func<byte[]> encode)
        {
            byte[]? result = null;
            var thread = new Thread(() => result = encode());
            thread.Start();
            thread.Join();
            return result!;
        }

        byte[] Large() => Png.EncodeInStrips(640, 480, dpi: 300, Noise, 64);
        byte[] Small() => Png.EncodeInStrips(123, 97, dpi: null, Draw, 97);
        var large = Alone(Large);
        var small = Alone(Small);

        // In turn on one thread: the larger picture's compressed bytes must not leak into the smaller one, nor the reverse.
        Alone(() => [.. Large(), .. Small(), .. Large(), .. Small()]).ShouldBe([.. large, .. small, .. large, .. small]);
        SKBitmap.Decode(small).ShouldNotBeNull().Width.ShouldBe(123);

        // Random colours that zlib cannot shrink: the larger picture's buffer is far larger than the smaller one's.
        static void Noise(SKCanvas canvas)
        {
            var random = new Random(7);
            for (var y = 0; y < 480; y += 4)
            {
                for (var x = 0; x < 640; x += 4)
                {
                    using var paint = new SKPaint { Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)) };
                    canvas.DrawRect(x, y, 4, 4, paint);
                }
            }
        }
    }

    [Fact]
    public void Packing_pixels_Should_drop_every_fourth_byte_and_write_nothing_past_the_row()
    {
        var random = new Random(4711);
        // Up to 140 pixels: several steps of every width (16, 8, 4 and 1 pixels) and every way for one to end.
        for (var pixels = 0; pixels <= 140; pixels++)
        {
            var rgba = new byte[pixels * 4];
            random.NextBytes(rgba);
            var buffer = new byte[pixels * 3 + 16];
            Array.Fill(buffer, (byte)0xAB);

            Png.PackRgb(rgba, buffer.AsSpan(0, pixels * 3));

            var expected = rgba.Where((_, i) => i % 4 != 3).ToArray();
            buffer.AsSpan(0, pixels * 3).ToArray().ShouldBe(expected, $"{pixels} pixels");
            buffer.Skip(pixels * 3).ShouldAllBe(b => b == 0xAB, $"{pixels} pixels");
        }
    }

    [Fact]
    public void Every_chunk_Should_carry_the_CRC_of_its_type_and_data()
    {
        var png = Png.EncodeInStrips(40, 30, dpi: 300, Draw, 8);
        var types = new List<string>();
        for (var at = 8; at < png.Length;)
        {
            var length = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
            types.Add(System.Text.Encoding.ASCII.GetString(png, at + 4, 4));
            var stored = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length));
            stored.ShouldBe(BitwiseCrc(png.AsSpan(at + 4, 4 + length)), types[^1]);
            at += 12 + length;
        }

        types.ShouldBe(["IHDR", "pHYs", "IDAT", "IEND"]);
    }

    /// <summary>CRC-32 as the PNG specification defines it, one bit at a time: slow, and plainly right.</summary>
    private static uint BitwiseCrc(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }

        return crc ^ 0xFFFFFFFFu;
    }

    [Fact]
    public void A_print_resolution_Should_be_declared_in_the_file()
    {
        var png = Png.EncodeInStrips(40, 30, dpi: 300, Draw, 8);
        Png.Resolution(png).ShouldNotBeNull().ShouldBe(300, 0.01);
        using var decoded = SKBitmap.Decode(png);
        decoded.ShouldNotBeNull().Width.ShouldBe(40);
    }
}
