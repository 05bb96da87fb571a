using System.Globalization;
using System.Text;
using Buurtscan.Domain;
using Buurtscan.Resolve;

namespace Buurtscan.Render;

/// <summary>
/// Writes the Markdown chapter in the order a Buurtbalans reader expects: the area, the key figures,
/// one section per theme, strengths before points of attention, what is not known, and accountability.
/// A pure function of the scan and the names of the charts and maps beside it.
/// </summary>
public static class ChapterRenderer
{
    public static string Markdown(Scan scan, IReadOnlyList<Chart> charts, MapSpec? locator, IReadOnlyList<MapSpec>? maps = null)
    {
        var md = new StringBuilder();
        var focus = scan.Focus;
        md.Append("# Buurtscan ").Append(MarkdownText.Escape(focus.Name)).Append("\n\n");
        if (scan.ExampleData)
        {
            md.Append("> **Let op: voorbeelddata.** Deze buurtscan is gemaakt met verzonnen cijfers in de echte bestandsformaten. ")
              .Append("De cijfers zeggen niets over de buurt; gebruik ze alleen om buurtscan te leren kennen.\n\n");
        }

        md.Append('*').Append(Capitalise(FocusLevel(scan))).Append(' ').Append(MarkdownText.Escape(focus.Code));
        if (focus.CbsCode is not null) md.Append(" · CBS-code ").Append(MarkdownText.Escape(focus.CbsCode));
        md.Append(" · gebiedsindeling 2022*\n\n");

        AppendArea(md, scan, locator, maps ?? []);
        AppendKeyFigures(md, scan);
        foreach (var theme in scan.Themes)
        {
            AppendTheme(md, scan, theme, charts.Where(c => c.Name.StartsWith(theme.Id + "-", StringComparison.Ordinal)).ToList());
        }

        AppendClassified(md, scan, Classification.Strength, "Kansen en kracht",
            "Hierin doet de buurt het duidelijk beter dan Amsterdam als geheel:",
            "Op de cijfers van deze scan wijkt de buurt nergens duidelijk in gunstige zin af van Amsterdam. Dat zegt niets over wat bewoners en professionals als kracht van de buurt zien: vul dit aan in het gesprek.");
        AppendClassified(md, scan, Classification.Attention, "Aandachtspunten",
            "Hierin doet de buurt het duidelijk minder goed dan Amsterdam als geheel:",
            "Op de cijfers van deze scan wijkt de buurt nergens duidelijk in ongunstige zin af van Amsterdam.");
        AppendGaps(md, scan);
        AppendAccountability(md, scan);
        return md.ToString();
    }

    /// <summary>"buurt", or "focusgebied" for an area the user defined.</summary>
    private static string FocusLevel(Scan scan) => scan.Focus.Definition is null ? scan.Focus.Level.Dutch() : "focusgebied";

    private static string FocusLevelWithArticle(Scan scan) => scan.Focus.Definition is null ? scan.Focus.Level.WithArticle() : "het focusgebied";

    private static string LevelOf(Scan scan, Level level, string? code) =>
        scan.Focus.Definition is not null && code == scan.Focus.Code ? "focusgebied" : level.Dutch();

