using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using SkiaSharp;

namespace Buurtscan.Render;

/// <summary>PNG encoding for charts and maps, with the physical resolution that print needs.</summary>
public static class Png
{
    /// <summary>
    /// The zlib level of every PNG (see <see cref="Writer"/>). Public for the benchmark, which measures how long this
    /// compression alone takes for a run's pictures.
    /// </summary>
    public const int ZLibLevel = 2;

    /// <summary>The pixels of a surface (RGBA, opaque) as PNG.</summary>
    public static byte[] Encode(SKSurface surface)
    {
        using var pixmap = surface.PeekPixels() ?? throw new InvalidOperationException("cannot read the drawing surface");
        var writer = new Writer(pixmap.Width, pixmap.Height, dpi: null);
        writer.AddRows(pixmap);
        return writer.Finish();
    }

    /// <summary>
    /// A picture too large to hold at once (an A3 map at 300 dpi has 17 million pixels), drawn by
    /// <paramref name="draw"/> in horizontal strips on one small surface and encoded strip by strip: a fraction
    /// of the memory, and no time spent clearing and faulting in 70 MB of fresh pixels. The surface may hold an earlier
    /// picture (<see cref="PixelSurfaces"/>): <paramref name="draw"/> paints every pixel, a clear first.
    /// </summary>
    public static byte[] EncodeInStrips(int width, int height, int? dpi, Action<SKCanvas> draw, int stripHeight = 256)
    {
        var writer = new Writer(width, height, dpi);
        var info = new SKImageInfo(width, Math.Min(stripHeight, height), SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var lease = PixelSurfaces.Shared.Take(info);
        var surface = lease.Surface;
        using var pixmap = surface.PeekPixels() ?? throw new InvalidOperationException("cannot read the drawing surface");
        for (var top = 0; top < height; top += info.Height)
        {
            var canvas = surface.Canvas;
            canvas.Save();
            canvas.Translate(0, -top);
            draw(canvas);
            canvas.Restore();
            canvas.Flush();
            writer.AddRows(pixmap, Math.Min(info.Height, height - top));
        }

        return writer.Finish();
    }

    /// <summary>
    /// Writes an 8-bit RGB PNG row by row: rows unfiltered, then zlib at level 2. Charts and maps are flat colour
    /// with anti-aliased edges; there zlib finds the repeated pixels and rows of unfiltered data itself, and
    /// filters only make the edges noisier. Measured on the real FB08 scan against the Sub filter at level 4:
    /// the A3 map 1.24 MB instead of 1.44 MB in 70 instead of 95 ms, a choropleth 107 KB instead of 123 KB, a chart
    /// 24 KB instead of 29 KB, each in about two thirds of the time; level 6 is half as fast again for 10% less.
    /// </summary>
    private sealed class Writer
    {
        private readonly int width;
        private readonly int height;
        private readonly int? dpi;
        private readonly MemoryStream compressed;
        private readonly System.IO.Compression.ZLibStream zlib;

        /// <summary>
        /// Rows gathered for one write to zlib, about 64 KB: 24 rows of a chart, four of the A3 map. Written a row at a
        /// time, each row was a call into zlib of its own, and encoding took 4-5% longer (the 46 pictures of FB08,
        /// in-process, 29 alternating runs); zlib's output is the same however its input is cut up.
        /// </summary>
        private const int BlockBytes = 64 * 1024;
        private readonly byte[] block;
        private readonly int rowLength;
        private readonly int blockSize;
        private int blockLength;
        private int rows;

        /// <summary>
        /// The compressed pixels of the thread's pictures, one after another: the buffer grows to the largest picture
        /// (1.5 MB for the A3 map) once, instead of doubling its way up, on the large-object heap, for every picture.
        /// </summary>
        [ThreadStatic]
        private static MemoryStream? threadBuffer;

        public Writer(int width, int height, int? dpi)
        {
            this.width = width;
            this.height = height;
            this.dpi = dpi;
            compressed = threadBuffer ?? new MemoryStream();
            threadBuffer = null; // a picture drawn inside another's drawing on this thread gets a buffer of its own
            compressed.SetLength(0);
            zlib = new System.IO.Compression.ZLibStream(compressed, new System.IO.Compression.ZLibCompressionOptions { CompressionLevel = ZLibLevel }, leaveOpen: true);
            rowLength = 1 + width * 3; // the filter byte, then the pixels
            blockSize = Math.Max(1, BlockBytes / rowLength) * rowLength;
            block = System.Buffers.ArrayPool<byte>.Shared.Rent(blockSize);
        }

        // Optimised at once: a run draws a picture or two, too few calls for tiered compilation to get to this loop.
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void AddRows(SKPixmap pixmap, int? count = null)
        {
            if (pixmap.ColorType != SKColorType.Rgba8888 || pixmap.Width != width)
            {
                throw new ArgumentException($"expected {width} pixels wide RGBA, got {pixmap.Width} wide {pixmap.ColorType}", nameof(pixmap));
            }

            var pixels = pixmap.GetPixelSpan();
            var n = count ?? pixmap.Height;
            for (var y = 0; y < n; y++)
            {
                block[blockLength] = 0; // no filter
                PackRgb(pixels.Slice(y * pixmap.RowBytes, width * 4), block.AsSpan(blockLength + 1, rowLength - 1));
                blockLength += rowLength;
                if (blockLength == blockSize) WriteBlock();
            }

            rows += n;
        }

        private void WriteBlock()
        {
            zlib.Write(block, 0, blockLength);
            blockLength = 0;
        }

        public byte[] Finish()
        {
            if (rows != height) throw new InvalidOperationException($"the picture has {rows} of its {height} rows");
            WriteBlock();
            System.Buffers.ArrayPool<byte>.Shared.Return(block);
            zlib.Dispose();
            // Written into an array of the file's exact size: no copy of the compressed pixels beyond this one.
            var file = new byte[8 + (12 + 13) + (dpi is null ? 0 : 12 + 9) + (12 + (int)compressed.Length) + 12];
            using var png = new MemoryStream(file);
            png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
            var header = new byte[13];
            BinaryPrimitives.WriteUInt32BigEndian(header, (uint)width);
            BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)height);
            header[8] = 8; // bits per sample
            header[9] = 2; // RGB
            WriteChunk(png, "IHDR"u8, header);
            if (dpi is { } d) WriteChunk(png, "pHYs"u8, PhysicalSize(d));
            WriteChunk(png, "IDAT"u8, compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
            WriteChunk(png, "IEND"u8, []);
            if (png.Position != file.Length) throw new InvalidOperationException($"the PNG has {png.Position} of its {file.Length} bytes");
            threadBuffer = compressed;
            return file;
        }
    }

