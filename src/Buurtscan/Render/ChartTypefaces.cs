using System.Buffers.Binary;
using SkiaSharp;

namespace Buurtscan.Render;

/// <summary>
/// The typefaces of the charts: the maps' font (<see cref="MapPainter.Typeface"/>), its regular face as a copy
/// whose character map holds only the characters charts are written in. There are two copies: a basic one with
/// what Dutch text and our number formats need (ASCII, Latin-1 and a dozen signs), and a broad one (Latin,
/// punctuation, currency signs, math signs) for a chart with a character beyond those. The bold face, for the one
/// title of a chart, is the font itself: making its copy would cost more than it saves.
/// <para>
/// Why: Skia's SVG canvas writes each text as characters, and to turn the glyphs back into characters it builds
/// the font's whole glyph-to-character map for every single text, walking every character the font maps.
/// DejaVu Sans maps some 5,400 characters, so that took 50 µs per text, 3 ms for a chart with 60 texts, more
/// than drawing its pixels. With the broad copy (958 characters) it is 1 ms, and a chart takes a quarter less
/// time. The basic copy (203 characters) takes a third off what is left: 60 texts into the SVG canvas in
/// 1.3-1.7 ms instead of 2.0-2.8 ms (3 alternating runs). The copy has the same glyphs under the same numbers, the same
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
    private static readonly Lazy<SKTypeface?>[] Copies =
    [
        new(() => LeanCopy(MapPainter.Typeface(bold: false), InBasicCopy)),
        new(() => LeanCopy(MapPainter.Typeface(bold: false), InBroadCopy)),
    ];

    /// <summary>
    /// The characters the basic copy keeps (when the font has them): ASCII, Latin-1 (Dutch letters with accents,
    /// ², ·, ±), dashes, quotes, the ellipsis, ‰, €, the minus sign, ≤ and ≥.
    /// </summary>
    internal static bool InBasicCopy(int c) => c is (>= 0x20 and < 0x7F) or (>= 0xA0 and < 0x100)
        or 0x2013 or 0x2014 or 0x2018 or 0x2019 or 0x201C or 0x201D or 0x2026 or 0x2030 or 0x20AC or 0x2212 or 0x2264 or 0x2265;

    /// <summary>The characters the broad copy keeps (when the font has them): Latin, general punctuation, currency signs, mathematical operators.</summary>
    internal static bool InBroadCopy(int c) => c is (>= 0x20 and < 0x250) or (>= 0x2000 and < 0x20D0) or (>= 0x2200 and < 0x2300);

    /// <summary>Characters below this are looked at when finding the first character of a glyph; every wanted one lies below it.</summary>
    private const int Scanned = 0x2300;

    /// <summary>The regular and bold typefaces to draw <paramref name="texts"/> with: as the regular one, the smallest copy that has every character.</summary>
    public static (SKTypeface Regular, SKTypeface Bold) For(IEnumerable<string> texts)
    {
        var all = texts.ToList();
        var regular = Copies.Select(c => c.Value).FirstOrDefault(copy => copy is not null && all.All(copy.ContainsGlyphs)) ?? MapPainter.Typeface(bold: false);
        return (regular, MapPainter.Typeface(bold: true));
    }

    /// <summary>
    /// The font with its character map cut down to the <paramref name="wanted"/> characters (by default those of the
    /// broad copy); null when it is not a font this can copy.
    /// </summary>
    internal static SKTypeface? LeanCopy(SKTypeface full, Func<int, bool>? wanted = null)
    {
        wanted ??= InBroadCopy;
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

            var kept = characters.Where(c => wanted(c) && glyphs[c] != 0 && first[glyphs[c]] == c).ToList();
            if (kept.Count == 0) return null;

            Array.Sort(tags);
            var tables = tags.Select(t => t == Tag("cmap") ? CharacterMap(kept, glyphs) : full.GetTableData(t)).ToList();
            var copy = SKTypeface.FromData(SKData.CreateCopy(FontFile(tags, tables)));
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
    private static byte[] CharacterMap(List<int> kept, ushort[] glyphs)
    {
        // Segments as start, end and delta (glyph minus character).
        List<int> starts = [], ends = [], deltas = [];
        foreach (var c in kept)
        {
            var delta = glyphs[c] - c;
            if (ends.Count > 0 && ends[^1] == c - 1 && deltas[^1] == delta)
            {
                ends[^1] = c;
                continue;
            }

            starts.Add(c);
            ends.Add(c);
            deltas.Add(delta);
        }

        // The closing segment every format 4 map ends with.
        starts.Add(0xFFFF);
        ends.Add(0xFFFF);
        deltas.Add(1);
        var count = starts.Count;
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
            BinaryPrimitives.WriteUInt16BigEndian(m[(14 + 2 * i)..], (ushort)ends[i]);
            BinaryPrimitives.WriteUInt16BigEndian(m[(16 + 2 * count + 2 * i)..], (ushort)starts[i]);
            BinaryPrimitives.WriteUInt16BigEndian(m[(16 + 4 * count + 2 * i)..], (ushort)(deltas[i] & 0xFFFF));
            // idRangeOffset stays 0: glyph = character + delta.
        }

        return table;
    }

    /// <summary>A TrueType file of the given tables (sorted by tag), each at a four-byte boundary with its checksum.</summary>
    private static byte[] FontFile(uint[] tags, List<byte[]> tables)
    {
        static int Padded(int length) => (length + 3) & ~3;
        var headerLength = 12 + 16 * tables.Count;
        var file = new byte[headerLength + tables.Sum(t => Padded(t.Length))];
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
            var data = tables[i];
            data.CopyTo(s[offset..]);
            var record = s[(12 + 16 * i)..];
            BinaryPrimitives.WriteUInt32BigEndian(record, tags[i]);
            BinaryPrimitives.WriteUInt32BigEndian(record[4..], Checksum(s.Slice(offset, Padded(data.Length))));
            BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(record[12..], (uint)data.Length);
            offset += Padded(data.Length);
        }

        return file;
    }

    /// <summary>A table's checksum: the sum of its big-endian 32-bit words. Optimised at once: it runs once, over 700 KB.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static uint Checksum(ReadOnlySpan<byte> table)
    {
        uint sum = 0;
        for (var at = 0; at + 4 <= table.Length; at += 4) sum += BinaryPrimitives.ReadUInt32BigEndian(table[at..]);
        return sum;
    }
}
