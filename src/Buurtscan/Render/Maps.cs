using Buurtscan.Areas;
using Buurtscan.Domain;
using Buurtscan.Resolve;
using NetTopologySuite.Geometries;

namespace Buurtscan.Render;

/// <summary>How a map is laid out: for the screen (title above, legend below) or for print on A3 (legend panel to the right).</summary>
public enum MapLayout { Screen, Print }

/// <summary>What a label names, which sets its size, weight and colour.</summary>
public enum LabelKind
{
    /// <summary>The focus area's name: bold, placed first, never hidden.</summary>
    Focus,
    /// <summary>Another area's name.</summary>
    Area,
    /// <summary>A value on a choropleth.</summary>
    Value,
    /// <summary>A larger area (wijk) named across its buurten, in grey capitals.</summary>
    Context,
}

/// <summary>A map layer: one area's outline and how it is drawn. Line widths are in screen pixels.</summary>
public sealed record MapShape(string Code, string Name, Geometry Geometry, string Fill, string Line, double LineWidth)
{
    /// <summary>What the area is on this map (focus, buurt in het gebied, omgeving, wijkgrens …), for the data beside the map.</summary>
    public string Role { get; init; } = "";

    /// <summary>No figure: drawn grey with diagonal lines, never in a class colour.</summary>
    public bool Hatched { get; init; }

    /// <summary>A white band under the outline, so the focus stands out on dark colours too.</summary>
    public bool Cased { get; init; }

    public bool Dashed { get; init; }
}

/// <summary>A label to place at the visual centre of a geometry, if there is room. Labels are placed in list order.</summary>
public sealed record MapLabel(string Code, string Text, Geometry Geometry, LabelKind Kind)
{
    /// <summary>A shorter text (the code) for when the name does not fit.</summary>
    public string? Fallback { get; init; }

    /// <summary>The label may only stand inside its own area (values on a choropleth).</summary>
    public bool InsideOnly { get; init; }
}

/// <summary>One row of a map legend: a filled swatch, a hatched swatch or a line sample.</summary>
public sealed record LegendEntry(string Label, string Fill, string Line, double LineWidth = 1)
{
    public bool Hatched { get; init; }
    public bool LineOnly { get; init; }
    public bool Dashed { get; init; }
    public bool Cased { get; init; }
}

/// <summary>
/// A map's data; pixels come from <see cref="Maps.Save"/>. The chapter refers to <see cref="ImagePath"/> with
/// <see cref="AltText"/>; <see cref="DataPath"/> holds the figures or areas behind the map.
/// </summary>
public sealed record MapSpec(string Name, string Title, string AltText, IReadOnlyList<MapShape> Shapes, IReadOnlyList<LegendEntry> Legend)
{
    public string? Subtitle { get; init; }
    public string Source { get; init; } = Maps.BoundarySource;
    public IReadOnlyList<MapLabel> Labels { get; init; } = [];
    public string? LegendTitle { get; init; }

    /// <summary>Sentences under the legend: how classes were made, what the map does not show.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The part of the world to show, in WGS84 degrees; it is widened to fill the frame.</summary>
    public required Envelope Extent { get; init; }

    public MapLayout Layout { get; init; } = MapLayout.Screen;
    public ChoroplethData? Choropleth { get; init; }

    /// <summary>
    /// How many of the first shapes do not depend on the focus (a choropleth's surroundings, class colours and
    /// wijk lines): a run over many buurten draws them once for all the buurten of a gebied (see <see cref="MapLayers"/>).
    /// </summary>
    public int CommonShapes { get; init; }

    public string ImagePath => $"maps/{Name}.png";
    public string SvgPath => $"maps/{Name}.svg";
    public string DataPath => $"maps/{Name}.csv";
}

/// <summary>A map drawn into memory: the contents of its PNG, SVG and CSV.</summary>
public sealed record DrawnMap(MapSpec Spec, byte[] Png, string Svg, string Csv)
{
    public IReadOnlyList<string> Write(string outputFolder)
    {
        Directory.CreateDirectory(OutputFolder.Inside(outputFolder, "maps"));
        OutputFolder.WriteNew(OutputFolder.Inside(outputFolder, Spec.ImagePath), Png);
        OutputFolder.WriteNew(OutputFolder.Inside(outputFolder, Spec.SvgPath), Svg);
        OutputFolder.WriteNew(OutputFolder.Inside(outputFolder, Spec.DataPath), Csv);
        return [Spec.ImagePath, Spec.SvgPath, Spec.DataPath];
    }
}

