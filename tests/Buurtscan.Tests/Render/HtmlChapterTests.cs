using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Buurtscan.Cli;
using Buurtscan.Domain;
using Buurtscan.Tests.Support;

namespace Buurtscan.Tests.Render;

/// <summary>buurtscan.html: one self-contained page that escapes what comes from data files, and opens in a real browser.</summary>
public sealed partial class HtmlChapterTests : IDisposable
{
    private const string Malicious = "<script>alert(1)</script> & \"x\"";
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private static int Run(params string[] args) => CommandLine.Run(args, new StringWriter(), new StringWriter());

    /// <summary>The samples with the Wegener Sleeswijkbuurt renamed to a name full of markup.</summary>
    private string MaliciousSamples()
    {
        var target = temp.Combine("data");
        foreach (var file in Directory.GetFiles(TestPaths.Samples, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(TestPaths.Samples, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        var buurten = Path.Combine(target, "gebieden", "INDELING_BUURT.csv");
        var text = File.ReadAllText(buurten);
        text.ShouldContain("\"Wegener Sleeswijkbuurt\"");
        File.WriteAllText(buurten, text.Replace("\"Wegener Sleeswijkbuurt\"", "\"" + Malicious.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"", StringComparison.Ordinal));
        return target;
    }

    [Fact]
    public void The_page_Should_be_self_contained_and_escape_a_malicious_area_name()
    {
        var outDir = temp.Combine("scan");

        Run("build", "--buurt", "FB08", "--data", MaliciousSamples(), "--out", outDir, "--format", "html").ShouldBe(ExitCodes.Ok);

        File.Exists(Path.Combine(outDir, "buurtscan.md")).ShouldBeFalse();
        var html = File.ReadAllText(Path.Combine(outDir, "buurtscan.html"));
        html.ShouldContain("<title>Buurtscan &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;</title>");
        html.ShouldContain("<h1 id=\"buurtscan-script-alert-1-script-x\">Buurtscan &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;</h1>");
        html.ShouldNotContain("<script", Case.Insensitive);
        html.ShouldNotContain("alert(1)</script>");

        var images = ImageSources().Matches(html).Select(m => m.Groups[1].Value).ToList();
        var pictures = Directory.GetFiles(Path.Combine(outDir, "charts"), "*.png").Length + Directory.GetFiles(Path.Combine(outDir, "maps"), "*.png").Length;
        images.Count.ShouldBe(pictures - 1); // every chart and map is on the page, except the A3 map, which is linked
        images.ShouldAllBe(src => src.StartsWith("data:image/png;base64,", StringComparison.Ordinal));
        foreach (var url in Urls().Matches(html).Select(m => m.Groups[2].Value))
        {
            url.ShouldNotContain("http://");
            url.ShouldNotContain("https://");
            url.ShouldNotStartWith("//");
            (url.StartsWith("data:", StringComparison.Ordinal) || url.StartsWith("maps/", StringComparison.Ordinal) || url.StartsWith('#'))
                .ShouldBeTrue($"'{url[..Math.Min(60, url.Length)]}' is neither embedded nor a file beside the page");
        }

        html.ShouldContain("default-src 'none'");

        // The name is text in the SVG maps too, where it must not break the XML.
        var svg = XDocument.Load(Path.Combine(outDir, "maps", "ligging.svg"));
        svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ShouldContain(t => t.Contains("&", StringComparison.Ordinal));
    }

    [Fact]
    public void Html_and_Markdown_Should_be_written_side_by_side_and_identically_twice()
    {
        var first = temp.Combine("one");
        var second = temp.Combine("two");

        Run("build", "--buurt", "FB08", "--data", TestPaths.Samples, "--out", first, "--format", "md,html").ShouldBe(ExitCodes.Ok);
        Run("build", "--buurt", "FB08", "--data", TestPaths.Samples, "--out", second, "--format", "md", "--format", "html").ShouldBe(ExitCodes.Ok);

        var choropleths = Directory.GetFiles(Path.Combine(first, "maps"), "kaart-*.svg").Select(f => "maps/" + Path.GetFileName(f)).ToList();
        choropleths.ShouldNotBeEmpty();
        foreach (var file in new[] { "buurtscan.md", "buurtscan.html", "area.geojson", "maps/omgeving-a3.png", "maps/omgeving-a3.svg", "maps/ligging.png" }.Concat(choropleths))
        {
            File.ReadAllBytes(Path.Combine(first, file)).ShouldBe(File.ReadAllBytes(Path.Combine(second, file)), file);
        }
    }

    [Fact]
    public void Images_Should_be_embedded_whole_also_when_the_chapter_contains_the_character_that_marks_them_while_writing()
    {
        var folder = temp.Combine("page");
        Directory.CreateDirectory(Path.Combine(folder, "charts"));
        var png = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7)).ToArray();
        File.WriteAllBytes(Path.Combine(folder, "charts", "a.png"), png);
        var expected = "data:image/png;base64," + Convert.ToBase64String(png);
        foreach (var markdown in new[] { "# Titel\n\n![grafiek](charts/a.png)\n", "# Titel \uE000\n\n![grafiek](charts/a.png)\n\nTekst met \uE0000\uE000.\n" })
        {
            var page = Buurtscan.Render.HtmlChapter.Page(markdown, folder, "test");
            page.ShouldContain($"<img src=\"{expected}\" alt=\"grafiek\">");
            Buurtscan.Render.HtmlChapter.WriteFile(markdown, folder, "test", Path.Combine(folder, "page.html"));
            File.ReadAllText(Path.Combine(folder, "page.html")).ShouldBe(page);
            if (markdown.Contains('\uE000', StringComparison.Ordinal)) page.ShouldContain("<p>Tekst met \uE0000\uE000.</p>");
        }
    }

    [Fact]
    public void An_unknown_format_Should_be_a_usage_error()
    {
        var error = new StringWriter();

        var code = CommandLine.Run(["build", "--buurt", "FB08", "--data", TestPaths.Samples, "--out", temp.Combine("scan"), "--format", "md,pdf"], new StringWriter(), error);

        code.ShouldBe(ExitCodes.Usage);
        error.ToString().ShouldContain("unknown format 'pdf'");
        Directory.Exists(temp.Combine("scan")).ShouldBeFalse();
    }

    [ChromiumFact]
    public void The_page_Should_open_offline_in_a_headless_browser_with_every_image_loaded()
    {
        var outDir = temp.Combine("scan");
        Run("build", "--buurt", "FB08", "--data", TestPaths.Samples, "--out", outDir, "--format", "html").ShouldBe(ExitCodes.Ok);

        // A copy of the page with a tiny script that marks every image that decoded; the page's own policy allows no script.
        var html = File.ReadAllText(Path.Combine(outDir, "buurtscan.html"));
        const string probe = """
            <script>
            window.addEventListener('load', () => {
              for (const img of document.images) img.setAttribute('data-loaded', img.complete && img.naturalWidth > 0 ? 'yes' : 'no');
              document.body.setAttribute('data-checked', String(document.images.length));
            });
            </script>
            """;
        var page = html.Replace("default-src 'none';", "default-src 'none'; script-src 'unsafe-inline';", StringComparison.Ordinal)
            .Replace("</body>", probe + "\n</body>", StringComparison.Ordinal);
        var probePath = temp.Combine("probe.html");
        File.WriteAllText(probePath, page);

        var dom = Chromium.DumpDom(probePath, temp.Combine("profile"));

        var images = Regex.Matches(html, "<img ").Count;
        images.ShouldBeGreaterThanOrEqualTo(3);
        dom.ShouldContain($"data-checked=\"{images}\"");
        Regex.Matches(dom, "data-loaded=\"yes\"").Count.ShouldBe(images);
        dom.ShouldNotContain("data-loaded=\"no\"");
        dom.ShouldContain("<h1 id=\"buurtscan-wegener-sleeswijkbuurt\">Buurtscan Wegener Sleeswijkbuurt</h1>");
        dom.ShouldContain("<h2 id=\"het-gebied\">Het gebied</h2>");
        dom.ShouldContain("<h2 id=\"bevolking-en-huishoudens\">Bevolking en huishoudens</h2>");
    }

    [GeneratedRegex("<img src=\"([^\"]*)\"")]
    private static partial Regex ImageSources();

    [GeneratedRegex("(src|href)=\"([^\"]*)\"")]
    private static partial Regex Urls();
}

/// <summary>A test that needs Debian's chromium.</summary>
public sealed class ChromiumFactAttribute() : NeededInCiFactAttribute(Chromium.Find() is not null, "chromium is not installed (apt-get install -y chromium)");

/// <summary>Runs Debian's chromium headless, without network, sync, updates or a shared profile.</summary>
public static class Chromium
{
    public static string? Find()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in new[] { "chromium", "chromium-browser" })
            {
                var path = Path.Combine(dir, name);
                if (File.Exists(path)) return path;
            }
        }

        return null;
    }

    /// <summary>The browser, installing it the way .ci/run does when it is missing in CI; a clear failure otherwise.</summary>
    private static string Require()
    {
        if (Find() is { } found) return found;
        if (NeededInCiFactAttribute.InCi && Environment.UserName == "root")
        {
            using var install = Process.Start(new ProcessStartInfo("sh", ["-c", "apt-get update && apt-get install -y chromium"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            install.StandardOutput.ReadToEnd();
            install.StandardError.ReadToEnd();
            install.WaitForExit();
        }

        return Find() ?? throw new Shouldly.ShouldAssertException("chromium is required for this test and could not be found or installed; run: apt-get update && apt-get install -y chromium");
    }

    public static string DumpDom(string page, string profile)
    {
        var start = new ProcessStartInfo(Require(),
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--user-data-dir=" + profile,
            // Any name lookup fails, so a page that tried to fetch something would show it.
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--dump-dom", new Uri(page).AbsoluteUri,
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new Shouldly.ShouldAssertException("chromium did not finish within 120 s");
        }

        process.ExitCode.ShouldBe(0, $"chromium failed: {error.Result}");
        return output.Result;
    }
}
