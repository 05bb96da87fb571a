using System.Buffers.Binary;
using SkiaSharp;

namespace Buurtscan.Render;

/// <summary>PNG encoding for charts and maps, and an edit the encoder does not offer: the physical resolution that print needs.</summary>
public static class Png
{
    /// <summary>
    /// The pixels of a surface as PNG, with the Sub filter and the fastest zlib level: charts and maps are mostly
    /// flat colour, where this is nearly as small as the default and several times faster to write.
    /// </summary>
    public static byte[] Encode(SKSurface surface)
    {
        using var pixmap = surface.PeekPixels() ?? throw new InvalidOperationException("cannot read the drawing surface");
        using var data = pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Sub, 1))
            ?? throw new InvalidOperationException("the PNG encoder failed");
        return data.ToArray();
    }

    private static readonly uint[] CrcTable = MakeCrcTable();

    /// <summary>
    /// Adds a pHYs chunk right after IHDR, so printing software knows the image's physical size (A3 at 300 dpi
    /// prints as A3 instead of as a poster at 96 dpi).
    /// </summary>
    public static byte[] WithResolution(byte[] png, int dpi)
    {
        const int afterHeader = 8 + 4 + 4 + 13 + 4; // signature, then the IHDR chunk (length, type, 13 bytes, CRC)
        if (png.Length < afterHeader || !png.AsSpan(12, 4).SequenceEqual("IHDR"u8))
        {
            throw new ArgumentException("not a PNG that starts with IHDR", nameof(png));
        }

        var pixelsPerMetre = (uint)Math.Round(dpi / 0.0254);
        var chunk = new byte[4 + 4 + 9 + 4];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, 9);
        "pHYs"u8.CopyTo(chunk.AsSpan(4));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8), pixelsPerMetre);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(12), pixelsPerMetre);
        chunk[16] = 1; // unit: metre
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(17), Crc(chunk.AsSpan(4, 13)));
        return [.. png.AsSpan(0, afterHeader), .. chunk, .. png.AsSpan(afterHeader)];
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

    private static uint Crc(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data) crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc ^ 0xFFFFFFFFu;
    }

    private static uint[] MakeCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }

        return table;
    }
}