/// <summary>Builds the chapter's maps from the boundaries. Maps are projected to local metres, north up, so shapes are not stretched.</summary>
public static class Maps
{
    public const string BoundarySource = "Kaart: Gemeente Amsterdam, gebiedsindeling 2022";

    // Okabe–Ito orange, as the focus colour of every map; greys for everything around it.
    internal const string FocusFill = "#E69F00";
    private const string Black = "#000000";
    private const string WijkLine = "#4D4D4D";
    private const string Transparent = "#00000000";

    /// <summary>Writes the PNG, SVG and CSV of a map; the files are named after <see cref="MapSpec.Name"/>.</summary>
    public static IReadOnlyList<string> Save(MapSpec map, string outputFolder, MapLayers? layers = null) => Draw(map, layers).Write(outputFolder);

    /// <summary>
    /// Draws a map into memory, so it can be drawn before the output folder exists. A run over many buurten passes
    /// <paramref name="layers"/>, which keeps the shapes common to the buurten of a gebied (see <see cref="MapLayers"/>).
    /// </summary>
    public static DrawnMap Draw(MapSpec map, MapLayers? layers = null)
    {
        OutputFolder.CheckName(map.Name);
        var plan = MapPlanner.Plan(map);
        return new DrawnMap(map, MapPainter.Png(plan, layers), MapSvg.Of(plan), MapData.Csv(map, plan));
    }

    /// <summary>The locator map: the focus buurt within its wijk and gebied, its neighbours named.</summary>
    public static MapSpec Locator(AreaRegistry registry, Area focus)
    {
        var (wijk, context) = Parents(registry, focus);
        var neighbours = Ordered(registry.Neighbours(focus));
        var inContext = context is null ? [] : registry.BuurtenOf(context.Ref).Where(b => b.Geometry is not null && b.Ref != focus.Ref).ToList();
        var extent = Envelope([focus.Geometry, context?.Geometry, .. neighbours.Select(n => n.Geometry)], 0.06);
        var neighbourRefs = neighbours.Select(n => n.Ref).ToHashSet();
        var contextRefs = inContext.Select(b => b.Ref).ToHashSet();

        var shapes = new List<MapShape>();
        foreach (var buurt in Surroundings(registry, extent).Where(b => b.Ref != focus.Ref && !contextRefs.Contains(b.Ref)))
        {
            shapes.Add(new MapShape(buurt.Code, buurt.Name, buurt.Geometry!, "#F7F7F7", "#CFCFCF", 0.6)
            { Role = neighbourRefs.Contains(buurt.Ref) ? TouchingRole(registry, focus) : "omgeving" });
        }

        foreach (var buurt in inContext)
        {
            shapes.Add(new MapShape(buurt.Code, buurt.Name, buurt.Geometry!, "#E9E9E9", "#A6A6A6", 0.8)
            { Role = neighbourRefs.Contains(buurt.Ref) ? TouchingRole(registry, focus) : $"buurt in {context!.Level.Dutch()} {context.Name}" });
        }

        var legend = new List<LegendEntry> { new($"{focus.Name} ({focus.Code})", FocusFill, Black, 1.6) };
        if (wijk?.Geometry is not null && wijk != context)
        {
            shapes.Add(new MapShape(wijk.Code, wijk.Name, wijk.Geometry, Transparent, WijkLine, 2) { Role = "wijkgrens" });
            legend.Add(new LegendEntry($"wijk {wijk.Name} ({wijk.Code})", Transparent, WijkLine, 2) { LineOnly = true });
        }

        if (context?.Geometry is not null)
        {
            shapes.Add(new MapShape(context.Code, context.Name, context.Geometry, Transparent, Black, 3) { Role = $"{context.Level.Dutch()}sgrens" });
            legend.Add(new LegendEntry($"{context.Level.Dutch()} {context.Name} ({context.Code})", Transparent, Black, 3) { LineOnly = true });
        }

        if (focus.Geometry is not null)
        {
            shapes.Add(new MapShape(focus.Code, focus.Name, focus.Geometry, FocusFill, Black, 1.6) { Role = "focus", Cased = true });
        }

        var labels = new List<MapLabel>();
        if (focus.Geometry is not null) labels.Add(new MapLabel(focus.Code, focus.Name, focus.Geometry, LabelKind.Focus));
        labels.AddRange(neighbours.OrderByDescending(n => n.AreaM2 ?? 0).ThenBy(n => n.Code, StringComparer.Ordinal)
            .Select(n => new MapLabel(n.Code, n.Name, n.Geometry!, LabelKind.Area) { Fallback = n.Code }));
        legend.Add(new LegendEntry(TouchingRole(registry, focus) switch
        {
            "aangrenzende buurt" => "aangrenzende buurten staan met naam op de kaart",
            _ => "buurten waarin of waarnaast het focusgebied ligt, staan met naam op de kaart",
        }, "#E9E9E9", "#A6A6A6", 0.8));

        var alt = $"Kaart van {focus.Name} ({focus.Code})" +
            (wijk is null ? "" : $" in wijk {wijk.Name}") +
            (context is null || context == wijk ? "" : $" en {context.Level.Dutch()} {context.Name}") +
            (neighbours.Count == 0 ? "" : $", met de {(TouchingRole(registry, focus) == "aangrenzende buurt" ? "aangrenzende buurten" : "buurten waarin of waarnaast het ligt")} {DutchText.Join(neighbours.Select(n => n.Name).ToList())}") + ".";
        return new MapSpec("ligging", $"Ligging van {focus.Name}", alt, shapes, legend)
        {
            Subtitle = Subtitle(registry, focus),
            Labels = labels,
            Extent = extent,
        };
    }

