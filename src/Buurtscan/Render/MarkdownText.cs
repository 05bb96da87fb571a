using System.Text;

namespace Buurtscan.Render;

/// <summary>Escaping for text that comes from data files (area names, labels), so it cannot break the Markdown.</summary>
public static class MarkdownText
{
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '#')
            {
                sb.Append('\\');
            }

            sb.Append(c is '\r' or '\n' ? ' ' : c);
        }

        return sb.ToString();
    }
}
