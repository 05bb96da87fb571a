using Buurtscan.Areas;
using NetTopologySuite.Algorithm.Construct;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace Buurtscan.Render;

/// <summary>A rectangle in pixels.</summary>
public readonly record struct PixelRect(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;
    public double Bottom => Y + Height;

    public bool Overlaps(PixelRect other) => X < other.Right && other.X < Right && Y < other.Bottom && other.Y < Bottom;

    public bool Within(PixelRect outer) => X >= outer.X && Y >= outer.Y && Right <= outer.Right && Bottom <= outer.Bottom;

    public PixelRect Grow(double by) => new(X - by, Y - by, Width + 2 * by, Height + 2 * by);
}

/// <summary>A label where the planner put it: lines centred on (X, Y) in pixels, or not placed at all.</summary>
public sealed record PlacedLabel(string Code, LabelKind Kind, IReadOnlyList<string> Lines, double X, double Y, double Size, string How);

/// <summary>A line of text in pixels; Y is the baseline.</summary>
public sealed record PlacedText(string Text, double X, double Y, double Size, bool Bold, string Colour);

/// <summary>A legend swatch in pixels.</summary>
public sealed record PlacedSwatch(LegendEntry Entry, PixelRect Rect);

/// <summary>The scale bar: its length in metres and pixels, where it starts, and its labels.</summary>
public sealed record ScaleBar(double Metres, double Pixels, double X, double Y, double Thickness, IReadOnlyList<(double X, string Text)> Ticks, double TextSize, PixelRect Box);

/// <summary>Sizes of one layout, in pixels.</summary>
public sealed record MapStyle(
    double Margin, double Title, double Subtitle, double Text, double Small, double Source,
    double FocusLabel, double AreaLabel, double ValueLabel, double ContextLabel, double LineScale, double Swatch, double Hatch)
{
    public static readonly MapStyle Screen = new(24, 22, 14, 13, 12, 11, 14, 12, 11, 12, 1, 20, 7);

    /// <summary>A3 at 300 dpi: 1 pt is 300/72 px. Body text 11 pt, map labels 10–15 pt, the title 24 pt.</summary>
    public static readonly MapStyle Print = new(118, 100, 48, 46, 40, 36, 62, 42, 40, 50, 3.2, 90, 22);

    public double LabelSize(LabelKind kind) => kind switch
    {
        LabelKind.Focus => FocusLabel,
        LabelKind.Area => AreaLabel,
        LabelKind.Value => ValueLabel,
        _ => ContextLabel,
    };
}

/// <summary>
/// Everything about a map that is decided before drawing: canvas size, frame, projection, where each label,
/// text and legend row goes. Pure and deterministic (text widths come from <see cref="MapText"/>), so it can be
/// tested; <see cref="MapPainter"/> only draws it.
/// </summary>
public sealed record MapPlan(
    MapSpec Spec,
    MapStyle Style,
    int Width,
    int Height,
    PixelRect Frame,
    double OriginX,
    double OriginY,
    double PixelsPerMetre,
    IReadOnlyList<(MapShape Shape, Geometry Metres)> Shapes,
    IReadOnlyList<PlacedLabel> Labels,
    IReadOnlyList<PlacedText> Texts,
    IReadOnlyList<PlacedSwatch> Swatches,
    ScaleBar ScaleBar,
    PixelRect NorthArrow)
{
    public (float X, float Y) ToPixel(double x, double y) =>
        ((float)(Frame.X + (x - OriginX) * PixelsPerMetre), (float)(Frame.Y + (OriginY - y) * PixelsPerMetre));

    /// <summary>The labels that are on the map as a code only, for the list that names them.</summary>
    private static List<MapLabel> Coded(MapSpec spec, IReadOnlyList<PlacedLabel> labels) =>
        labels.Where(l => l.How == "code").Select(l => spec.Labels.First(s => s.Code == l.Code && s.Kind == l.Kind))
            .OrderBy(l => l.Code, StringComparer.Ordinal).ToList();

    /// <summary>The printed scale at 300 dpi (1 : n), rounded to two significant digits.</summary>
    public double PrintScale => MapPlanner.PrintScale(PixelsPerMetre);
}