    /// <summary>
    /// A printable A3 map of the buurt and its surroundings for residents' sessions: every buurt named, the focus
    /// highlighted, wijk and gebied boundaries drawn. Streets are not in the boundary files, so the map says so.
    /// </summary>
    public static MapSpec Print(AreaRegistry registry, Area focus)
    {
        var (_, context) = Parents(registry, focus);
        var neighbours = registry.Neighbours(focus);
        var inContext = context is null ? [] : registry.BuurtenOf(context.Ref).Where(b => b.Geometry is not null).ToList();
        var extent = Envelope([focus.Geometry, context?.Geometry, .. neighbours.Select(n => n.Geometry)], 0.04);
        var contextRefs = inContext.Select(b => b.Ref).ToHashSet();
        var surroundings = Surroundings(registry, extent).Where(b => !contextRefs.Contains(b.Ref) && b.Ref != focus.Ref).ToList();
        var neighbourRefs = neighbours.Select(n => n.Ref).ToHashSet();

        var shapes = new List<MapShape>();
        foreach (var buurt in surroundings)
        {
            shapes.Add(new MapShape(buurt.Code, buurt.Name, buurt.Geometry!, "#ECECEC", "#9A9A9A", 0.9)
            { Role = neighbourRefs.Contains(buurt.Ref) ? TouchingRole(registry, focus) : "omgeving" });
        }

        foreach (var buurt in inContext.Where(b => b.Ref != focus.Ref))
        {
            shapes.Add(new MapShape(buurt.Code, buurt.Name, buurt.Geometry!, "#FFFFFF", "#8C8C8C", 0.9)
            { Role = neighbourRefs.Contains(buurt.Ref) ? TouchingRole(registry, focus) : $"buurt in {context!.Level.Dutch()} {context.Name}" });
        }

        if (focus.Geometry is not null)
        {
            shapes.Add(new MapShape(focus.Code, focus.Name, focus.Geometry, "#F5C36B", Black, 1.6) { Role = "focus", Cased = true });
        }

        // Wijk boundaries of every wijk on the map, then the gebied's boundary on top.
        var wijken = shapes.Select(s => registry.Find(new AreaRef(Division.Indeling2022, s.Code))?.Parent).OfType<AreaRef>().Distinct()
            .Select(registry.Find).OfType<Area>().Where(w => w.Level == Level.Wijk && w.Geometry is not null)
            .OrderBy(w => w.Code, StringComparer.Ordinal).ToList();
        foreach (var wijk in wijken)
        {
            shapes.Add(new MapShape(wijk.Code, wijk.Name, wijk.Geometry!, Transparent, WijkLine, 1.8) { Role = "wijkgrens", Dashed = true });
        }

        if (context?.Geometry is not null)
        {
            shapes.Add(new MapShape(context.Code, context.Name, context.Geometry, Transparent, Black, 3) { Role = $"{context.Level.Dutch()}sgrens" });
        }

        var labels = new List<MapLabel>();
        if (focus.Geometry is not null) labels.Add(new MapLabel(focus.Code, focus.Name, focus.Geometry, LabelKind.Focus));
        foreach (var buurt in Ordered(inContext.Where(b => b.Ref != focus.Ref)).OrderByDescending(b => b.AreaM2 ?? 0).Concat(
                     Ordered(surroundings).OrderByDescending(b => neighbourRefs.Contains(b.Ref)).ThenByDescending(b => b.AreaM2 ?? 0)))
        {
            labels.Add(new MapLabel(buurt.Code, buurt.Name, buurt.Geometry!, LabelKind.Area) { Fallback = buurt.Code });
        }

        labels.AddRange(wijken.Select(w => new MapLabel(w.Code, w.Name.ToUpperInvariant(), w.Geometry!, LabelKind.Context) { InsideOnly = true }));

        var legend = new List<LegendEntry>
        {
            new($"{focus.Name} ({focus.Code})", "#F5C36B", Black, 1.6),
            new(context is null ? "buurt" : $"buurt in {context.Level.Dutch()} {context.Name}", "#FFFFFF", "#8C8C8C", 0.9),
            new("buurt daarbuiten", "#ECECEC", "#9A9A9A", 0.9),
            new("wijkgrens (wijknamen in grijze hoofdletters, waar er plaats is)", Transparent, WijkLine, 1.8) { LineOnly = true, Dashed = true },
        };
        if (context is not null) legend.Add(new LegendEntry($"grens van {context.Level.Dutch()} {context.Name}", Transparent, Black, 3) { LineOnly = true });

        return new MapSpec("omgeving-a3", $"{focus.Name} en omgeving", $"Afdrukbare kaart (A3) van {focus.Name} en omgeving, met de namen van alle buurten.", shapes, legend)
        {
            Subtitle = Subtitle(registry, focus),
            Labels = labels,
            Extent = extent,
            Layout = MapLayout.Print,
            Notes =
            [
                "Straten, water en gebouwen staan niet op deze kaart: de gebiedsindeling bevat alleen de grenzen van buurten, wijken en gebieden.",
                "Past een naam niet in zijn buurt, dan staat de buurtcode op de kaart; de codes staan hieronder.",
            ],
        };
    }

