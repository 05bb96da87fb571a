using System.Text;
using Buurtscan.Domain;
using Buurtscan.Resolve;

namespace Buurtscan.Render;

/// <summary>Writes the Markdown chapter. A pure function of the scan (and the names of the charts beside it).</summary>
public static class ChapterRenderer
{
    public static string Markdown(Scan scan, IReadOnlyList<BarChart> charts, MapSpec? locator)
    {
        var md = new StringBuilder();
        var focus = scan.Focus;
        var name = MarkdownText.Escape(focus.Name);
        md.Append("# Buurtscan ").Append(name).Append("\n\n");
        if (scan.ExampleData)
        {
            md.Append("> **Let op: voorbeelddata.** Deze buurtscan is gemaakt met verzonnen cijfers in de echte bestandsformaten. ")
              .Append("De cijfers zeggen niets over de buurt; gebruik ze alleen om buurtscan te leren kennen.\n\n");
        }

        md.Append('*').Append(Capitalise(focus.Level.Dutch())).Append(' ').Append(MarkdownText.Escape(focus.Code));
        if (focus.CbsCode is not null) md.Append(" · CBS-code ").Append(MarkdownText.Escape(focus.CbsCode));
        md.Append("*\n\n");

        AppendArea(md, scan, locator);
        foreach (var theme in scan.Themes)
        {
            AppendTheme(md, scan, theme, charts.Where(c => c.Name.StartsWith(theme.Id, StringComparison.Ordinal)).ToList());
        }

        AppendGaps(md, scan);
        AppendSources(md, scan);
        return md.ToString();
    }

    private static void AppendArea(StringBuilder md, Scan scan, MapSpec? locator)
    {
        var focus = scan.Focus;
        md.Append("## Het gebied\n\n");
        var parents = focus.Chain.Skip(1).Where(c => c.Level is not Level.Gemeente)
            .Select(c => $"{c.Level.Dutch()} {MarkdownText.Escape(c.Name)} ({MarkdownText.Escape(c.Code)})").ToList();
        md.Append("De ").Append(MarkdownText.Escape(focus.Name)).Append(" (").Append(focus.Level.Dutch()).Append(' ').Append(MarkdownText.Escape(focus.Code)).Append(')');
        if (parents.Count > 0) md.Append(" ligt in ").Append(JoinDutch(parents));
        md.Append(" van de gemeente Amsterdam.");
        if (focus.AreaM2 is { } m2) md.Append(" De oppervlakte is ").Append(Dutch.Number(m2 / 10_000, 1)).Append(" hectare.");
        md.Append("\n\n| Niveau | Code | CBS-code | Naam |\n|---|---|---|---|\n");
        foreach (var link in focus.Chain)
        {
            md.Append("| ").Append(link.Level.Dutch()).Append(" | ").Append(MarkdownText.Escape(link.Code)).Append(" | ")
              .Append(link.CbsCode is null ? "–" : MarkdownText.Escape(link.CbsCode)).Append(" | ").Append(MarkdownText.Escape(link.Name)).Append(" |\n");
        }

        md.Append('\n');
        if (locator is not null)
        {
            md.Append("![").Append(MarkdownText.Escape(locator.AltText)).Append("](maps/").Append(locator.Name).Append(".png)\n\n");
        }
    }

    private static void AppendTheme(StringBuilder md, Scan scan, ThemeSection theme, IReadOnlyList<BarChart> charts)
    {
        md.Append("## ").Append(MarkdownText.Escape(theme.Title)).Append("\n\n");
        foreach (var sentence in Sentences.For(scan, theme)) md.Append(sentence).Append(' ');
        md.Append("\n\n");

        var chain = scan.Focus.Chain;
        md.Append("| Indicator |");
        foreach (var link in chain) md.Append(' ').Append(MarkdownText.Escape(link.Name)).Append(" (").Append(link.Level.Dutch()).Append(") |");
        md.Append(" Index (Amsterdam = 100) | Niveau van het cijfer | Jaar |\n|---|");
        foreach (var _ in chain) md.Append("---:|");
        md.Append("---:|---|---|\n");

        var footnotes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var figure in theme.Figures)
        {
            md.Append("| ").Append(MarkdownText.Escape(figure.Label)).Append(" |");
            foreach (var link in chain)
            {
                var comparison = figure.Comparisons.FirstOrDefault(c => c.Level == link.Level && c.Code == link.Code);
                md.Append(' ').Append(Cell(figure, comparison, footnotes)).Append(" |");
            }

            md.Append(' ').Append(figure.Index is { } i ? Dutch.Number(i) : "–").Append(" | ")
              .Append(figure.Level is { } level ? LevelCell(scan, figure, level) : "geen gegevens").Append(" | ")
              .Append(figure.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "–").Append(" |\n");
        }