/// <summary>Lays out maps: the frame and projection, label placement without overlaps, legend and texts.</summary>
public static class MapPlanner
{
    public const int ScreenWidth = 1000;
    public const int A3Width = 4961;
    public const int A3Height = 3508;

    /// <summary>The print panel right of the map: about 105 mm wide, 8 mm from the map.</summary>
    private const double PanelWidth = 1240;
    private const double PanelGap = 90;

    private const string TextColour = "#1A1A1A";
    private const string MutedColour = "#555555";

    public static MapPlan Plan(MapSpec spec)
    {
        var style = spec.Layout == MapLayout.Print ? MapStyle.Print : MapStyle.Screen;
        var (minX, minY) = Geo.Project(spec.Extent.MinX, spec.Extent.MinY);
        var (maxX, maxY) = Geo.Project(spec.Extent.MaxX, spec.Extent.MaxY);
        var extentWidth = Math.Max(maxX - minX, 1);
        var extentHeight = Math.Max(maxY - minY, 1);

        int width, height;
        PixelRect frame;
        var texts = new List<PlacedText>();
        var swatches = new List<PlacedSwatch>();
        if (spec.Layout == MapLayout.Print)
        {
            width = A3Width;
            height = A3Height;
            frame = new PixelRect(style.Margin, style.Margin, width - 2 * style.Margin - PanelWidth - PanelGap, height - 2 * style.Margin);
        }
        else
        {
            width = ScreenWidth;
            var y = style.Margin + style.Title;
            texts.Add(new PlacedText(spec.Title, style.Margin, y, style.Title, true, TextColour));
            if (spec.Subtitle is not null)
            {
                y += style.Subtitle * 1.6;
                texts.Add(new PlacedText(spec.Subtitle, style.Margin, y, style.Subtitle, false, MutedColour));
            }

            var headerBottom = y + style.Margin * 0.6;
            var frameWidth = width - 2 * style.Margin;
            var frameHeight = Math.Clamp(Math.Round(frameWidth * extentHeight / extentWidth), 380, 720);
            frame = new PixelRect(style.Margin, headerBottom, frameWidth, frameHeight);
            height = 0; // set once the footer is laid out
        }

        // Fit the extent into the frame, then widen it to the frame's shape so the frame is filled edge to edge.
        var scale = Math.Min(frame.Width / extentWidth, frame.Height / extentHeight);
        var centreX = (minX + maxX) / 2;
        var centreY = (minY + maxY) / 2;
        var originX = centreX - frame.Width / scale / 2;
        var originY = centreY + frame.Height / scale / 2;
        var view = new Envelope(originX, originX + frame.Width / scale, originY - frame.Height / scale, originY);
        var viewPolygon = Geo.Wgs84.ToGeometry(view);

        var shapes = spec.Shapes
            .Select(s => (Shape: s, Metres: InMetres(s.Geometry)))
            .Where(s => s.Metres.EnvelopeInternal.Intersects(view))
            .ToList();

        var scaleBar = PlanScaleBar(frame, scale, style);
        var arrowSize = style.Swatch * 1.9;
        var north = new PixelRect(frame.Right - style.Margin * 0.6 - arrowSize * 0.7, frame.Y + style.Margin * 0.6, arrowSize * 0.7, arrowSize * 1.25);
        var labels = PlaceLabels(spec, style, frame, view, viewPolygon, originX, originY, scale, [scaleBar.Box, north.Grow(style.Small * 0.3)]);

        if (spec.Layout == MapLayout.Print)
        {
            PlanPanel(spec, style, frame, width, height, labels, scale, texts, swatches);
        }
        else
        {
            height = PlanFooter(spec, style, frame, width, labels, texts, swatches);
        }

        return new MapPlan(spec, style, width, height, frame, originX, originY, scale, shapes, labels, texts, swatches, scaleBar, north);
    }

    /// <summary>Each area's outline in metres, projected once for all the maps it is on (the registry's geometries live as long as the run).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Geometry, Geometry> Projected = [];

    private static Geometry InMetres(Geometry wgs84) => Projected.GetValue(wgs84, Geo.ToLocalMetres);

