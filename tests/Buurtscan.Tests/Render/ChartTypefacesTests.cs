using Buurtscan.Render;
using Buurtscan.Tests.Support;
using SkiaSharp;

namespace Buurtscan.Tests.Render;

/// <summary>The charts' lean copies of the font: the same glyphs for the characters they keep, the same SVG, and the font itself for anything else.</summary>
public sealed class ChartTypefacesTests
{
    private static readonly SKTypeface Full = MapPainter.Typeface(bold: false);
    private static readonly SKTypeface Lean = ChartTypefaces.For(["Aanbod groen"]).Regular;

    /// <summary>The broad copy: what a chart gets when one of its texts has a letter beyond Latin-1 (ł, Latin Extended-A).</summary>
    private static readonly SKTypeface Broad = ChartTypefaces.For(["Aanbod groen", "Łódź"]).Regular;

    private static readonly int[] Bmp = Enumerable.Range(0, 0x10000).Where(c => c is < 0xD800 or > 0xDFFF).ToArray();

    private static int Mapped(SKTypeface typeface) => typeface.GetGlyphs(Bmp).Count(g => g != 0);

    [Fact]
    public void The_copies_Should_be_the_same_font_with_smaller_character_maps()
    {
        foreach (var copy in new[] { Lean, Broad })
        {
            copy.ShouldNotBeSameAs(Full);
            copy.FamilyName.ShouldBe(Full.FamilyName);
            copy.GlyphCount.ShouldBe(Full.GlyphCount);
        }

        Broad.ShouldNotBeSameAs(Lean);
        Mapped(Lean).ShouldBeInRange(150, 260);
        Mapped(Broad).ShouldBeGreaterThan(Mapped(Lean) + 300);
        Mapped(Broad).ShouldBeLessThan(Mapped(Full) / 3);
    }

    /// <summary>
    /// Each copy keeps exactly its own characters that the font has (and that are the first of their glyph): nothing
    /// more, so its map stays small.
    /// </summary>
    [Fact]
    public void Each_copy_Should_map_exactly_the_characters_it_is_made_for()
    {
        var full = Full.GetGlyphs(Bmp);
        var firstOf = FirstCharacterOfEachGlyph(Bmp, full);

        foreach (var (copy, wanted) in new[] { (Lean, (Func<int, bool>)ChartTypefaces.InBasicCopy), (Broad, ChartTypefaces.InBroadCopy) })
        {
            var glyphs = copy.GetGlyphs(Bmp);
            for (var i = 0; i < Bmp.Length; i++)
            {
                var expected = wanted(Bmp[i]) && full[i] != 0 && firstOf[full[i]] == Bmp[i];
                (glyphs[i] != 0).ShouldBe(expected, $"U+{Bmp[i]:X4}");
            }
        }
    }

    /// <summary>
    /// Besides the charts' font, a font that shares glyphs between characters: Liberation Sans, one of the families
    /// the maps fall back to (its no-break space is its space's glyph, its soft hyphen its hyphen's). DejaVu Sans
    /// shares none below U+2300, so only the second can show the rule about first characters at work.
    /// </summary>
    internal const string SharingFont = "Liberation Sans";

    private static (SKTypeface Full, SKTypeface Lean) Pair(string font)
    {
        if (font == "charts") return (Full, Lean);
        if (font == "charts, broad") return (Full, Broad);
        var full = SKTypeface.FromFamilyName(font);
        full.FamilyName.ShouldBe(font);
        return (full, ChartTypefaces.LeanCopy(full).ShouldNotBeNull());
    }

    /// <summary>What the SVG canvas writes for a glyph is the first character that has it, so the copy keeps a character only when it is that one.</summary>
    [Theory]
    [InlineData("charts")]
    [InlineData("charts, broad")]
    public void Every_kept_character_Should_have_its_own_glyph_and_be_the_first_character_of_it(string font) => EveryKeptCharacterHasItsOwnGlyph(font);

    [SharingFontFact]
    public void Every_kept_character_of_a_font_that_shares_glyphs_Should_be_the_first_character_of_its_glyph() => EveryKeptCharacterHasItsOwnGlyph(SharingFont);

