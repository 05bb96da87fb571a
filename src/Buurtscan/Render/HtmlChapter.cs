using System.Text;

namespace Buurtscan.Render;

/// <summary>
/// `buurtscan.html`: the chapter as one self-contained page, made from the same Markdown as `buurtscan.md` so the
/// two never differ. Images are embedded as data URIs and small data files as downloads; the page loads nothing
/// from anywhere (a Content-Security-Policy forbids it), so it opens offline, can be mailed as one file, and prints.
/// </summary>
public static class HtmlChapter
{
    /// <summary>Linked files up to this size are embedded as downloads; larger ones (the A3 map) stay relative links beside the page.</summary>
    public const long MaxEmbeddedDownload = 512 * 1024;

    public static string Page(string markdown, string folder, string toolVersion)
    {
        using var page = new StringWriter();
        Write(markdown, folder, toolVersion, page);
        return page.ToString();
    }

    /// <summary>Writes the page to a file, the embedded charts and maps encoded straight into it.</summary>
    public static void WriteFile(string markdown, string folder, string toolVersion, string path)
    {
        using var file = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 16);
        Write(markdown, folder, toolVersion, file);
    }

    /// <summary>
    /// The page. Embedded images (megabytes of base64 for a scan's charts and maps) are not built into the page's
    /// text and copied along with it: the body holds a marker for each, replaced by the file's data URI as the page
    /// is written. The marker is a private-use character the chapter does not contain (if it ever does, the
    /// data URIs go into the text after all).
    /// </summary>
    public static void Write(string markdown, string folder, string toolVersion, TextWriter output)
    {
        var deferred = !markdown.Contains(Marker, StringComparison.Ordinal);
        var embeds = new List<string>();
        var body = new MarkdownHtml((target, image) =>
        {
            // Images only: a download link is marked as such by its data URI, and is small.
            var url = Resolve(folder, target, image, embed: !deferred || !image);
            if (!deferred || url is null || !url.StartsWith(Marker, StringComparison.Ordinal)) return url;
            embeds.Add(url[Marker.Length..]);
            return Marker + (embeds.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + Marker;
        }).Convert(markdown);
        var heading = markdown.Split('\n').FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal));
        var title = heading is null ? "Buurtscan" : MarkdownHtml.PlainText(heading[2..].Trim());

        output.Write("<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n");
        output.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        output.Write("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">\n");
        output.Write("<meta name=\"generator\" content=\"buurtscan " + MarkdownHtml.Escape(toolVersion) + "\">\n");
        output.Write("<title>" + MarkdownHtml.Escape(title) + "</title>\n");
        output.Write("<style>\n" + Css + "</style>\n</head>\n<body>\n<main>\n");
        var at = 0;
        while (deferred && body.IndexOf(Marker, at, StringComparison.Ordinal) is var start and >= 0)
        {
            var end = body.IndexOf(Marker, start + Marker.Length, StringComparison.Ordinal);
            output.Write(body.AsSpan(at, start - at));
            WriteDataUri(output, embeds[int.Parse(body.AsSpan(start + Marker.Length, end - start - Marker.Length), System.Globalization.CultureInfo.InvariantCulture)]);
            at = end + Marker.Length;
        }

        output.Write(body.AsSpan(at));
        output.Write("</main>\n</body>\n</html>\n");
    }

    /// <summary>Stands for an embedded file in the body until the page is written (U+E000, private use).</summary>
    private const string Marker = "\uE000";

    private static void WriteDataUri(TextWriter output, string path)
    {
        output.Write("data:" + MediaType(path) + ";base64,");
        var bytes = File.ReadAllBytes(path);
        var chars = new char[64 * 1024];
        for (var offset = 0; offset < bytes.Length; offset += 48 * 1024)
        {
            // 48 KiB of bytes (a multiple of 3, so no padding in between) make 64 KiB of base64.
            Convert.TryToBase64Chars(bytes.AsSpan(offset, Math.Min(48 * 1024, bytes.Length - offset)), chars, out var written);
            output.Write(chars, 0, written);
        }
    }

    /// <summary>
    /// A link or image target as a URL for the page: local files inside the output folder become data URIs (images
    /// always, other files up to <see cref="MaxEmbeddedDownload"/>); anything with a scheme, a host or an absolute
    /// path gives null, so the page never points outside itself.
    /// </summary>
    public static string? Resolve(string folder, string target, bool image) => Resolve(folder, target, image, embed: true);

    /// <summary>As <see cref="Resolve(string, string, bool)"/>; without <paramref name="embed"/>, a file to embed is returned as the marker and its full path.</summary>
    private static string? Resolve(string folder, string target, bool image, bool embed)
    {
        if (target.StartsWith('#')) return image ? null : target;
        if (target.StartsWith('/') || target.StartsWith('\\') || HasScheme(target)) return null;
        string path;
        try
        {
            path = OutputFolder.Inside(folder, Uri.UnescapeDataString(target));
        }
        catch (Domain.BuurtscanException)
        {
            return null;
        }

        if (!File.Exists(path)) return null;
        var length = new FileInfo(path).Length;
        if (!image && length > MaxEmbeddedDownload) return target;
        return embed ? $"data:{MediaType(path)};base64,{Convert.ToBase64String(File.ReadAllBytes(path))}" : Marker + path;
    }

    private static bool HasScheme(string target)
    {
        var colon = target.IndexOf(':', StringComparison.Ordinal);
        var slash = target.IndexOfAny(['/', '?', '#']);
        return colon >= 0 && (slash < 0 || colon < slash);
    }

    private static string MediaType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".svg" => "image/svg+xml",
        ".csv" => "text/csv;charset=utf-8",
        ".json" => "application/json",
        ".geojson" => "application/geo+json",
        ".md" => "text/markdown;charset=utf-8",
        _ => "application/octet-stream",
    };

    /// <summary>System fonts only (a web font would be a download); numbers in tables line up; print on A4 without cut tables.</summary>
    private const string Css = """
        :root { color-scheme: light; --ink: #1a1a1a; --muted: #5a5a5a; --line: #d0d0d0; --head: #f0f2f4; --stripe: #fafafa; --accent: #0072b2; --note: #e69f00; }
        * { box-sizing: border-box; }
        html { font-size: 16px; }
        body { margin: 0; color: var(--ink); background: #fff; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; line-height: 1.55; }
        main { max-width: 70rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
        h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 1rem; }
        h2 { font-size: 1.45rem; line-height: 1.25; margin: 2.5rem 0 0.75rem; padding-bottom: 0.3rem; border-bottom: 2px solid var(--line); }
        h3 { font-size: 1.15rem; margin: 1.75rem 0 0.5rem; }
        p, ul, ol { margin: 0 0 1rem; max-width: 48rem; }
        a { color: var(--accent); }
        code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.88em; background: #f3f3f3; padding: 0.05em 0.3em; border-radius: 3px; overflow-wrap: anywhere; }
        pre { background: #f3f3f3; padding: 0.75rem; overflow-x: auto; }
        blockquote { margin: 0 0 1.25rem; padding: 0.75rem 1rem; border-left: 5px solid var(--note); background: #fff7e6; }
        blockquote p:last-child { margin-bottom: 0; }
        figure { margin: 1.25rem 0 1.5rem; }
        img { display: block; max-width: 100%; height: auto; border: 1px solid #e4e4e4; }
        .missing { display: block; padding: 1rem; border: 1px dashed var(--muted); color: var(--muted); }
        .table { overflow-x: auto; margin: 0 0 1rem; }
        table { border-collapse: collapse; font-size: 0.86rem; min-width: 50%; }
        th, td { border: 1px solid var(--line); padding: 0.3rem 0.45rem; vertical-align: top; text-align: left; }
        th { background: var(--head); font-weight: 600; }
        tbody tr:nth-child(even) { background: var(--stripe); }
        .r { text-align: right; font-variant-numeric: tabular-nums; }
        td.r { white-space: nowrap; }
        td:first-child { min-width: 9rem; }
        .c { text-align: center; }
        @page { size: A4; margin: 15mm 14mm; }
        @media print {
          html { font-size: 10pt; }
          main { max-width: none; padding: 0; }
          a { color: inherit; text-decoration: none; }
          h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
          h2 { margin-top: 1.5rem; }
          figure, img, blockquote, tr { break-inside: avoid; page-break-inside: avoid; }
          .table { overflow: visible; }
          table { font-size: 8pt; }
          img { border: none; max-height: 240mm; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }

        """;
}