    private static ScaleBar PlanScaleBar(PixelRect frame, double scale, MapStyle style)
    {
        // The longest "nice" length (1, 2, 2.5 or 5 times a power of ten) that takes at most a fifth of the frame.
        var target = frame.Width / scale / 5;
        var power = Math.Pow(10, Math.Floor(Math.Log10(target)));
        var metres = new[] { 5, 2.5, 2, 1 }.Select(f => f * power).First(m => m <= target);
        var pixels = metres * scale;
        var textSize = style.Small;
        var pad = style.Margin * 0.5;
        var thickness = style.Small * 0.5;
        var x = frame.X + style.Margin * 0.6 + pad;
        var y = frame.Bottom - style.Margin * 0.6 - pad - thickness;
        var ticks = new List<(double, string)> { (x, "0"), (x + pixels / 2, Distance(metres / 2, false)), (x + pixels, Distance(metres, true)) };
        var lastWidth = MapText.Width(Distance(metres, true), textSize);
        var box = new PixelRect(x - pad, y - textSize * 1.5 - pad, pixels + lastWidth / 2 + 2 * pad, textSize * 1.5 + thickness + 2 * pad);
        return new ScaleBar(metres, pixels, x, y, thickness, ticks, textSize, box);
    }

    /// <summary>A scale-bar label: the end with its unit, the middle without (in km when the whole bar is at least 1 km).</summary>
    private static string Distance(double metres, bool unit)
    {
        if (metres >= 1000 || (!unit && metres * 2 >= 1000))
        {
            var km = (metres / 1000).ToString("0.##", Dutch.Numbers);
            return unit ? km + " km" : km;
        }

        var m = metres.ToString("0.#", Dutch.Numbers);
        return unit ? m + " m" : m;
    }

    private static List<PlacedLabel> PlaceLabels(MapSpec spec, MapStyle style, PixelRect frame, Envelope view, Geometry viewPolygon,
        double originX, double originY, double scale, IReadOnlyList<PixelRect> reserved)
    {
        var placed = new List<PixelRect>(reserved);
        var result = new List<PlacedLabel>();
        var inner = frame.Grow(-style.Margin * 0.3);
        foreach (var label in spec.Labels)
        {
            var size = style.LabelSize(label.Kind);
            var bold = label.Kind == LabelKind.Focus;
            var room = RoomOf(label.Geometry, scale, view, viewPolygon);
            if (room is null)
            {
                result.Add(new PlacedLabel(label.Code, label.Kind, [], 0, 0, size, "buiten de kaart"));
                continue;
            }

            var (clipped, centre, prepared) = (room.Area, room.Centre, room.Prepared);
            var others = new Lazy<List<(double X, double Y)>>(() => label.Kind == LabelKind.Focus ? [] : room.OtherAnchors.Value.Select(ToPixel).ToList());
            var anchors = Anchors(ToPixel(centre), others);
            var halo = size * 0.2;

            var chosen = Place(label, size, bold, anchors, inner, placed, halo, box => Inside(box) >= 0.999)
                ?? (label.InsideOnly ? null : Place(label, size, bold, anchors, inner, placed, halo, box => Inside(box) >= 0.5))
                ?? (label.InsideOnly || label.Kind == LabelKind.Focus ? null : Place(label, size, bold, anchors, inner, placed, halo, box => Inside(box) > 0, codeOnly: true));
            var (cx, cy) = ToPixel(centre);

            if (chosen is null && label.Kind == LabelKind.Focus)
            {
                // The focus is always named, even where its name sticks out of its (small) area: it is placed first, so it
                // overlaps nothing. The most compact form leaves the most room for the neighbours' names.
                var lines = label.Text.Contains('\n', StringComparison.Ordinal) ? label.Text.Split('\n') : MapText.TwoLines(label.Text) ?? [label.Text];
                chosen = new PlacedLabel(label.Code, label.Kind, lines, cx, cy, size, "naam, buiten de eigen buurt");
                placed.Add(Box(lines, size, bold, cx, cy).Grow(halo));
            }

            // The share of a label box (in pixels) that lies inside its own area.
            double Inside(PixelRect box)
            {
                var rectangle = ToMetres(box, frame, originX, originY, scale);
                if (prepared.Contains(rectangle)) return 1;
                return prepared.Intersects(rectangle) ? RectangleClip.Area(clipped, rectangle.EnvelopeInternal) / rectangle.Area : 0;
            }

            result.Add(chosen ?? new PlacedLabel(label.Code, label.Kind, [], cx, cy, size, "geen plaats"));
        }

        return result;

        (double X, double Y) ToPixel(Coordinate c) => (frame.X + (c.X - originX) * scale, frame.Y + (originY - c.Y) * scale);
    }

