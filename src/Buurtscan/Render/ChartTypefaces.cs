using System.Buffers.Binary;
using SkiaSharp;

namespace Buurtscan.Render;

/// <summary>
/// The typefaces of the charts: the maps' font (<see cref="MapPainter.Typeface"/>), as a copy whose character
/// map holds only the characters charts are written in (Latin, punctuation, the euro sign, a few math signs).
/// <para>
/// Why: Skia's SVG canvas writes each text as characters, and to turn the glyphs back into characters it builds
/// the font's whole glyph-to-character map for every single text. DejaVu Sans maps some 5,800 characters, so
/// that took 50 µs per text, 3 ms for a chart with 60 texts, more than drawing its pixels. With the copy it is
/// 1 ms, and a chart takes a quarter less time. The copy has the same glyphs under the same numbers, the same
/// metrics and the same name, so the SVG is byte for byte the one drawn with the font itself, and so are the
/// PNGs, but for Skia anti-aliasing one glyph a hair differently now and then (on the real data of stadsdeel F:
/// 32 pixels of the ² of "km²" in one chart). Either way a chart is drawn the same in every run.
/// </para>
/// <para>
/// A chart with a text outside the copy's characters (an area name in another script, say) is drawn with the
/// font itself (<see cref="For"/>). A character is only kept when it is the first character of its glyph in
/// the font (many glyphs serve several characters), because that first one is what the SVG canvas writes.
/// </para>
/// </summary>
public static class ChartTypefaces
{
    private static readonly Lazy<(SKTypeface Regular, SKTypeface Bold)?> Lean = new(() =>
    {
        var regular = LeanCopy(MapPainter.Typeface(bold: false));
        var bold = LeanCopy(MapPainter.Typeface(bold: true));
        return regular is not null && bold is not null ? (regular, bold) : null;
    });

    /// <summary>The characters the copies keep (when the font has them): Latin, general punctuation, currency signs, mathematical operators.</summary>
    private static bool Wanted(int c) => c is (>= 0x20 and < 0x250) or (>= 0x2000 and < 0x20D0) or (>= 0x2200 and < 0x2300);

    /// <summary>Characters below this are looked at when finding the first character of a glyph; every wanted one lies below it.</summary>
    private const int Scanned = 0x2300;

    /// <summary>The regular and bold typefaces to draw <paramref name="texts"/> with: the lean copies when they have every character.</summary>
    public static (SKTypeface Regular, SKTypeface Bold) For(IEnumerable<string> texts)
    {
        if (Lean.Value is { } lean && texts.All(t => lean.Regular.ContainsGlyphs(t) && lean.Bold.ContainsGlyphs(t))) return lean;
        return (MapPainter.Typeface(bold: false), MapPainter.Typeface(bold: true));
    }