    /// <summary>
    /// RGBA pixels as RGB: the alpha bytes dropped. Sixteen pixels at a time with one byte permutation where the
    /// processor has one (AVX-512 VBMI), else eight at a time with a shuffle and a permutation (AVX2), else four at a
    /// time with one byte shuffle (SSSE3), the rest one by one: this loop runs over every pixel of every picture,
    /// 17 million for the A3 map alone. One byte at a time it was 6% of the CPU time of `build --all`, with the
    /// shuffle 3%, with the permutation 2.2% (it halves the time of the loop itself, which then waits on memory).
    /// On a processor without AVX-512 (AMD Zen 3) the 4-pixel shuffle was 4.4% of `build --all`; the 8-pixel step
    /// packs a row in 0.6 of its time when the row is in the cache, and took the loop's share of a run over gebied
    /// GF07 from 3.6% to 2.8%. Optimised at once, as <see cref="Writer.AddRows"/>. The native executable takes
    /// the wider steps only because it is compiled for the processor it is built on (IlcInstructionSet).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static void PackRgb(ReadOnlySpan<byte> rgba, Span<byte> rgb)
    {
        if (rgb.Length < rgba.Length / 4 * 3) throw new ArgumentException("the RGB row is too short", nameof(rgb));
        int x = 0, o = 0;

        // Each step stores a whole vector of which three quarters are pixels; the next step writes over the rest,
        // so a loop stops while a whole store still fits, and the next one takes over.
        if (Avx512Vbmi.IsSupported)
        {
            var dropAlpha = Vector512.Create(DropAlpha64);
            for (; x + 64 <= rgba.Length && o + 64 <= rgb.Length; x += 64, o += 48)
            {
                var sixteen = Vector512.Create(rgba.Slice(x, 64));
                Vector512.CopyTo(Avx512Vbmi.PermuteVar64x8(sixteen, dropAlpha), rgb.Slice(o, 64));
            }
        }

        // Four pixels' colour bytes to the front, zeros after them.
        var dropAlphaOfFour = Vector128.Create((byte)0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0x80, 0x80, 0x80, 0x80);
        if (Avx2.IsSupported)
        {
            // The shuffle works within each half of the vector: it packs each half's four pixels at its start, and
            // a permutation of 4-byte words then moves the second half's 12 bytes up against the first's.
            var dropAlpha = Vector256.Create(dropAlphaOfFour, dropAlphaOfFour);
            var together = Vector256.Create(0, 1, 2, 4, 5, 6, 3, 7);
            for (; x + 32 <= rgba.Length && o + 32 <= rgb.Length; x += 32, o += 24)
            {
                var halves = Avx2.Shuffle(Vector256.Create(rgba.Slice(x, 32)), dropAlpha);
                Vector256.CopyTo(Avx2.PermuteVar8x32(halves.AsInt32(), together).AsByte(), rgb.Slice(o, 32));
            }
        }

        if (Ssse3.IsSupported)
        {
            for (; x + 16 <= rgba.Length && o + 16 <= rgb.Length; x += 16, o += 12)
            {
                var four = Vector128.Create(rgba.Slice(x, 16));
                Vector128.CopyTo(Ssse3.Shuffle(four, dropAlphaOfFour), rgb.Slice(o, 16));
            }
        }

        for (; x + 4 <= rgba.Length; x += 4, o += 3)
        {
            rgb[o] = rgba[x];
            rgb[o + 1] = rgba[x + 1];
            rgb[o + 2] = rgba[x + 2];
        }
    }