    /// <summary>
    /// Where an area has room for its label on one map: the part of the area in view (its outline simplified to
    /// the map's pixel size), the centre of the largest circle inside it, and more roomy points for when that
    /// centre is taken.
    /// </summary>
    private sealed record LabelRoom(Polygon Area, Coordinate Centre, IPreparedGeometry Prepared, Lazy<List<Coordinate>> OtherAnchors);

    /// <summary>
    /// Label rooms by area and detail (<see cref="Detail"/>) of areas wholly in view, and by area, detail and view of
    /// areas partly in view. An area wholly in view has the same room on every map drawn at the same detail: the A3
    /// maps of neighbouring buurten share most of their areas, each in a view of its own, and a scan's choropleths
    /// all show the same buurten in the same view, as do the scans of a gebied's buurten in `build --all`: worked
    /// out once. Each is emptied when full, so memory stays bounded in larger runs: the whole areas' rooms are
    /// enough for a `build --all` over Amsterdam; a partly visible area's room is only used again on maps of the
    /// same view (those of one buurt, or of the buurten of a gebied), so few are kept.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(Geometry Geometry, double Detail, Envelope? View), LabelRoom?> WholeRooms =
        new(new RoomKeyComparer());

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(Geometry Geometry, double Detail, Envelope? View), LabelRoom?> PartRooms =
        new(new RoomKeyComparer());

    private const int MaxWholeRooms = 20_000;
    private const int MaxPartRooms = 2_000;

    private static LabelRoom? RoomOf(Geometry geometry, double scale, Envelope view, Geometry viewPolygon)
    {
        var metres = InMetres(geometry);

        // Most areas asked about lie wholly outside the view (about two thirds on stadsdeel F's maps): decided
        // on the envelope, before the outline is simplified (which can only shrink the envelope).
        if (!metres.EnvelopeInternal.Intersects(view)) return null;
        var detail = Detail(scale);
        var whole = view.Contains(metres.EnvelopeInternal);
        var (rooms, max) = whole ? (WholeRooms, MaxWholeRooms) : (PartRooms, MaxPartRooms);
        var key = (geometry, detail, whole ? null : view);
        if (rooms.TryGetValue(key, out var known)) return known;
        if (rooms.Count >= max) rooms.Clear();

        // Placing a label needs the outline to a pixel or so; detail finer than that only costs time (wijken have thousands of points).
        metres = NetTopologySuite.Simplify.DouglasPeuckerSimplifier.Simplify(metres, 1.5 / detail);
        var clipped = !metres.EnvelopeInternal.Intersects(view) ? null
            : Largest(whole || view.Contains(metres.EnvelopeInternal) ? metres : metres.Intersection(viewPolygon));
        LabelRoom? room = null;
        if (clipped is { IsEmpty: false })
        {
            // The centre of the largest circle inside the area is its visual centre, where a label has the most room.
            // A tolerance of two pixels (or 1/40 of the area's size) is ample for placing a label, and keeps this fast.
            var centre = MaximumInscribedCircle.GetCenter(clipped, Math.Max(2 / detail, Math.Sqrt(clipped.Area) / 40)).Coordinate;
            var prepared = PreparedGeometryFactory.Prepare(clipped);
            room = new LabelRoom(clipped, centre, prepared, new Lazy<List<Coordinate>>(() => OtherAnchors(clipped, prepared).ToList()));
        }

        return rooms.GetOrAdd(key, room);
    }

    /// <summary>Where a label of the area goes first on a map of this scale (pixels per metre) and view (metres): for tests.</summary>
    internal static Coordinate? LabelCentre(Geometry geometry, double scale, Envelope view) =>
        RoomOf(geometry, scale, view, Geo.Wgs84.ToGeometry(view))?.Centre;