    private static void AppendArea(StringBuilder md, Scan scan, MapSpec? locator, IReadOnlyList<MapSpec> maps)
    {
        var focus = scan.Focus;
        md.Append("## Het gebied\n\n");
        var parents = focus.Chain.Skip(1).Where(c => c.Level is not Level.Gemeente)
            .Select(c => $"{c.Level.Dutch()} {MarkdownText.Escape(c.Name)} ({MarkdownText.Escape(c.Code)})").ToList();
        md.Append(focus.Definition is null ? "De " : "Het focusgebied ").Append(MarkdownText.Escape(focus.Name))
          .Append(" (").Append(FocusLevel(scan)).Append(' ').Append(MarkdownText.Escape(focus.Code)).Append(')');
        if (parents.Count > 0) md.Append(" ligt in ").Append(DutchText.Join(parents));
        md.Append(" van de gemeente Amsterdam.");
        if (focus.AreaM2 is { } m2) md.Append(" De oppervlakte is ").Append(Dutch.Number(m2 / 10_000, 1)).Append(" hectare.");
        md.Append('\n');
        if (focus.Definition is not null)
        {
            md.Append("\nDit focusgebied is door de gebruiker bepaald: ").Append(MarkdownText.Escape(focus.Definition)).Append(". Het bestaat uit ")
              .Append(DutchText.Join(focus.Parts.Select(p => p.Weight >= 1
                  ? MarkdownText.Escape($"{p.Name} ({p.Code})")
                  : MarkdownText.Escape($"{Dutch.Number(p.Weight * 100, 0)}% van {p.Name} ({p.Code})")).ToList()))
              .Append(".\n");
        }

        md.Append("\n| Niveau | Code | CBS-code | Naam |\n|---|---|---|---|\n");
        foreach (var link in focus.Chain)
        {
            md.Append("| ").Append(LevelOf(scan, link.Level, link.Code)).Append(" | ").Append(MarkdownText.Escape(link.Code)).Append(" | ")
              .Append(link.CbsCode is null ? "–" : MarkdownText.Escape(link.CbsCode)).Append(" | ").Append(MarkdownText.Escape(link.Name)).Append(" |\n");
        }

        md.Append('\n');
        if (locator is not null)
        {
            md.Append("![").Append(MarkdownText.Escape(locator.AltText)).Append("](maps/").Append(locator.Name).Append(".png)\n\n");
        }

        AppendMaps(md, maps);

        var dates = scan.Sources.Where(s => s.Publisher != "Gemeente Amsterdam" || !s.Table.StartsWith("Gebiedsindeling", StringComparison.Ordinal))
            .Select(s => $"{MarkdownText.Escape(s.Table)}: {MarkdownText.Escape(s.ReferenceDate)}").Distinct().ToList();
        if (dates.Count > 0)
        {
            md.Append("De cijfers in deze scan hebben deze peildata: ").Append(string.Join("; ", dates)).Append(". ");
            md.Append("De bronnen staan onder Verantwoording.\n\n");
        }
    }

    /// <summary>The choropleths and the printable map, with the data behind each (maps: Render/Maps.cs).</summary>
    private static void AppendMaps(StringBuilder md, IReadOnlyList<MapSpec> maps)
    {
        foreach (var map in maps.Where(m => m.Choropleth is not null))
        {
            md.Append("![").Append(MarkdownText.Escape(map.AltText)).Append("](").Append(map.ImagePath).Append(")\n\n");
            md.Append('*').Append(MarkdownText.Escape(map.Choropleth!.Method)).Append(" De cijfers achter deze kaart: [")
              .Append(map.DataPath).Append("](").Append(map.DataPath).Append(").*\n\n");
        }

        foreach (var map in maps.Where(m => m.Layout == MapLayout.Print))
        {
            md.Append("Voor bijeenkomsten met bewoners is er een kaart om op A3 af te drukken, met de namen van alle buurten: [")
              .Append(map.ImagePath).Append("](").Append(map.ImagePath).Append(") (300 dpi) of [").Append(map.SvgPath).Append("](").Append(map.SvgPath).Append(").\n\n");
        }
    }

    private static void AppendKeyFigures(StringBuilder md, Scan scan)
    {
        var key = scan.Themes.SelectMany(t => t.Figures).Where(f => f.Key).ToList();
        if (key.Count == 0) return;
        md.Append("## In één oogopslag\n\n");
        AppendTable(md, scan, key, new SortedSet<string>(StringComparer.Ordinal), withRank: true);
    }

