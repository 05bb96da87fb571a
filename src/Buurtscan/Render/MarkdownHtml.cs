using System.Text;
using System.Text.RegularExpressions;

namespace Buurtscan.Render;

/// <summary>
/// Converts the Markdown the chapter uses into HTML: headings, paragraphs, pipe tables with alignment, images,
/// emphasis, code spans, links, blockquotes and lists. Everything that is not markup is HTML-escaped, so text from
/// data files (area names, labels) can never become markup. No raw HTML is passed through.
/// </summary>
/// <param name="resolve">Turns a link or image target into a URL for the page, or null when it may not be linked (external addresses).</param>
public sealed partial class MarkdownHtml(Func<string, bool, string?> resolve)
{
    private readonly HashSet<string> ids = new(StringComparer.Ordinal);

    public string Convert(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var html = new StringBuilder();
        Blocks(lines, html);
        return html.ToString();
    }

    private void Blocks(IReadOnlyList<string> lines, StringBuilder html)
    {
        var i = 0;
        while (i < lines.Count)
        {
            var line = lines[i];
            if (string.IsNullOrWhiteSpace(line))
            {
                i++;
                continue;
            }

            if (Heading().Match(line) is { Success: true } h)
            {
                var level = h.Groups[1].Length;
                var content = h.Groups[2].Value.TrimEnd().TrimEnd('#').TrimEnd();
                html.Append("<h").Append(level).Append(" id=\"").Append(Id(PlainText(content))).Append("\">")
                    .Append(Inline(content)).Append("</h").Append(level).Append(">\n");
                i++;
            }
            else if (line.StartsWith("```", StringComparison.Ordinal))
            {
                var end = i + 1;
                while (end < lines.Count && !lines[end].StartsWith("```", StringComparison.Ordinal)) end++;
                html.Append("<pre><code>").Append(Escape(string.Join("\n", lines.Skip(i + 1).Take(end - i - 1)))).Append("</code></pre>\n");
                i = Math.Min(end + 1, lines.Count);
            }
            else if (line.TrimStart().StartsWith('>'))
            {
                var inner = new List<string>();
                while (i < lines.Count && lines[i].TrimStart().StartsWith('>'))
                {
                    var text = lines[i].TrimStart()[1..];
                    inner.Add(text.StartsWith(' ') ? text[1..] : text);
                    i++;
                }

                html.Append("<blockquote>\n");
                Blocks(inner, html);
                html.Append("</blockquote>\n");
            }
            else if (IsTableStart(lines, i))
            {
                i = Table(lines, i, html);
            }
            else if (Rule().IsMatch(line))
            {
                html.Append("<hr>\n");
                i++;
            }
            else if (ListItem().Match(line) is { Success: true } first)
            {
                var ordered = char.IsDigit(first.Groups[1].Value[0]);
                html.Append(ordered ? "<ol>\n" : "<ul>\n");
                while (i < lines.Count && ListItem().Match(lines[i]) is { Success: true } item && char.IsDigit(item.Groups[1].Value[0]) == ordered)
                {
                    var text = new StringBuilder(item.Groups[2].Value);
                    i++;
                    // Continuation lines are indented.
                    while (i < lines.Count && lines[i].StartsWith("  ", StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(lines[i]) && !ListItem().IsMatch(lines[i]))
                    {
                        text.Append(' ').Append(lines[i].Trim());
                        i++;
                    }

                    html.Append("<li>").Append(Inline(text.ToString())).Append("</li>\n");
                }

                html.Append(ordered ? "</ol>\n" : "</ul>\n");
            }
            else
            {
                var paragraph = new List<string>();
                while (i < lines.Count && !string.IsNullOrWhiteSpace(lines[i]) && !StartsBlock(lines, i))
                {
                    paragraph.Add(lines[i].Trim());
                    i++;
                }

                var text = string.Join("\n", paragraph);
                if (ImageOnly().Match(text) is { Success: true })
                {
                    html.Append("<figure>").Append(Inline(text)).Append("</figure>\n");
                }
                else
                {
                    html.Append("<p>").Append(Inline(text)).Append("</p>\n");
                }
            }
        }
    }

    private static bool StartsBlock(IReadOnlyList<string> lines, int i) =>
        Heading().IsMatch(lines[i]) || lines[i].TrimStart().StartsWith('>') || lines[i].StartsWith("```", StringComparison.Ordinal) ||
        IsTableStart(lines, i) || ListItem().IsMatch(lines[i]) || Rule().IsMatch(lines[i]);

    private static bool IsTableStart(IReadOnlyList<string> lines, int i) =>
        i + 1 < lines.Count && lines[i].TrimStart().StartsWith('|') && AlignmentRow().IsMatch(lines[i + 1].Trim());

    private int Table(IReadOnlyList<string> lines, int i, StringBuilder html)
    {
        var header = Cells(lines[i]);
        var alignments = Cells(lines[i + 1]).Select(c => c.Trim()).Select(c =>
            c.StartsWith(':') && c.EndsWith(':') ? " class=\"c\"" : c.EndsWith(':') ? " class=\"r\"" : "").ToList();
        string Align(int column) => column < alignments.Count ? alignments[column] : "";

        html.Append("<div class=\"table\"><table>\n<thead><tr>");
        for (var c = 0; c < header.Count; c++) html.Append("<th").Append(Align(c)).Append('>').Append(Inline(header[c].Trim())).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        i += 2;
        while (i < lines.Count && lines[i].TrimStart().StartsWith('|'))
        {
            var cells = Cells(lines[i]);
            html.Append("<tr>");
            for (var c = 0; c < header.Count; c++)
            {
                html.Append("<td").Append(Align(c)).Append('>').Append(c < cells.Count ? Inline(cells[c].Trim()) : "").Append("</td>");
            }

            html.Append("</tr>\n");
            i++;
        }

        html.Append("</tbody>\n</table></div>\n");
        return i;
    }

    /// <summary>The cells of a table row, split at pipes that are neither escaped nor inside a code span.</summary>
    private static List<string> Cells(string row)
    {
        var text = row.Trim();
        if (text.StartsWith('|')) text = text[1..];
        var cells = new List<string>();
        var cell = new StringBuilder();
        var inCode = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                cell.Append(c).Append(text[i + 1]);
                i++;
            }
            else if (c == '`')
            {
                inCode = !inCode;
                cell.Append(c);
            }
            else if (c == '|' && !inCode)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        if (cell.ToString().Trim().Length > 0) cells.Add(cell.ToString());
        return cells;
    }