    /// <summary>
    /// The scale a label room is worked out at: the map's (pixels per metre) rounded up to a quarter of an octave,
    /// so that the outline is simplified, and the centre found, at most as coarsely as the map's own pixels ask
    /// (at most 19% finer), and maps of about the same scale share their rooms. Exact in binary arithmetic: the
    /// same scale gives the same detail on every machine.
    /// </summary>
    internal static double Detail(double scale)
    {
        var octave = Math.ILogB(scale);
        var within = Math.ScaleB(scale, -octave);
        var step = within <= 1 ? 1 : within <= QuarterOctave[0] ? QuarterOctave[0] : within <= QuarterOctave[1] ? QuarterOctave[1] : within <= QuarterOctave[2] ? QuarterOctave[2] : 2;
        return Math.ScaleB(step, octave);
    }

    /// <summary>2^(1/4), 2^(1/2), 2^(3/4).</summary>
    private static readonly double[] QuarterOctave = [1.189207115002721, 1.4142135623730951, 1.681792830507429];

    /// <summary>Keys on the very geometry object (the registry's), not on geometric equality, which would compare every point.</summary>
    private sealed class RoomKeyComparer : IEqualityComparer<(Geometry Geometry, double Detail, Envelope? View)>
    {
        public bool Equals((Geometry Geometry, double Detail, Envelope? View) a, (Geometry Geometry, double Detail, Envelope? View) b) =>
            ReferenceEquals(a.Geometry, b.Geometry) && a.Detail.Equals(b.Detail) && Equals(a.View, b.View);

