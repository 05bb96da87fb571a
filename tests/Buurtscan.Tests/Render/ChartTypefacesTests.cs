using Buurtscan.Render;
using Buurtscan.Tests.Support;
using SkiaSharp;

namespace Buurtscan.Tests.Render;

/// <summary>The charts' lean copy of the font: the same glyphs for the characters it keeps, the same SVG, and the font itself for anything else.</summary>
public sealed class ChartTypefacesTests
{
    private static readonly SKTypeface Full = MapPainter.Typeface(bold: false);
    private static readonly SKTypeface Lean = ChartTypefaces.For(["Aanbod groen"]).Regular;

    [Fact]
    public void The_copy_Should_be_the_same_font_with_a_smaller_character_map()
    {
        Lean.ShouldNotBeSameAs(Full);
        Lean.FamilyName.ShouldBe(Full.FamilyName);
        Lean.GlyphCount.ShouldBe(Full.GlyphCount);
        var characters = Enumerable.Range(0, 0x10000).Where(c => c is < 0xD800 or > 0xDFFF).ToArray();
        var kept = Lean.GetGlyphs(characters).Count(g => g != 0);
        var all = Full.GetGlyphs(characters).Count(g => g != 0);
        kept.ShouldBeGreaterThan(300);
        kept.ShouldBeLessThan(all / 3);
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
        var full = SKTypeface.FromFamilyName(font);
        full.FamilyName.ShouldBe(font);
        return (full, ChartTypefaces.LeanCopy(full).ShouldNotBeNull());
    }

    /// <summary>What the SVG canvas writes for a glyph is the first character that has it, so the copy keeps a character only when it is that one.</summary>
    [Fact]
    public void Every_kept_character_Should_have_its_own_glyph_and_be_the_first_character_of_it() => EveryKeptCharacterHasItsOwnGlyph("charts");

    [SharingFontFact]
    public void Every_kept_character_of_a_font_that_shares_glyphs_Should_be_the_first_character_of_its_glyph() => EveryKeptCharacterHasItsOwnGlyph(SharingFont);

    private static void EveryKeptCharacterHasItsOwnGlyph(string font)
    {
        var (fullFace, leanFace) = Pair(font);
        var characters = Enumerable.Range(0, 0x2300).ToArray();
        var full = fullFace.GetGlyphs(characters);
        var lean = leanFace.GetGlyphs(characters);
        var firstOf = new Dictionary<ushort, int>();
        for (var c = 0; c < characters.Length; c++)
        {
            if (full[c] != 0) firstOf.TryAdd(full[c], c);
        }

        for (var c = 0; c < characters.Length; c++)
        {
            if (lean[c] == 0) continue;
            lean[c].ShouldBe(full[c], $"U+{c:X4}");
            firstOf[full[c]].ShouldBe(c, $"U+{c:X4}");
        }

        // Characters the charts are written in.
        leanFace.ContainsGlyphs("Inwoners per km², 12.345,6% – € ≥ Ééèëïöü ‘’“”").ShouldBeTrue();
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

    [Fact]
    public void Text_Should_be_written_into_the_SVG_as_with_the_font_itself() => TextIsWrittenAsWithTheFontItself("charts");

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
    [InlineData("Ωmega")] // Greek: left out of the copy
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