    private static void AppendTheme(StringBuilder md, Scan scan, ThemeSection theme, IReadOnlyList<Chart> charts)
    {
        md.Append("## ").Append(MarkdownText.Escape(theme.Title)).Append("\n\n");
        var sentences = Sentences.For(scan, theme).ToList();
        if (sentences.Count > 0) md.Append(string.Join(" ", sentences)).Append("\n\n");
        AppendTable(md, scan, theme.Figures, new SortedSet<string>(StringComparer.Ordinal), withRank: false);

        foreach (var chart in charts)
        {
            md.Append("![").Append(MarkdownText.Escape(chart.AltText)).Append("](charts/").Append(chart.Name).Append(".png)\n\n");
            md.Append("*De cijfers achter deze grafiek: [charts/").Append(chart.Name).Append(".csv](charts/").Append(chart.Name).Append(".csv).*\n\n");
        }
    }

    private static void AppendTable(StringBuilder md, Scan scan, IReadOnlyList<Figure> figures, SortedSet<string> footnotes, bool withRank)
    {
        var chain = scan.Focus.Chain;
        md.Append("| Indicator |");
        foreach (var link in chain) md.Append(' ').Append(MarkdownText.Escape(link.Name)).Append(" (").Append(LevelOf(scan, link.Level, link.Code)).Append(") |");
        md.Append(" Index (Amsterdam = 100) |");
        if (withRank) md.Append(" Positie onder de buurten |");
        md.Append(" Niveau van het cijfer | Jaar |\n|---|");
        foreach (var _ in chain) md.Append("---:|");
        md.Append("---:|");
        if (withRank) md.Append("---|");
        md.Append("---|---|\n");

        foreach (var figure in figures)
        {
            md.Append("| ").Append(MarkdownText.Escape(Dutch.LabelWithUnit(figure.Label, figure.Unit))).Append(" |");
            foreach (var link in chain)
            {
                var comparison = figure.Comparisons.FirstOrDefault(c => c.Level == link.Level && c.Code == link.Code);
                md.Append(' ').Append(Cell(figure, comparison, footnotes)).Append(" |");
            }

            md.Append(' ').Append(figure.Index is { } i ? Dutch.Number(i) : "–").Append(" |");
            if (withRank)
            {
                md.Append(' ').Append(figure.Ranking is { } r ? $"{r.Rank} van {r.Of}" : "–").Append(" |");
            }

            md.Append(' ').Append(figure.Level is { } level ? LevelCell(scan, figure, level) : "geen gegevens").Append(" | ")
              .Append(figure.Year?.ToString(CultureInfo.InvariantCulture) ?? "–").Append(" |\n");
        }

        md.Append('\n');
        foreach (var note in footnotes) md.Append(note).Append("  \n");
        if (footnotes.Count > 0) md.Append('\n');
    }