    /// <summary>
    /// A choropleth of one figure over the buurten of the focus area's gebied. Buurten without a figure (missing or
    /// suppressed) are hatched grey and never coloured as if they had a value.
    /// </summary>
    public static MapSpec Choropleth(AreaRegistry registry, FocusArea focus, Figure figure, string? dataSource = null)
    {
        var data = ChoroplethClasses.For(figure, focus.Code);
        var areas = figure.Neighbourhood
            .Select(v => (Value: v, Area: registry.Find(new AreaRef(Division.Indeling2022, v.Code))))
            .Where(x => x.Area?.Geometry is not null)
            .ToList();
        var focusArea = registry.Find(new AreaRef(Division.Indeling2022, focus.Code));
        var focusGeometry = focusArea?.Geometry ?? UnionOfParts(registry, focus);
        var extent = Envelope([.. areas.Select(a => a.Area!.Geometry), focusGeometry], 0.03);
        var shownRefs = areas.Select(a => a.Area!.Ref).ToHashSet();

        var shapes = new List<MapShape>();
        foreach (var buurt in Surroundings(registry, extent).Where(b => !shownRefs.Contains(b.Ref)))
        {
            shapes.Add(new MapShape(buurt.Code, buurt.Name, buurt.Geometry!, "#F7F7F7", "#D9D9D9", 0.6) { Role = "omgeving" });
        }

        var byCode = data.Areas.ToDictionary(a => a.Code, StringComparer.Ordinal);
        foreach (var (value, area) in areas)
        {
            var row = byCode[value.Code];
            shapes.Add(row.Class is { } c
                ? new MapShape(area!.Code, area.Name, area.Geometry!, data.Classes[c - 1].Colour, "#FFFFFF", 0.9) { Role = "buurt met cijfer" }
                : new MapShape(area!.Code, area.Name, area.Geometry!, NoFigureFill, "#FFFFFF", 0.9) { Role = "buurt zonder cijfer", Hatched = true });
        }

        var wijken = areas.Select(a => a.Area!.Parent).OfType<AreaRef>().Distinct().Select(registry.Find).OfType<Area>()
            .Where(w => w.Level == Level.Wijk && w.Geometry is not null).OrderBy(w => w.Code, StringComparer.Ordinal).ToList();
        foreach (var wijk in wijken)
        {
            shapes.Add(new MapShape(wijk.Code, wijk.Name, wijk.Geometry!, Transparent, "#3A3A3A", 1.3) { Role = "wijkgrens" });
        }

        // Everything above is the same for every buurt of the gebied; the focus outline comes last, on top.
        var common = shapes.Count;
        if (focusGeometry is not null)
        {
            shapes.Add(new MapShape(focus.Code, focus.Name, focusGeometry, Transparent, Black, 2.6) { Role = "focus", Cased = true });
        }

        var labels = new List<MapLabel>();
        var focusRow = byCode.GetValueOrDefault(focus.Code);
        var focusValue = focusRow?.Value is { } fv ? Dutch.Value(fv, figure.Unit, figure.Kind) : figure.Value is { } v2 ? Dutch.Value(v2, figure.Unit, figure.Kind) : "geen cijfer";
        if (focusGeometry is not null) labels.Add(new MapLabel(focus.Code, $"{focus.Name}\n{focusValue}", focusGeometry, LabelKind.Focus));
        foreach (var row in data.Areas.Where(a => a.Value is not null && a.Code != focus.Code))
        {
            var area = areas.First(a => a.Value.Code == row.Code).Area!;
            labels.Add(new MapLabel(row.Code, Dutch.Value(row.Value, figure.Unit, figure.Kind), area.Geometry!, LabelKind.Value) { InsideOnly = true });
        }

        var legend = data.Classes.Select(c => new LegendEntry($"{c.Label} ({Buurten(c.Count)})", c.Colour, "#FFFFFF", 0.9)).ToList();
        var missing = data.Areas.Count(a => a.Class is null);
        if (missing > 0) legend.Add(new LegendEntry($"geen cijfer of onderdrukt ({Buurten(missing)})", NoFigureFill, "#FFFFFF", 0.9) { Hatched = true });
        legend.Add(new LegendEntry(focus.Name, Transparent, Black, 2.6) { LineOnly = true, Cased = true });

        var gebied = focus.Chain.FirstOrDefault(c => c.Level == Level.Gebied) ?? focus.Chain.FirstOrDefault(c => c.Level == Level.Stadsdeel);
        var where = gebied is null ? "de omgeving" : $"{gebied.Level.Dutch()} {gebied.Name}";
        var year = figure.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
        var withValue = data.Areas.Where(a => a.Value is not null).OrderByDescending(a => a.Value).ThenBy(a => a.Code, StringComparer.Ordinal).ToList();
        var alt = $"Kaart van {where}: {Lower(figure.Label)} per buurt in {year}, in {data.Classes.Count} klassen. " +
            $"{focus.Name}: {focusValue}" + (focusRow?.Class is { } fc ? $" (klasse {fc} van {data.Classes.Count})" : "") + ". " +
            (withValue.Count > 0 ? $"Hoogste: {withValue[0].Name} ({Dutch.Value(withValue[0].Value, figure.Unit, figure.Kind)}); laagste: {withValue[^1].Name} ({Dutch.Value(withValue[^1].Value, figure.Unit, figure.Kind)}). " : "") +
            (missing > 0 ? $"{Capitalise(Buurten(missing))} zonder cijfer of onderdrukt." : "Alle buurten hebben een cijfer.");
        return new MapSpec(ChoroplethName(figure), $"{figure.Label}, {year}", alt.Trim(), shapes, legend)
        {
            Subtitle = $"per buurt in {where}",
            Labels = labels,
            LegendTitle = Dutch.LabelWithUnit(figure.Label, figure.Unit),
            Notes = [data.Method],
            Source = dataSource is null ? BoundarySource : $"{BoundarySource} · Cijfers: {dataSource}",
            Extent = extent,
            Choropleth = data,
            CommonShapes = common,
        };
    }