        md.Append('\n');
        foreach (var note in footnotes) md.Append(note).Append('\n');
        if (footnotes.Count > 0) md.Append('\n');

        foreach (var chart in charts)
        {
            md.Append("![").Append(MarkdownText.Escape(chart.AltText)).Append("](charts/").Append(chart.Name).Append(".png)\n\n");
            md.Append("*De cijfers achter deze grafiek: [charts/").Append(chart.Name).Append(".csv](charts/").Append(chart.Name).Append(".csv).*\n\n");
        }
    }

    private static string LevelCell(Scan scan, Figure figure, Level level) =>
        level == scan.Focus.Level ? level.Dutch() : $"**{level.Dutch()}** ({MarkdownText.Escape(figure.AreaName ?? "")})";

    private static string Cell(Figure figure, Comparison? comparison, SortedSet<string> footnotes)
    {
        if (comparison is null) return "–";
        if (comparison.Value is null)
        {
            switch (comparison.Status)
            {
                case FigureStatus.Suppressed:
                    footnotes.Add("× = onderdrukt: geheim bij de bron of te klein om te tonen.");
                    return "×";
                case FigureStatus.NotAtLevel:
                    footnotes.Add("n.v.t. = niet gepubliceerd op dit niveau.");
                    return "n.v.t.";
                case FigureStatus.Later:
                    footnotes.Add("(later) = nog niet gepubliceerd door de bron.");
                    return "(later)";
                default:
                    footnotes.Add("– = geen gegevens voor dit gebied en jaar.");
                    return "–";
            }
        }

        var text = Dutch.Value(comparison.Value, figure.Unit, figure.Kind);
        switch (comparison.Status)
        {
            case FigureStatus.Computed:
                footnotes.Add("\\* = berekend door buurtscan uit gepubliceerde aantallen.");
                return text + "\\*";
            case FigureStatus.Estimated:
                footnotes.Add("~ = geschat door buurtscan (zie Verantwoording).");
                return "~" + text;
            default:
                return text;
        }
    }

    private static void AppendGaps(StringBuilder md, Scan scan)
    {
        md.Append("## Wat we (nog) niet weten\n\n");
        if (scan.Gaps.Count == 0)
        {
            md.Append("Alle cijfers in deze scan zijn beschikbaar op het niveau van de ").Append(scan.Focus.Level.Dutch()).Append(".\n\n");
            return;
        }

        md.Append("Deze cijfers zijn er niet voor de ").Append(scan.Focus.Level.Dutch()).Append(" zelf:\n\n| Thema | Indicator | Gebruikt niveau | Reden |\n|---|---|---|---|\n");
        foreach (var gap in scan.Gaps)
        {
            md.Append("| ").Append(MarkdownText.Escape(gap.Theme)).Append(" | ").Append(MarkdownText.Escape(gap.Label)).Append(" | ")
              .Append(gap.LevelUsed?.Dutch() ?? "geen").Append(" | ").Append(MarkdownText.Escape(gap.Reason)).Append(" |\n");
        }

        md.Append('\n');
    }

    private static void AppendSources(StringBuilder md, Scan scan)
    {
        md.Append("## Bronnen\n\n| Bestand | Uitgever | Tabel | Peildatum | Licentie |\n|---|---|---|---|---|\n");
        foreach (var s in scan.Sources)
        {
            md.Append("| `").Append(s.Path.Replace("`", "'", StringComparison.Ordinal)).Append("` | ").Append(MarkdownText.Escape(s.Publisher)).Append(" | ")
              .Append(MarkdownText.Escape(s.Table)).Append(" | ").Append(MarkdownText.Escape(s.ReferenceDate)).Append(" | ").Append(MarkdownText.Escape(s.Licence)).Append(" |\n");
        }

        md.Append('\n');
        if (scan.Sources.Any(s => s.Publisher == "CBS")) md.Append("Bron: CBS (CC BY 4.0). ");
        if (scan.Sources.Any(s => s.Publisher.StartsWith("Gemeente Amsterdam", StringComparison.Ordinal))) md.Append("Gebiedsindeling: Gemeente Amsterdam. ");
        md.Append("Elk cijfer staat met bron, niveau en status in `scan.json`.\n");
    }

    private static string JoinDutch(IReadOnlyList<string> parts) =>
        parts.Count <= 1 ? string.Concat(parts) : string.Join(", ", parts.Take(parts.Count - 1)) + " en " + parts[^1];

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