    private static string LevelCell(Scan scan, Figure figure, Level level) =>
        figure.AreaCode == scan.Focus.Code ? LevelOf(scan, level, figure.AreaCode) : $"**{level.Dutch()}** ({MarkdownText.Escape(figure.AreaName ?? "")})";

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
                    footnotes.Add("n.v.t. = niet beschikbaar op dit niveau.");
                    return "n.v.t.";
                case FigureStatus.Later:
                    footnotes.Add("(later) = nog niet gepubliceerd door de bron.");
                    return "(later)";
                default:
                    footnotes.Add("– = geen gegevens voor dit gebied en jaar.");
                    return "–";
            }
        }

        // The unit is in the row's label, so cells carry only the number.
        var text = Dutch.Value(Shown(figure, comparison.Value, comparison.Status), figure.Unit, figure.Kind, withUnit: false);
        switch (comparison.Status)
        {
            case FigureStatus.Computed:
                footnotes.Add("\\* = berekend door buurtscan uit gepubliceerde cijfers.");
                return text + "\\*";
            case FigureStatus.Estimated:
                footnotes.Add("~ = geschat door buurtscan (zie Verantwoording).");
                return "~" + text;
            default:
                return text;
        }
    }

    /// <summary>An estimated count is shown rounded to 5, as CBS rounds its counts: more digits would suggest a precision the estimate does not have.</summary>
    public static double? Shown(Figure figure, double? value, FigureStatus status) =>
        value is { } v && status == FigureStatus.Estimated && figure.Kind == IndicatorKind.Count ? Math.Round(v / 5) * 5 : value;

    private static void AppendClassified(StringBuilder md, Scan scan, Classification wanted, string title, string intro, string none)
    {
        md.Append("## ").Append(title).Append("\n\n");
        var figures = scan.Themes.SelectMany(t => t.Figures.Select(f => (Theme: t, Figure: f))).Where(x => x.Figure.Classification == wanted).ToList();
        if (figures.Count == 0)
        {
            md.Append(none).Append("\n\n");
            return;
        }

        md.Append(intro).Append("\n\n");
        foreach (var (theme, f) in figures)
        {
            var city = f.Comparisons.FirstOrDefault(c => c.Level == Level.Gemeente)?.Value;
            md.Append("- **").Append(MarkdownText.Escape(f.Label)).Append("** (").Append(MarkdownText.Escape(theme.Title)).Append("): ")
              .Append(Dutch.Value(f.Value, f.Unit, f.Kind));
            if (city is not null) md.Append(" tegen ").Append(Dutch.Value(city, f.Unit, f.Kind)).Append(" in Amsterdam");
            if (f.Ranking is { } r) md.Append("; plaats ").Append(r.Rank).Append(" van ").Append(r.Of).Append(" buurten");
            md.Append(" (").Append(f.Year).Append(").\n");
        }

        md.Append('\n');
    }

    private static void AppendGaps(StringBuilder md, Scan scan)
    {
        md.Append("## Wat we (nog) niet weten\n\n");
        if (scan.Gaps.Count == 0)
        {
            md.Append("Alle cijfers in deze scan zijn beschikbaar op het niveau van ").Append(FocusLevelWithArticle(scan)).Append(" zelf, voor het nieuwste jaar.\n\n");
        }
        else
        {
            md.Append("Niet alles is bekend voor ").Append(FocusLevelWithArticle(scan)).Append(" zelf. Deze cijfers komen van een hoger niveau, ontbreken, zijn onderdrukt of zijn geschat:\n\n")
              .Append("| Thema | Indicator | Gebruikt niveau | Waarom |\n|---|---|---|---|\n");
            foreach (var gap in scan.Gaps)
            {
                md.Append("| ").Append(MarkdownText.Escape(gap.Theme)).Append(" | ").Append(MarkdownText.Escape(gap.Label)).Append(" | ")
                  .Append(gap.LevelUsed?.Dutch() ?? "geen cijfer").Append(" | ").Append(MarkdownText.Escape(gap.Reason)).Append(" |\n");
            }

            md.Append('\n');
        }

        var history = scan.Themes.SelectMany(t => t.Figures).Count(f => f.Series.Any(p => p.Status == FigureStatus.Estimated));
        if (history > 0)
        {
            md.Append("Voor ").Append(history).Append(history == 1 ? " indicator zijn" : " indicatoren zijn")
              .Append(" de jaren vóór de nieuwe gebiedsindeling (24 maart 2022) geschat uit de indeling van 2015; zie Verantwoording voor de gewichten.\n\n");
        }

        md.Append("Cijfers zeggen niet alles. Wat bewoners en professionals in de buurt zien, hoort in de volgende stap van de Buurtbalans naast deze cijfers te komen.\n\n");
    }

    private static void AppendAccountability(StringBuilder md, Scan scan)
    {
        md.Append("## Verantwoording\n\n### Bronnen\n\n| Bestand | Uitgever | Tabel | Peildatum | Licentie |\n|---|---|---|---|---|\n");
        foreach (var s in scan.Sources)
        {
            md.Append("| `").Append(s.Path.Replace("`", "'", StringComparison.Ordinal)).Append("` | ").Append(MarkdownText.Escape(s.Publisher)).Append(" | ")
              .Append(MarkdownText.Escape(s.Table)).Append(" | ").Append(MarkdownText.Escape(s.ReferenceDate)).Append(" | ").Append(MarkdownText.Escape(s.Licence)).Append(" |\n");
        }

        md.Append('\n');
        if (scan.Sources.Any(s => s.Publisher == "CBS")) md.Append("Bron: CBS (CC BY 4.0). ");
        if (scan.Sources.Any(s => s.Publisher.StartsWith("Gemeente Amsterdam", StringComparison.Ordinal))) md.Append("Gebiedsindeling en OIS-cijfers: Gemeente Amsterdam. ");
        md.Append("Elk cijfer staat met bron, niveau, status en rekenregel in `figures.csv` en `scan.json`.\n\n");

        md.Append("### Definities\n\n| Indicator | Eenheid | Definitie |\n|---|---|---|\n");
        foreach (var f in scan.Themes.SelectMany(t => t.Figures).DistinctBy(f => f.IndicatorId))
        {
            md.Append("| ").Append(MarkdownText.Escape(f.Label)).Append(" | ").Append(MarkdownText.Escape(f.Unit)).Append(" | ").Append(MarkdownText.Escape(f.Definition)).Append(" |\n");
        }

        var m = scan.Method;
        md.Append("\n### Werkwijze\n\n")
          .Append("- **Schaal.** Elk cijfer komt van het laagste niveau waarvoor het in het nieuwste jaar bestaat: eerst ").Append(FocusLevelWithArticle(scan))
          .Append(", dan wijk, gebied, stadsdeel en gemeente. De kolom *Niveau van het cijfer* zegt welk niveau is gebruikt; onder *Wat we (nog) niet weten* staat waarom niet lager.\n")
          .Append("- **Optellen.** Waar een bron een gebied of stadsdeel niet geeft, telt buurtscan de aantallen van de wijken of buurten op, alleen als alle delen een cijfer hebben. Aandelen worden opnieuw berekend uit teller en noemer, nooit gemiddeld; gemiddelden worden gewogen met hun basis. Scores en medianen worden niet opgeteld.\n")
          .Append("- **Index.** De index is het cijfer gedeeld door het Amsterdamse cijfer, maal 100 (").Append(MarkdownText.Escape(m.IndexBase)).Append("). Voor aantallen is er geen index: die hangen af van de grootte van het gebied.\n")
          .Append("- **Kansen en aandachtspunten.** ").Append(Capitalise(MarkdownText.Escape(m.Classification))).Append(".\n")
          .Append("- **Geheimhouding.** ").Append(Capitalise(MarkdownText.Escape(m.Disclosure))).Append(".\n")
          .Append("- **Gebiedsindeling.** Amsterdam heeft sinds 24 maart 2022 een nieuwe indeling. Cijfers in de oude indeling (2015) worden naar de nieuwe gebieden overgezet met het deel van de oppervlakte van elk oud gebied dat in het nieuwe ligt; zulke cijfers zijn geschat (~) en gestippeld getekend.\n");
        if (scan.Focus.Definition is not null)
        {
            md.Append("- **Focusgebied.** ").Append(Capitalise(MarkdownText.Escape(scan.Focus.Definition))).Append(".\n");
        }

        md.Append('\n');
        if (scan.BoundaryWeights.Count > 0)
        {
            md.Append("### Gewichten bij schattingen\n\n| Van | Naar | Gewicht | Grondslag |\n|---|---|---:|---|\n");
            foreach (var w in scan.BoundaryWeights)
            {
                md.Append("| ").Append(MarkdownText.Escape(w.FromCode)).Append(w.FromDivision == Division.Indeling2015 ? " (2015)" : "").Append(" | ")
                  .Append(MarkdownText.Escape(w.ToCode)).Append(" | ").Append(Dutch.Number(w.Weight * 100, 1)).Append("% | ").Append(MarkdownText.Escape(w.Basis)).Append(" |\n");
            }

            md.Append('\n');
        }

        md.Append("*Gemaakt met buurtscan ").Append(MarkdownText.Escape(scan.ToolVersion)).Append(".*\n");
    }


    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