    /// <summary>The file name of a figure's choropleth: `kaart-` and the indicator id.</summary>
    public static string ChoroplethName(Figure figure) => "kaart-" + OutputFolder.SafeName(figure.IndicatorId);

    /// <summary>
    /// Per theme, the figure to map: a share, rate, mean or score (never a count, which mostly shows how big a buurt
    /// is) with a value at the focus level and for at least three buurten around it, a key figure of the profile
    /// (`kern`) when the theme has one that qualifies. Of those, the one in which the focus buurt differs most from
    /// the average buurt (in standard deviations), so the map shows what stands out; without rankings, the first in
    /// profile order.
    /// </summary>
    public static IReadOnlyList<(ThemeSection Theme, Figure Figure)> ChoroplethFigures(Scan scan)
    {
        var chosen = new List<(ThemeSection, Figure)>();
        foreach (var theme in scan.Themes)
        {
            var candidates = theme.Figures
                .Where(f => f.Kind != IndicatorKind.Count && f.Level == scan.Focus.Level && f.Value is not null && f.Neighbourhood.Count(n => n.Value is not null) >= 3)
                .ToList();
            if (candidates.Count == 0) continue;
            if (candidates.Any(f => f.Key)) candidates = candidates.Where(f => f.Key).ToList();
            var best = candidates
                .Select((f, i) => (Figure: f, Order: i, Distance: f.Ranking is { BuurtSd: > 0 } r ? Math.Abs(f.Value!.Value - r.BuurtMean) / r.BuurtSd : -1))
                .OrderByDescending(x => x.Distance).ThenBy(x => x.Order).First().Figure;
            chosen.Add((theme, best));
        }

        return chosen;
    }