    /// <summary>For byte i of 48 packed bytes, the byte of 16 RGBA pixels it comes from: colour i % 3 of pixel i / 3.</summary>
    private static readonly byte[] DropAlpha64 = [.. Enumerable.Range(0, 64).Select(i => (byte)(i < 48 ? i / 3 * 4 + i % 3 : 0))];

    private static void WriteChunk(Stream png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(number, (uint)data.Length);
        png.Write(number);
        png.Write(type);
        png.Write(data);
        var crc = new Crc32();
        crc.Append(type);
        crc.Append(data);
        BinaryPrimitives.WriteUInt32BigEndian(number, crc.GetCurrentHashAsUInt32());
        png.Write(number);
    }

    /// <summary>The body of a pHYs chunk: pixels per metre, twice, and the unit (metre).</summary>
    private static byte[] PhysicalSize(int dpi)
    {
        var body = new byte[9];
        var pixelsPerMetre = (uint)Math.Round(dpi / 0.0254);
        BinaryPrimitives.WriteUInt32BigEndian(body, pixelsPerMetre);
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(4), pixelsPerMetre);
        body[8] = 1;
        return body;
    }

    /// <summary>The resolution a PNG declares in its pHYs chunk, in dots per inch, or null.</summary>
    public static double? Resolution(byte[] png)
    {
        var at = 8;
        while (at + 12 <= png.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
            if (png.AsSpan(at + 4, 4).SequenceEqual("pHYs"u8) && png[at + 16] == 1)
            {
                return BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8)) * 0.0254;
            }

            at += 12 + length;
        }

        return null;
    }

    /// <summary>Width and height from the IHDR chunk.</summary>
    public static (int Width, int Height) Size(byte[] png) =>
        ((int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(16)), (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(20)));
}