        public int GetHashCode((Geometry Geometry, double Detail, Envelope? View) key) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key.Geometry), key.Detail, key.View?.MinX, key.View?.MaxY);
    }

    /// <summary>The centre, then the other anchors, which are only computed when the centre has no room.</summary>
    private static IEnumerable<(double X, double Y)> Anchors((double X, double Y) centre, Lazy<List<(double X, double Y)>> others)
    {
        yield return centre;
        foreach (var anchor in others.Value) yield return anchor;
    }

    /// <summary>Up to eight more points inside the area, on a 7 × 7 grid, the farthest from its edge first.</summary>
    private static IEnumerable<Coordinate> OtherAnchors(Geometry area, IPreparedGeometry prepared)
    {
        var envelope = area.EnvelopeInternal;
        // Up to 49 distances to one outline: indexed once, each is a search instead of a pass over every segment
        // (the same segments and the same arithmetic, so the same distances).
        var boundary = new NetTopologySuite.Operation.Distance.IndexedFacetDistance(area.Boundary);
        var points = new List<(Coordinate Point, double Room)>();
        for (var i = 1; i <= 7; i++)
        {
            for (var j = 1; j <= 7; j++)
            {
                var point = new Coordinate(envelope.MinX + envelope.Width * i / 8, envelope.MinY + envelope.Height * j / 8);
                var geometry = Geo.Wgs84.CreatePoint(point);
                if (prepared.Contains(geometry)) points.Add((point, boundary.Distance(geometry)));
            }
        }

        return points.OrderByDescending(p => p.Room).ThenBy(p => p.Point.X).ThenBy(p => p.Point.Y).Take(8).Select(p => p.Point);
    }

    /// <summary>The first variant of the label that fits: inside the frame, clear of other labels, and accepted by the test.</summary>
    private static PlacedLabel? Place(MapLabel label, double size, bool bold, IEnumerable<(double X, double Y)> anchors, PixelRect inner, List<PixelRect> placed,
        double halo, Func<PixelRect, bool> fits, bool codeOnly = false)
    {
        var variants = codeOnly
            ? label.Fallback is null ? [] : [([label.Fallback], size * 0.82, "code")]
            : Variants(label, size);
        foreach (var (lines, variantSize, how) in variants)
        {
            foreach (var (cx, cy) in anchors)
            {
                var box = Box(lines, variantSize, bold, cx, cy);
                if (!box.Within(inner) || placed.Any(p => p.Overlaps(box.Grow(halo))) || !fits(box)) continue;
                placed.Add(box.Grow(halo));
                return new PlacedLabel(label.Code, label.Kind, lines, cx, cy, variantSize, how);
            }
        }

        return null;
    }

    /// <summary>A name at full size, on two lines, then smaller (not the focus, whose name must stay prominent); a code as the last resort, inside its area.</summary>
    private static IEnumerable<(IReadOnlyList<string> Lines, double Size, string How)> Variants(MapLabel label, double size)
    {
        var lines = label.Text.Split('\n');
        var two = lines.Length == 1 ? MapText.TwoLines(label.Text) : null;
        var what = label.Kind == LabelKind.Value ? "waarde" : "naam";
        yield return (lines, size, what);
        if (two is not null) yield return (two, size, what + " op twee regels");
        if (label.Kind is LabelKind.Focus or LabelKind.Value) yield break;
        foreach (var factor in new[] { 0.85, 0.72 })
        {
            yield return (lines, size * factor, what + ", kleiner");
            if (two is not null) yield return (two, size * factor, what + " op twee regels, kleiner");
        }
    }

    private static PixelRect Box(IReadOnlyList<string> lines, double size, bool bold, double cx, double cy)
    {
        var width = lines.Max(l => MapText.Width(l, size, bold));
        var height = lines.Count * size * MapText.LineHeight;
        return new PixelRect(cx - width / 2, cy - height / 2, width, height);
    }

    private static Geometry ToMetres(PixelRect box, PixelRect frame, double originX, double originY, double scale)
    {
        var x0 = originX + (box.X - frame.X) / scale;
        var x1 = originX + (box.Right - frame.X) / scale;
        var y0 = originY - (box.Bottom - frame.Y) / scale;
        var y1 = originY - (box.Y - frame.Y) / scale;
        return Geo.Wgs84.ToGeometry(new Envelope(x0, x1, y0, y1));
    }

    /// <summary>The largest polygon of a (multi)polygon, where a label goes.</summary>
    private static Polygon? Largest(Geometry geometry)
    {
        Polygon? best = null;
        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            var part = geometry.GetGeometryN(i);
            if (part is Polygon polygon && (best is null || polygon.Area > best.Area)) best = polygon;
        }

        return best;
    }

    /// <summary>The screen footer: legend title, legend rows flowing left to right, notes, source. Returns the canvas height.</summary>
    private static int PlanFooter(MapSpec spec, MapStyle style, PixelRect frame, int width, IReadOnlyList<PlacedLabel> labels, List<PlacedText> texts, List<PlacedSwatch> swatches)
    {
        var left = style.Margin;
        var right = width - style.Margin;
        var y = frame.Bottom + style.Margin * 0.9;
        if (spec.LegendTitle is not null)
        {
            y += style.Text;
            texts.Add(new PlacedText(spec.LegendTitle, left, y, style.Text, true, TextColour));
            y += style.Text * 0.6;
        }

        var rowHeight = style.Text * 1.75;
        var x = left;
        var rowTop = y;
        foreach (var entry in spec.Legend)
        {
            var itemWidth = style.Swatch + style.Text * 0.5 + MapText.Width(entry.Label, style.Text) + style.Text * 1.6;
            if (x > left && x + itemWidth > right)
            {
                x = left;
                rowTop += rowHeight;
            }

            var swatchHeight = style.Swatch * 0.7;
            swatches.Add(new PlacedSwatch(entry, new PixelRect(x, rowTop + (rowHeight - swatchHeight) / 2, style.Swatch, swatchHeight)));
            texts.Add(new PlacedText(entry.Label, x + style.Swatch + style.Text * 0.5, rowTop + rowHeight / 2 + style.Text * 0.36, style.Text, false, TextColour));
            x += itemWidth;
        }

        y = spec.Legend.Count > 0 ? rowTop + rowHeight : y;
        var coded = Coded(spec, labels);
        var notes = coded.Count == 0 ? spec.Notes : [.. spec.Notes, "Met een code op de kaart: " + string.Join("; ", coded.Select(l => $"{l.Code} {l.Text}")) + "."];
        foreach (var note in notes)
        {
            foreach (var line in MapText.Wrap(note, style.Small, right - left))
            {
                y += style.Small * 1.4;
                texts.Add(new PlacedText(line, left, y, style.Small, false, MutedColour));
            }
        }

        y += style.Source * 2;
        texts.Add(new PlacedText(spec.Source, left, y, style.Source, false, MutedColour));
        return (int)Math.Ceiling(y + style.Margin * 0.8);
    }

    /// <summary>The print panel to the right of the map: title, subtitle, legend, notes, codes, scale and source.</summary>
    private static void PlanPanel(MapSpec spec, MapStyle style, PixelRect frame, int width, int height, IReadOnlyList<PlacedLabel> labels, double scale,
        List<PlacedText> texts, List<PlacedSwatch> swatches)
    {
        var left = frame.Right + PanelGap;
        var panelWidth = width - style.Margin - left;
        var y = style.Margin;
        foreach (var line in MapText.Wrap(spec.Title, style.Title, panelWidth, bold: true))
        {
            y += style.Title * 1.15;
            texts.Add(new PlacedText(line, left, y, style.Title, true, TextColour));
        }

        if (spec.Subtitle is not null)
        {
            y += style.Subtitle * 0.5;
            foreach (var line in MapText.Wrap(spec.Subtitle.Replace(" · ", ", ", StringComparison.Ordinal), style.Subtitle, panelWidth))
            {
                y += style.Subtitle * 1.35;
                texts.Add(new PlacedText(line, left, y, style.Subtitle, false, MutedColour));
            }
        }

        y += style.Text * 1.6;
        texts.Add(new PlacedText(spec.LegendTitle ?? "Legenda", left, y + style.Text, style.Text, true, TextColour));
        y += style.Text * 1.9;
        var textLeft = left + style.Swatch + style.Text * 0.6;
        foreach (var entry in spec.Legend)
        {
            var lines = MapText.Wrap(entry.Label, style.Text, width - style.Margin - textLeft);
            var blockHeight = Math.Max(style.Swatch * 0.75, lines.Count * style.Text * 1.3);
            swatches.Add(new PlacedSwatch(entry, new PixelRect(left, y + (style.Text * 1.3 - style.Swatch * 0.7) / 2, style.Swatch, style.Swatch * 0.7)));
            var lineY = y + style.Text;
            foreach (var line in lines)
            {
                texts.Add(new PlacedText(line, textLeft, lineY, style.Text, false, TextColour));
                lineY += style.Text * 1.3;
            }

            y += blockHeight + style.Text * 0.7;
        }

        var coded = Coded(spec, labels);
        var notes = new List<string>(spec.Notes.Where(n => coded.Count > 0 || !n.Contains("code", StringComparison.Ordinal)));
        y += style.Small * 0.6;
        foreach (var note in notes)
        {
            foreach (var line in MapText.Wrap(note, style.Small, panelWidth))
            {
                y += style.Small * 1.35;
                texts.Add(new PlacedText(line, left, y, style.Small, false, MutedColour));
            }

            y += style.Small * 0.5;
        }

        foreach (var label in coded)
        {
            y += style.Small * 1.35;
            texts.Add(new PlacedText($"{label.Code}  {label.Text}", left, y, style.Small, false, TextColour));
        }

        // Bottom of the panel: the printed scale and the source.
        var bottomLines = new List<string> { $"Schaal ongeveer 1 : {PrintScale(scale).ToString("N0", Dutch.Numbers)} op A3 (420 × 297 mm); het noorden is boven." };
        bottomLines.AddRange(MapText.Wrap(spec.Source, style.Source, panelWidth));
        var bottom = height - style.Margin - (bottomLines.Count - 1) * style.Source * 1.4;
        foreach (var line in bottomLines)
        {
            texts.Add(new PlacedText(line, left, bottom, style.Source, false, MutedColour));
            bottom += style.Source * 1.4;
        }
    }

    /// <summary>The labels that are on the map as a code only, for the list that names them.</summary>
    private static List<MapLabel> Coded(MapSpec spec, IReadOnlyList<PlacedLabel> labels) =>
        labels.Where(l => l.How == "code").Select(l => spec.Labels.First(s => s.Code == l.Code && s.Kind == l.Kind))
            .OrderBy(l => l.Code, StringComparer.Ordinal).ToList();

    /// <summary>The printed scale at 300 dpi (1 : n) for a number of pixels per metre, rounded to two significant digits.</summary>
    public static double PrintScale(double pixelsPerMetre)
    {
        var value = 1 / pixelsPerMetre / (0.0254 / 300);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)) - 1);
        return Math.Round(value / magnitude) * magnitude;
    }
}