    public const string NoFigureFill = "#E3E3E3";


    private static string Buurten(int n) => n == 1 ? "1 buurt" : $"{n} buurten";

    private static string Lower(string text) => text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>
    /// The focus area and its parents up to the gemeente. A focus area the user drew or listed is not in the
    /// registry: its chain is the area itself, then its parent's chain.
    /// </summary>
    public static IReadOnlyList<Area> ChainOf(AreaRegistry registry, Area focus) =>
        ReferenceEquals(registry.Find(focus.Ref), focus)
            ? registry.Chain(focus.Ref)
            : [focus, .. focus.Parent is { } parent ? registry.Chain(parent) : []];

    /// <summary>How a buurt touching the focus is called: a neighbour, or for a focus area the user defined, a buurt it lies in or next to.</summary>
    private static string TouchingRole(AreaRegistry registry, Area focus) =>
        ReferenceEquals(registry.Find(focus.Ref), focus) ? "aangrenzende buurt" : "buurt in of naast het focusgebied";

    private static (Area? Wijk, Area? Context) Parents(AreaRegistry registry, Area focus)
    {
        var chain = ChainOf(registry, focus);
        var wijk = chain.FirstOrDefault(a => a.Level == Level.Wijk);
        var context = chain.FirstOrDefault(a => a.Level == Level.Gebied) ?? chain.FirstOrDefault(a => a.Level == Level.Stadsdeel) ?? wijk;
        return (wijk, context);
    }

    private static string Subtitle(AreaRegistry registry, Area focus) =>
        string.Join(" · ", ChainOf(registry, focus).Where(a => a.Level is not Level.Gemeente and not Level.Land)
            .Select(a => $"{(ReferenceEquals(a, focus) && TouchingRole(registry, focus) != "aangrenzende buurt" ? "focusgebied" : a.Level.Dutch())} {a.Name} ({a.Code})"));

    private static List<Area> Ordered(IEnumerable<Area> areas) => areas.OrderBy(a => a.Code, StringComparer.Ordinal).ToList();

    /// <summary>Buurten near the extent, to fill the frame around the areas that matter. Widened generously, as the frame is widened to its shape.</summary>
    private static IEnumerable<Area> Surroundings(AreaRegistry registry, Envelope extent)
    {
        var wide = new Envelope(extent);
        wide.ExpandBy(extent.Width * 0.6, extent.Height * 0.6);
        return registry.OfLevel(Level.Buurt).Where(b => b.Geometry is not null && wide.Intersects(b.Geometry.EnvelopeInternal));
    }

    /// <summary>The envelope of the geometries in WGS84, widened by a share of its size on every side.</summary>
    private static Envelope Envelope(IEnumerable<Geometry?> geometries, double margin)
    {
        var envelope = new Envelope();
        foreach (var g in geometries.OfType<Geometry>()) envelope.ExpandToInclude(g.EnvelopeInternal);
        if (envelope.IsNull) return envelope;
        envelope.ExpandBy(envelope.Width * margin, envelope.Height * margin);
        return envelope;
    }

    private static Geometry? UnionOfParts(AreaRegistry registry, FocusArea focus)
    {
        var parts = focus.Parts.Select(p => registry.Find(new AreaRef(Division.Indeling2022, p.Code))?.Geometry).OfType<Geometry>().ToList();
        return parts.Count == 0 ? null : Geo.Union(parts);
    }
}
