using Buurtscan.Render;

namespace Buurtscan.Tests.Render;

/// <summary>The small Markdown-to-HTML converter behind buurtscan.html, on the constructs the chapter uses.</summary>
public sealed class MarkdownHtmlTests
{
    private static string Convert(string markdown) =>
        new MarkdownHtml((target, image) => target.StartsWith("http", StringComparison.Ordinal) ? null : (image ? "data:image/png;base64,AA==" : target)).Convert(markdown);

    [Fact]
    public void Headings_Should_get_unique_ids_from_their_text()
    {
        Convert("# Buurtscan X\n\n## Het gebied\n\n## Het gebied\n\n## In één oogopslag\n").ShouldBe(
            "<h1 id=\"buurtscan-x\">Buurtscan X</h1>\n<h2 id=\"het-gebied\">Het gebied</h2>\n<h2 id=\"het-gebied-2\">Het gebied</h2>\n" +
            "<h2 id=\"in-een-oogopslag\">In één oogopslag</h2>\n");
    }

    [Fact]
    public void A_pipe_table_Should_keep_its_alignment_and_escaped_pipes()
    {
        var html = Convert("| Indicator | Buurt |\n|---|---:|\n| A \\| B | 1.485 |\n| `x|y` | 19,2%\\* |\n");

        html.ShouldContain("<thead><tr><th>Indicator</th><th class=\"r\">Buurt</th></tr></thead>");
        html.ShouldContain("<tr><td>A | B</td><td class=\"r\">1.485</td></tr>");
        html.ShouldContain("<tr><td><code>x|y</code></td><td class=\"r\">19,2%*</td></tr>");
    }

    [Fact]
    public void Emphasis_links_and_images_Should_become_elements()
    {
        Convert("*Buurt FB08 · CBS-code BU0363FB08*").ShouldBe("<p><em>Buurt FB08 · CBS-code BU0363FB08</em></p>\n");
        Convert("**Let op:** tekst en **gebied** (X)").ShouldBe("<p><strong>Let op:</strong> tekst en <strong>gebied</strong> (X)</p>\n");
        Convert("zie [charts/a.csv](charts/a.csv).").ShouldBe("<p>zie <a href=\"charts/a.csv\">charts/a.csv</a>.</p>\n");
        Convert("![Kaart van A & B](maps/x.png)").ShouldBe("<figure><img src=\"data:image/png;base64,AA==\" alt=\"Kaart van A &amp; B\"></figure>\n");
    }

    [Fact]
    public void Snake_case_and_lone_stars_Should_stay_text()
    {
        Convert("kaart-aandeel_0_15 en 2 * 3 * 4").ShouldBe("<p>kaart-aandeel_0_15 en 2 * 3 * 4</p>\n");
    }

    [Fact]
    public void Blockquotes_and_lists_Should_nest_their_content()
    {
        Convert("> **Let op.** Voorbeeld.\n> Tweede regel.\n\n- een\n- twee\n  verder\n\n1. eerste\n2. tweede\n").ShouldBe(
            "<blockquote>\n<p><strong>Let op.</strong> Voorbeeld.\nTweede regel.</p>\n</blockquote>\n" +
            "<ul>\n<li>een</li>\n<li>twee verder</li>\n</ul>\n<ol>\n<li>eerste</li>\n<li>tweede</li>\n</ol>\n");
    }

    [Fact]
    public void External_addresses_Should_stay_plain_text_and_never_become_links()
    {
        var html = Convert("bron: [CBS](https://opendata.cbs.nl) en ![x](http://example.org/a.png)");

        html.ShouldNotContain("href");
        html.ShouldNotContain("src=");
        html.ShouldContain("CBS (https://opendata.cbs.nl)");
    }

    [Fact]
    public void Markup_in_data_Should_be_escaped_once_it_is_escaped_for_Markdown()
    {
        var name = "<script>alert(1)</script> & \"x\" [a](javascript:alert(1)) *b*";

        var html = Convert("# Buurtscan " + MarkdownText.Escape(name));

        html.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; [a](javascript:alert(1)) *b*");
        html.ShouldNotContain("<script");
        html.ShouldNotContain("<a ");
        html.ShouldNotContain("<em>");
    }

    [Fact]
    public void Raw_html_in_the_Markdown_Should_be_shown_as_text()
    {
        Convert("<img src=x onerror=alert(1)>").ShouldBe("<p>&lt;img src=x onerror=alert(1)&gt;</p>\n");
    }
}
