using Buurtscan.Build;
using Buurtscan.Catalogue;
using Buurtscan.Import;
using Buurtscan.Resolve;
using Buurtscan.Tests.Support;

namespace Buurtscan.Tests.Diff;

/// <summary>
/// Scans for the diff's unit tests: the real scan of the Wegener Sleeswijkbuurt from the example data,
/// changed with `with`, so the tests keep compiling when the scan records gain fields.
/// </summary>
public static class TestScans
{
    private static readonly Lazy<(Scan Scan, Manifest Manifest)> Base = new(() =>
    {
        var data = DataLoader.Load(TestPaths.Samples);
        var focus = ScanBuilder.FindBuurt(data.Registry, "FB08");
        var scan = Resolver.Resolve(data, FocusTarget.Of(focus), ScanProfile.Default, "0.1.0");
        var manifest = Manifest.Create(scan, data, new BuildSettings("FB08", "data-samples", null, null));
        return (scan, manifest);
    });

    public static Scan Scan => Base.Value.Scan;

    public static Manifest Manifest => Base.Value.Manifest;

    public static Figure Figure(this Scan scan, string id) => scan.Themes.SelectMany(t => t.Figures).Single(f => f.IndicatorId == id);

    /// <summary>The scan with one figure changed.</summary>
    public static Scan With(this Scan scan, string id, Func<Figure, Figure> change) => scan with
    {
        Themes = scan.Themes.Select(t => t with { Figures = t.Figures.Select(f => f.IndicatorId == id ? change(f) : f).ToList() }).ToList(),
    };

    /// <summary>The scan without one figure (as if the profile had dropped it).</summary>
    public static Scan Without(this Scan scan, string id) => scan with
    {
        Themes = scan.Themes.Select(t => t with { Figures = t.Figures.Where(f => f.IndicatorId != id).ToList() }).ToList(),
    };

    /// <summary>A comparison area's value changed (e.g. Amsterdam revised), the figure itself left alone.</summary>
    public static Figure WithComparison(this Figure figure, Domain.Level level, double? value, FigureStatus? status = null) => figure with
    {
        Comparisons = figure.Comparisons.Select(c => c.Level == level ? c with { Value = value, Status = status ?? c.Status } : c).ToList(),
    };

    /// <summary>The figure moved to a newer year with this value (and its own comparison entry too).</summary>
    public static Figure Next(this Figure figure, double? value, int years = 1) => (figure with { Year = figure.Year + years, Value = value })
        .WithComparison(figure.Level ?? Domain.Level.Buurt, value);
}