    /// <summary>The font with its character map cut down to the wanted characters; null when it is not a font this can copy.</summary>
    internal static SKTypeface? LeanCopy(SKTypeface full)
    {
        try
        {
            var tags = full.GetTableTags();
            if (tags.Length == 0 || !tags.Contains(Tag("cmap")) || !tags.Contains(Tag("glyf"))) return null;

            // Each wanted character's glyph, and the first character (below Scanned) of every glyph.
            var characters = Enumerable.Range(0, Scanned).ToArray();
            var glyphs = full.GetGlyphs(characters);
            var first = new Dictionary<ushort, int>();
            for (var c = 0; c < Scanned; c++)
            {
                if (glyphs[c] != 0) first.TryAdd(glyphs[c], c);
            }

            var kept = characters.Where(c => Wanted(c) && glyphs[c] != 0 && first[glyphs[c]] == c).Select(c => (Character: c, Glyph: glyphs[c])).ToList();
            if (kept.Count == 0) return null;

            var tables = tags.Order().Select(t => (Tag: t, Data: t == Tag("cmap") ? CharacterMap(kept) : full.GetTableData(t))).ToList();
            var copy = SKTypeface.FromData(SKData.CreateCopy(FontFile(tables)));
            return copy is not null && copy.FamilyName == full.FamilyName && copy.GlyphCount == full.GlyphCount ? copy : null;
        }
#pragma warning disable CA1031 // Any failure only means the charts are drawn with the font itself, a little slower.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    private static uint Tag(string tag) => BinaryPrimitives.ReadUInt32BigEndian([(byte)tag[0], (byte)tag[1], (byte)tag[2], (byte)tag[3]]);

    /// <summary>A 'cmap' table with one Windows Unicode (3, 1) subtable in format 4: a segment per run of characters with consecutive glyphs.</summary>
    private static byte[] CharacterMap(List<(int Character, ushort Glyph)> kept)
    {
        var segments = new List<(int Start, int End, int Delta)>();
        foreach (var (c, g) in kept)
        {
            if (segments.Count > 0 && segments[^1].End == c - 1 && segments[^1].Delta == g - c) segments[^1] = segments[^1] with { End = c };
            else segments.Add((c, c, g - c));
        }

        segments.Add((0xFFFF, 0xFFFF, 1)); // the closing segment every format 4 map ends with
        var count = segments.Count;
        var searchRange = 2 * (1 << (int)Math.Log2(count));
        var subtableLength = 16 + 8 * count;
        var table = new byte[12 + subtableLength];
        var s = table.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(s[2..], 1); // one subtable
        BinaryPrimitives.WriteUInt16BigEndian(s[4..], 3); // Windows
        BinaryPrimitives.WriteUInt16BigEndian(s[6..], 1); // Unicode BMP
        BinaryPrimitives.WriteUInt32BigEndian(s[8..], 12);
        var m = s[12..];
        BinaryPrimitives.WriteUInt16BigEndian(m, 4);
        BinaryPrimitives.WriteUInt16BigEndian(m[2..], (ushort)subtableLength);
        BinaryPrimitives.WriteUInt16BigEndian(m[6..], (ushort)(2 * count));
        BinaryPrimitives.WriteUInt16BigEndian(m[8..], (ushort)searchRange);
        BinaryPrimitives.WriteUInt16BigEndian(m[10..], (ushort)Math.Log2(searchRange / 2));
        BinaryPrimitives.WriteUInt16BigEndian(m[12..], (ushort)(2 * count - searchRange));
        for (var i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(m[(14 + 2 * i)..], (ushort)segments[i].End);
            BinaryPrimitives.WriteUInt16BigEndian(m[(16 + 2 * count + 2 * i)..], (ushort)segments[i].Start);
            BinaryPrimitives.WriteUInt16BigEndian(m[(16 + 4 * count + 2 * i)..], (ushort)(segments[i].Delta & 0xFFFF));
            // idRangeOffset stays 0: glyph = character + delta.
        }

        return table;
    }

    /// <summary>A TrueType file of the given tables (sorted by tag), each at a four-byte boundary with its checksum.</summary>
    private static byte[] FontFile(List<(uint Tag, byte[] Data)> tables)
    {
        static int Padded(int length) => (length + 3) & ~3;
        var headerLength = 12 + 16 * tables.Count;
        var file = new byte[headerLength + tables.Sum(t => Padded(t.Data.Length))];
        var s = file.AsSpan();
        var entrySelector = (int)Math.Log2(tables.Count);
        BinaryPrimitives.WriteUInt32BigEndian(s, 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(s[4..], (ushort)tables.Count);
        BinaryPrimitives.WriteUInt16BigEndian(s[6..], (ushort)(16 << entrySelector));
        BinaryPrimitives.WriteUInt16BigEndian(s[8..], (ushort)entrySelector);
        BinaryPrimitives.WriteUInt16BigEndian(s[10..], (ushort)(16 * tables.Count - (16 << entrySelector)));
        var offset = headerLength;
        for (var i = 0; i < tables.Count; i++)
        {
            var (tag, data) = tables[i];
            data.CopyTo(s[offset..]);
            uint checksum = 0;
            for (var at = offset; at < offset + Padded(data.Length); at += 4) checksum += BinaryPrimitives.ReadUInt32BigEndian(s[at..]);
            var record = s[(12 + 16 * i)..];
            BinaryPrimitives.WriteUInt32BigEndian(record, tag);
            BinaryPrimitives.WriteUInt32BigEndian(record[4..], checksum);
            BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(record[12..], (uint)data.Length);
            offset += Padded(data.Length);
        }

        return file;
    }
}