    /// <summary>Inline Markdown to HTML: escapes, code spans, images, links, strong and emphasis; all other text escaped.</summary>
    public string Inline(string text)
    {
        var html = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && char.IsAsciiLetterOrDigit(text[i + 1]) is false && text[i + 1] < 128 && !char.IsWhiteSpace(text[i + 1]))
            {
                html.Append(Escape(text[i + 1].ToString()));
                i += 2;
            }
            else if (c == '`' && text.IndexOf('`', i + 1) is var close and > 0)
            {
                html.Append("<code>").Append(Escape(text[(i + 1)..close])).Append("</code>");
                i = close + 1;
            }
            else if (c == '!' && i + 1 < text.Length && text[i + 1] == '[' && Link(text, i + 1) is { } image)
            {
                var src = resolve(image.Target, true);
                var alt = Escape(PlainText(image.Label));
                html.Append(src is null
                    ? $"<span class=\"missing\">[afbeelding niet beschikbaar: {alt}]</span>"
                    : $"<img src=\"{Escape(src)}\" alt=\"{alt}\">");
                i = image.End;
            }
            else if (c == '[' && Link(text, i) is { } link)
            {
                var href = resolve(link.Target, false);
                var label = Inline(link.Label);
                if (href is null)
                {
                    // Not linkable (an address outside the page): the text stays, with the address as plain text.
                    html.Append(label);
                    if (PlainText(link.Label) != link.Target) html.Append(" (").Append(Escape(link.Target)).Append(')');
                }
                else
                {
                    var download = href.StartsWith("data:", StringComparison.Ordinal) ? $" download=\"{Escape(Path.GetFileName(link.Target))}\"" : "";
                    html.Append("<a href=\"").Append(Escape(href)).Append('"').Append(download).Append('>').Append(label).Append("</a>");
                }

                i = link.End;
            }
            else if (c is '*' or '_' && Emphasis(text, i) is { } emphasis)
            {
                var tag = emphasis.Strong ? "strong" : "em";
                html.Append('<').Append(tag).Append('>').Append(Inline(emphasis.Inner)).Append("</").Append(tag).Append('>');
                i = emphasis.End;
            }
            else
            {
                html.Append(Escape(c.ToString()));
                i++;
            }
        }

        return html.ToString();
    }

    private sealed record LinkPart(string Label, string Target, int End);

    /// <summary>`[label](target)` starting at the bracket, with nested brackets and escapes in the label.</summary>
    private static LinkPart? Link(string text, int open)
    {
        var depth = 0;
        var i = open;
        for (; i < text.Length; i++)
        {
            if (text[i] == '\\') { i++; continue; }
            if (text[i] == '[') depth++;
            else if (text[i] == ']' && --depth == 0) break;
        }

        if (i + 1 >= text.Length || text[i + 1] != '(') return null;
        var close = text.IndexOf(')', i + 2);
        if (close < 0) return null;
        var target = text[(i + 2)..close].Trim();
        if (target.Length == 0 || target.Contains(' ', StringComparison.Ordinal)) return null;
        return new LinkPart(text[(open + 1)..i], target, close + 1);
    }

    private sealed record EmphasisPart(string Inner, bool Strong, int End);

    private static EmphasisPart? Emphasis(string text, int start)
    {
        var marker = text[start];
        // An underscore inside a word (snake_case) is text, as in CommonMark.
        if (marker == '_' && start > 0 && char.IsLetterOrDigit(text[start - 1])) return null;
        var strong = start + 1 < text.Length && text[start + 1] == marker;
        var delimiter = new string(marker, strong ? 2 : 1);
        var from = start + delimiter.Length;
        if (from >= text.Length || char.IsWhiteSpace(text[from])) return null;
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] == '\\') { i++; continue; }
            if (text[i] == '`' && text.IndexOf('`', i + 1) is var close and > 0) { i = close; continue; }
            if (string.CompareOrdinal(text, i, delimiter, 0, delimiter.Length) != 0 || char.IsWhiteSpace(text[i - 1])) continue;
            if (!strong && i + 1 < text.Length && text[i + 1] == marker) { i++; continue; }
            var end = i + delimiter.Length;
            if (marker == '_' && end < text.Length && char.IsLetterOrDigit(text[end])) continue;
            return new EmphasisPart(text[from..i], strong, end);
        }

        return null;
    }

    /// <summary>The text of inline Markdown without its markup, unescaped (for alt texts and ids).</summary>
    public static string PlainText(string markdown)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < markdown.Length; i++)
        {
            var c = markdown[i];
            if (c == '\\' && i + 1 < markdown.Length) sb.Append(markdown[++i]);
            else if (c is not ('*' or '`')) sb.Append(c);
        }

        return sb.ToString();
    }

    private string Id(string text)
    {
        var id = OutputFolder.SafeName(text);
        var unique = id;
        for (var n = 2; !ids.Add(unique); n++) unique = $"{id}-{n}";
        return unique;
    }

    /// <summary>HTML-escapes text for element content and quoted attribute values.</summary>
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0) return text;
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    [GeneratedRegex(@"^(#{1,6})\s+(.*)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s{0,3}([-*+]|\d{1,9}[.)])\s+(.*)$")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")]
    private static partial Regex AlignmentRow();

    [GeneratedRegex(@"^\s{0,3}([-*_])(\s*\1){2,}\s*$")]
    private static partial Regex Rule();

    [GeneratedRegex(@"^!\[[^\n]*\]\([^\s)]+\)$")]
    private static partial Regex ImageOnly();
}