    private static void EveryKeptCharacterHasItsOwnGlyph(string font)
    {
        var (fullFace, leanFace) = Pair(font);
        var characters = Enumerable.Range(0, 0x2300).ToArray();
        var full = fullFace.GetGlyphs(characters);
        var lean = leanFace.GetGlyphs(characters);
        var firstOf = FirstCharacterOfEachGlyph(characters, full);

        for (var c = 0; c < characters.Length; c++)
        {
            if (lean[c] == 0) continue;
            lean[c].ShouldBe(full[c], $"U+{c:X4}");
            firstOf[full[c]].ShouldBe(c, $"U+{c:X4}");
        }

        // Characters the charts are written in.
        leanFace.ContainsGlyphs("Inwoners per km², 12.345,6% – € ≥ Ééèëïöü ‘’“”").ShouldBeTrue();
    }

    /// <summary>For each glyph of <paramref name="glyphs"/> (those of <paramref name="characters"/>, in order), the first character that has it.</summary>
    private static Dictionary<ushort, int> FirstCharacterOfEachGlyph(int[] characters, ushort[] glyphs)
    {
        var firstOf = new Dictionary<ushort, int>();
        for (var i = 0; i < characters.Length; i++)
        {
            if (glyphs[i] != 0) firstOf.TryAdd(glyphs[i], characters[i]);
        }

        return firstOf;
    }

    [SharingFontFact]
    public void A_character_that_shares_an_earlier_characters_glyph_Should_be_left_out_of_the_copy()
    {
        var (full, lean) = Pair(SharingFont);

        foreach (var (later, earlier) in new[] { ('\u00A0', ' '), ('\u00AD', '-'), ('\u2219', '\u00B7') })
        {
            full.GetGlyph(later).ShouldBe(full.GetGlyph(earlier));
            lean.GetGlyph(earlier).ShouldBe(full.GetGlyph(earlier));
            lean.GetGlyph(later).ShouldBe((ushort)0, $"U+{(int)later:X4}");
        }
    }

    [Theory]
    [InlineData("charts")]
    [InlineData("charts, broad")]
    public void Text_Should_be_written_into_the_SVG_as_with_the_font_itself(string font) => TextIsWrittenAsWithTheFontItself(font);

    [SharingFontFact]
    public void Text_in_a_font_that_shares_glyphs_Should_be_written_into_the_SVG_as_with_the_font_itself() => TextIsWrittenAsWithTheFontItself(SharingFont);

    private static void TextIsWrittenAsWithTheFontItself(string font)
    {
        var (full, lean) = Pair(font);
        const string text = "Wegener Sleeswijkbuurt: 19,2% (≥ 65 jaar), € 1.234 – km² · a-b";
        lean.ContainsGlyphs(text).ShouldBeTrue();

        SvgOf(lean, text).ShouldBe(SvgOf(full, text));
    }

    [Theory]
    [InlineData("Aanbod groen", "basic")]
    [InlineData("Inwoners per km², 12.345,6% – € ≥ Ééèëïöü ‘’“”", "basic")]
    [InlineData("Łódź", "broad")] // Latin Extended-A: beyond the basic copy
    [InlineData("≈ 12", "broad")] // a mathematical sign the basic copy leaves out
    public void A_chart_Should_get_the_smallest_copy_that_has_all_its_characters(string text, string copy)
    {
        var (regular, _) = ChartTypefaces.For(["Titel", text]);

        regular.ShouldBeSameAs(copy == "basic" ? Lean : Broad);
    }

    [Theory]
    [InlineData("Ωmega")] // Greek: left out of both copies
    [InlineData("区域")]
    public void A_text_the_copy_cannot_write_Should_be_drawn_with_the_font_itself(string text)
    {
        var (regular, bold) = ChartTypefaces.For(["Titel", text]);

        regular.ShouldBeSameAs(Full);
        bold.ShouldBeSameAs(MapPainter.Typeface(bold: true));
    }

    private static string SvgOf(SKTypeface typeface, string text)
    {
        using var recorder = new SKPictureRecorder();
        var canvas = recorder.BeginRecording(new SKRect(0, 0, 400, 100));
        using var font = new SKFont(typeface, 14);
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        canvas.DrawText(text, 10, 50, font, paint);
        canvas.RotateDegrees(-90);
        canvas.DrawText(text, -90, 20, font, paint);
        using var picture = recorder.EndRecording();
        return Svg.Of(picture, 400, 100);
    }
}

/// <summary>A test that needs <see cref="ChartTypefacesTests.SharingFont"/> (Debian's fonts-liberation, which comes with the chromium CI installs).</summary>
public sealed class SharingFontFactAttribute() : NeededInCiFactAttribute(
    SKTypeface.FromFamilyName(ChartTypefacesTests.SharingFont).FamilyName == ChartTypefacesTests.SharingFont,
    $"{ChartTypefacesTests.SharingFont} is not installed (apt-get install -y fonts-liberation)");
