using Buurtscan.Build;
using Buurtscan.Domain;
using Buurtscan.Resolve;

namespace Buurtscan.Diff;

/// <summary>
/// What counts as a notable change. <see cref="MinChange"/> is one number read two ways, because the
/// two are what an analyst compares by eye: percentage points for figures in % (a share going from
/// 12,0% to 14,5% moved 2,5 points), and percent of the old value for everything else (1.500 to
/// 1.540 inwoners is +2,7%). A value change of at least MinChange is notable; so is every change of
/// what the chapter can say (a figure appearing, disappearing or moving to another level).
/// </summary>
public readonly record struct DiffOptions
{
    public DiffOptions()
    {
    }

    /// <summary>The default of 2: small enough to catch a real shift in a buurt, large enough to skip CBS's rounding to 5 on mid-sized counts.</summary>
    public const double DefaultMinChange = 2.0;

    public double MinChange { get; init; } = DefaultMinChange;

    /// <summary>A focus area whose surface differs by more than this fraction is taken to have new boundaries.</summary>
    public double BoundaryTolerance { get; init; } = 0.01;
}

/// <summary>How a figure, a source file or the area itself differs between two runs.</summary>
public enum ChangeKind
{
    /// <summary>The figure is about a newer (or older) period than before.</summary>
    NewPeriod,
    /// <summary>Same period, another value: the source corrected itself.</summary>
    Revised,
    /// <summary>The figure now comes from another level or area (e.g. the wijk instead of the buurt).</summary>
    LevelChanged,
    /// <summary>The difference comes from the boundary change or from an estimate, not from measurement.</summary>
    BoundaryOrEstimation,
    /// <summary>There was a value and now there is none (suppressed, not yet published or missing).</summary>
    NewlySuppressed,
    /// <summary>There was no value and now there is one.</summary>
    NewlyAvailable,
    /// <summary>Same value, but its status changed (published ↔ computed, or the reason for no value).</summary>
    StatusChanged,
    /// <summary>The indicator is new in the profile.</summary>
    IndicatorAdded,
    /// <summary>The indicator is no longer in the profile.</summary>
    IndicatorRemoved,
    /// <summary>A source file was added, removed or has other contents (another SHA-256).</summary>
    SourceChanged,
}

/// <summary>Whether a change says something about the buurt, or only about the data describing it.</summary>
public enum ChangeNature
{
    /// <summary>The buurt (or the area the figure is measured for) itself changed: a newer period, measured the same way.</summary>
    Real,
    /// <summary>The data changed: a revision, another level, an estimate, suppression, a new file, another profile.</summary>
    Data,
}

/// <summary>A figure as one run shows it.</summary>
public sealed record FigureSnapshot(int? Year, double? Value, FigureStatus Status, Level? Level, string? AreaCode, string? AreaName, IReadOnlyList<string> Sources);

/// <summary>A comparison area (wijk, gebied, …, Amsterdam) whose value for the indicator differs between the runs.</summary>
public sealed record ComparisonChange(Level Level, string Code, string Name, double? OldValue, double? NewValue, FigureStatus OldStatus, FigureStatus NewStatus);

/// <summary>
/// One difference between two runs. Figure changes carry the indicator and both snapshots; source
/// changes carry the path and both hashes; area changes carry the attribute (<see cref="Subject"/>)
/// and both values as text.
/// </summary>
public sealed record Change(
    ChangeKind Kind,
    ChangeNature Nature,
    bool Notable,
    double Importance,
    string Subject,
    string? Theme,
    string? IndicatorId,
    string? Label,
    string? Unit,
    IndicatorKind? IndicatorKind,
    FigureSnapshot? Old,
    FigureSnapshot? New,
    double? Difference,
    double? RelativeDifference,
    IReadOnlyList<ComparisonChange> Comparisons,
    string? OldText,
    string? NewText);

/// <summary>Something about the two runs that is not a change in a figure but that a reader should know.</summary>
public enum DiffNoteKind
{
    ToolVersionChanged,
    ExampleDataChanged,
    ManifestMissing,
}

public sealed record DiffNote(DiffNoteKind Kind, string? Old, string? New);

/// <summary>The identity of one run, as the report names it.</summary>
public sealed record RunSummary(string AreaCode, string AreaName, string SchemaVersion, string ToolVersion, string? Profile, int? NewestYear, bool ExampleData);

/// <summary>Everything that differs between two runs of one buurt, most important first.</summary>
public sealed record ScanDiffResult(RunSummary Old, RunSummary New, double MinChange, IReadOnlyList<Change> Changes, IReadOnlyList<DiffNote> Notes)
{
    public bool HasNotableChanges => Changes.Any(c => c.Notable);
}

/// <summary>
/// Compares two scans (`scan.json`) and their manifests. A pure function over the records: reading the
/// files, and writing Markdown or JSON, happen elsewhere. Only fields that every scan of a schema
/// version has are compared, so fields added to the scan later do not disturb it.
/// </summary>
public static class ScanDiff
{
    /// <summary>diff(1)'s convention: 0 no notable change, 1 notable changes, 2 trouble (incomparable or unreadable runs).</summary>
    public const int Trouble = ExitCodes.Usage;

    // Importance tiers (see Order): what the chapter can say outranks how much a number moved.
    private const double AreaTier = 300;
    private const double AvailabilityTier = 200;
    private const double ProfileTier = 100;
    private const double MaxValueImportance = 99;

    public static ScanDiffResult Compare(Scan oldScan, Scan newScan, Manifest? oldManifest, Manifest? newManifest, DiffOptions options)
    {
        RequireComparable(oldScan, newScan, oldManifest, newManifest);
        var changes = new List<Change>();
        var boundaryChanged = CompareArea(oldScan.Focus, newScan.Focus, options, changes);
        CompareFigures(oldScan, newScan, boundaryChanged, options, changes);
        CompareSources(oldScan, newScan, oldManifest, newManifest, changes);

        var notes = new List<DiffNote>();
        if (oldScan.ToolVersion != newScan.ToolVersion) notes.Add(new DiffNote(DiffNoteKind.ToolVersionChanged, oldScan.ToolVersion, newScan.ToolVersion));
        if (oldScan.ExampleData != newScan.ExampleData) notes.Add(new DiffNote(DiffNoteKind.ExampleDataChanged, Flag(oldScan.ExampleData), Flag(newScan.ExampleData)));
        if (oldManifest is null || newManifest is null)
        {
            notes.Add(new DiffNote(DiffNoteKind.ManifestMissing, oldManifest is null ? "ontbreekt" : null, newManifest is null ? "ontbreekt" : null));
        }

        return new ScanDiffResult(Summarise(oldScan, oldManifest), Summarise(newScan, newManifest), options.MinChange, Order(changes, newScan, oldScan), notes);
    }

    /// <summary>
    /// How big a value change is, in the unit <see cref="DiffOptions.MinChange"/> is read in: percentage points
    /// for %, otherwise percent of the old value. Null when it cannot be said (a value on either side is missing);
    /// infinity when something appears out of zero.
    /// </summary>
    public static double? Magnitude(string? unit, double? oldValue, double? newValue)
    {
        if (oldValue is not { } o || newValue is not { } n) return null;
        if (unit == "%") return Math.Abs(n - o);
        if (o == n) return 0;
        return o == 0 ? double.PositiveInfinity : Math.Abs(n - o) / Math.Abs(o) * 100;
    }

    /// <summary>At least the threshold, allowing for floating-point noise: a change of exactly 2% must count as 2%.</summary>
    private static bool IsNotable(double magnitude, DiffOptions options) => magnitude > 0 && magnitude >= options.MinChange - 1e-9;

    private static void RequireComparable(Scan oldScan, Scan newScan, Manifest? oldManifest, Manifest? newManifest)
    {
        if (oldScan.SchemaVersion != newScan.SchemaVersion)
        {
            throw new BuurtscanException(
                $"the runs cannot be compared: scan.json schema version {oldScan.SchemaVersion} (buurtscan {oldScan.ToolVersion}) against {newScan.SchemaVersion} (buurtscan {newScan.ToolVersion}); rebuild the old run with this version of buurtscan",
                Trouble);
        }

        if (oldScan.Focus.Code != newScan.Focus.Code || oldScan.Focus.Level != newScan.Focus.Level)
        {
            throw new BuurtscanException(
                $"the runs are about different areas: {oldScan.Focus.Name} ({oldScan.Focus.Code}) and {newScan.Focus.Name} ({newScan.Focus.Code}); compare two runs of the same buurt",
                Trouble);
        }

        if (oldManifest?.Parameters?.Profile is { } oldProfile && newManifest?.Parameters?.Profile is { } newProfile && oldProfile != newProfile)
        {
            throw new BuurtscanException(
                $"the runs use different scan profiles ('{oldProfile}' and '{newProfile}'); compare runs built with the same profile",
                Trouble);
        }
    }

    private static RunSummary Summarise(Scan scan, Manifest? manifest) => new(
        scan.Focus.Code,
        scan.Focus.Name,
        scan.SchemaVersion,
        scan.ToolVersion,
        manifest?.Parameters?.Profile,
        Figures(scan).Select(f => f.Figure.Year).Where(y => y is not null).Max(),
        scan.ExampleData);

    /// <summary>Name, parents and surface of the focus area. Returns whether its boundary changed.</summary>
    private static bool CompareArea(FocusArea oldFocus, FocusArea newFocus, DiffOptions options, List<Change> changes)
    {
        if (oldFocus.Name != newFocus.Name) changes.Add(AreaChange("name", oldFocus.Name, newFocus.Name, 0));

        var oldChain = ChainText(oldFocus);
        var newChain = ChainText(newFocus);
        if (oldChain != newChain) changes.Add(AreaChange("chain", oldChain, newChain, 2));

        // A custom focus area made of other buurten (or other shares of them) is another area: a boundary change.
        var oldParts = PartsText(oldFocus);
        var newParts = PartsText(newFocus);
        var boundary = oldParts != newParts;
        if (boundary) changes.Add(AreaChange("parts", oldParts, newParts, 1));

        if (oldFocus.AreaM2 is { } oldM2 && newFocus.AreaM2 is { } newM2 && oldM2 > 0 && Math.Abs(newM2 - oldM2) / oldM2 > options.BoundaryTolerance)
        {
            boundary = true;
            changes.Add(AreaChange("area-m2", Invariant(oldM2), Invariant(newM2), 1));
        }

        return boundary;
    }

    private static Change AreaChange(string subject, string oldText, string newText, int rank) =>
        new(ChangeKind.BoundaryOrEstimation, ChangeNature.Data, true, AreaTier + rank, subject, null, null, null, null, null, null, null, null, null, [], oldText, newText);

    private static string PartsText(FocusArea focus) =>
        string.Join(", ", (focus.Parts ?? []).Select(p => p.Weight == 1 ? p.Code : $"{p.Code} ({Invariant(p.Weight)})"));

    private static string ChainText(FocusArea focus) =>
        string.Join(" > ", (focus.Chain ?? []).Skip(1).Select(c => $"{c.Level.Dutch()} {c.Code} {c.Name}"));

    private static void CompareFigures(Scan oldScan, Scan newScan, bool boundaryChanged, DiffOptions options, List<Change> changes)
    {
        var oldFigures = Figures(oldScan).ToDictionary(f => f.Figure.IndicatorId, StringComparer.Ordinal);
        var newFigures = Figures(newScan).ToDictionary(f => f.Figure.IndicatorId, StringComparer.Ordinal);

        foreach (var (id, (theme, n)) in newFigures)
        {
            if (!oldFigures.TryGetValue(id, out var old))
            {
                changes.Add(FigureChange(ChangeKind.IndicatorAdded, ChangeNature.Data, true, ProfileTier, "figure", theme, n, null, n, []));
                continue;
            }

            if (CompareFigure(theme, old.Figure, n, newScan.Focus.Level, boundaryChanged, options) is { } change) changes.Add(change);
        }

        foreach (var (id, (theme, o)) in oldFigures)
        {
            if (!newFigures.ContainsKey(id))
            {
                changes.Add(FigureChange(ChangeKind.IndicatorRemoved, ChangeNature.Data, true, ProfileTier, "figure", theme, o, o, null, []));
            }
        }
    }

    /// <summary>
    /// Classifies one indicator present in both runs. The first rule that applies wins, from what changes
    /// the chapter most (a figure appearing or disappearing) to what changes it least (a new hash).
    /// </summary>
    private static Change? CompareFigure(string theme, Figure o, Figure n, Level focusLevel, bool boundaryChanged, DiffOptions options)
    {
        var comparisons = CompareComparisons(o, n);
        var oldHas = o.Value is not null;
        var newHas = n.Value is not null;

        if (oldHas && !newHas) return FigureChange(ChangeKind.NewlySuppressed, ChangeNature.Data, true, AvailabilityTier + 1, "figure", theme, n, o, n, comparisons);
        if (!oldHas && newHas) return FigureChange(ChangeKind.NewlyAvailable, ChangeNature.Data, true, AvailabilityTier + 1, "figure", theme, n, o, n, comparisons);
        if (!oldHas && !newHas)
        {
            return o.Status != n.Status || o.Year != n.Year
                ? FigureChange(ChangeKind.StatusChanged, ChangeNature.Data, false, 0, "figure", theme, n, o, n, comparisons)
                : null;
        }

        var magnitude = Magnitude(n.Unit, o.Value, n.Value) ?? 0;
        var valueNotable = IsNotable(magnitude, options);
        var valueImportance = Math.Min(MaxValueImportance, options.MinChange > 0 ? magnitude / options.MinChange : magnitude > 0 ? MaxValueImportance : 0);

        if (o.Level != n.Level || o.AreaCode != n.AreaCode)
        {
            return FigureChange(ChangeKind.LevelChanged, ChangeNature.Data, true, AvailabilityTier, "figure", theme, n, o, n, comparisons);
        }

        var estimated = o.Status == FigureStatus.Estimated || n.Status == FigureStatus.Estimated;
        var boundaryAffects = boundaryChanged && n.Level == focusLevel;
        var valueOrPeriodChanged = o.Year != n.Year || o.Value != n.Value;
        if ((estimated && (valueOrPeriodChanged || o.Status != n.Status)) || (boundaryAffects && valueOrPeriodChanged))
        {
            // Going from estimated to measured (or back) changes how far the figure can be trusted, whatever its size.
            var statusFlip = (o.Status == FigureStatus.Estimated) != (n.Status == FigureStatus.Estimated);
            return FigureChange(ChangeKind.BoundaryOrEstimation, ChangeNature.Data, valueNotable || statusFlip, statusFlip ? AvailabilityTier - 1 : valueImportance,
                "figure", theme, n, o, n, comparisons);
        }

        if (o.Year != n.Year)
        {
            // Only a newer period measured the same way says the buurt itself changed; a period that went missing is a data matter.
            var nature = n.Year > o.Year ? ChangeNature.Real : ChangeNature.Data;
            return FigureChange(ChangeKind.NewPeriod, nature, valueNotable, valueImportance, "figure", theme, n, o, n, comparisons);
        }

        if (o.Value != n.Value)
        {
            return FigureChange(ChangeKind.Revised, ChangeNature.Data, valueNotable, valueImportance, "figure", theme, n, o, n, comparisons);
        }

        if (o.Status != n.Status)
        {
            return FigureChange(ChangeKind.StatusChanged, ChangeNature.Data, false, 0, "figure", theme, n, o, n, comparisons);
        }

        // The figure itself is unchanged; a comparison area (the wijk, Amsterdam) may have been revised.
        var revised = comparisons.Where(c => c.OldValue is not null && c.NewValue is not null && c.OldValue != c.NewValue).ToList();
        if (revised.Count > 0)
        {
            var largest = revised.Max(c => Magnitude(n.Unit, c.OldValue, c.NewValue) ?? 0);
            var importance = Math.Min(MaxValueImportance, options.MinChange > 0 ? largest / options.MinChange : MaxValueImportance);
            return FigureChange(ChangeKind.Revised, ChangeNature.Data, IsNotable(largest, options), importance, "comparison", theme, n, o, n, comparisons);
        }

        if (comparisons.Count > 0)
        {
            return FigureChange(ChangeKind.StatusChanged, ChangeNature.Data, false, 0, "comparison", theme, n, o, n, comparisons);
        }

        if (!(o.Sources ?? []).SequenceEqual(n.Sources ?? [], StringComparer.Ordinal))
        {
            return FigureChange(ChangeKind.SourceChanged, ChangeNature.Data, false, 0, "figure", theme, n, o, n, comparisons);
        }

        return null;
    }

    /// <summary>Comparison areas whose value or status differs, leaving out the area the figure itself comes from.</summary>
    private static List<ComparisonChange> CompareComparisons(Figure o, Figure n)
    {
        var result = new List<ComparisonChange>();
        var oldByArea = (o.Comparisons ?? []).GroupBy(c => (c.Level, c.Code)).ToDictionary(g => g.Key, g => g.First());
        foreach (var c in n.Comparisons ?? [])
        {
            if (c.Level == n.Level && c.Code == n.AreaCode) continue;
            if (!oldByArea.TryGetValue((c.Level, c.Code), out var before))
            {
                if (c.Value is not null) result.Add(new ComparisonChange(c.Level, c.Code, c.Name, null, c.Value, FigureStatus.Missing, c.Status));
                continue;
            }

            if (before.Value != c.Value || before.Status != c.Status)
            {
                result.Add(new ComparisonChange(c.Level, c.Code, c.Name, before.Value, c.Value, before.Status, c.Status));
            }
        }

        return result;
    }

    private static Change FigureChange(ChangeKind kind, ChangeNature nature, bool notable, double importance, string subject, string theme, Figure figure,
        Figure? o, Figure? n, IReadOnlyList<ComparisonChange> comparisons)
    {
        // Rounded so that floating-point noise (0.1 + 0.2) does not show up in the report or the JSON.
        double? difference = o?.Value is { } ov && n?.Value is { } nv ? Math.Round(nv - ov, 10) : null;
        double? relative = o?.Value is { } a && n?.Value is { } b && a != 0 ? Math.Round((b - a) / Math.Abs(a) * 100, 4) : null;
        return new Change(kind, nature, notable, Math.Round(importance, 6), subject, theme, figure.IndicatorId, figure.Label, figure.Unit, figure.Kind,
            o is null ? null : Snapshot(o), n is null ? null : Snapshot(n), difference, relative, comparisons, null, null);
    }

    private static FigureSnapshot Snapshot(Figure f) => new(f.Year, f.Value, f.Status, f.Level, f.AreaCode, f.AreaName, f.Sources ?? []);

    /// <summary>
    /// Source files by path: every input of the manifests when both runs have one (they list files the
    /// profile did not use too), otherwise the files the scans name. A new hash alone changes no figure,
    /// so it is never notable by itself; the figures it changed are reported on their own.
    /// </summary>
    private static void CompareSources(Scan oldScan, Scan newScan, Manifest? oldManifest, Manifest? newManifest, List<Change> changes)
    {
        var useManifests = oldManifest?.Inputs is not null && newManifest?.Inputs is not null;
        var oldFiles = useManifests ? Hashes(oldManifest!.Inputs.Select(i => (i.Path, i.Sha256))) : Hashes((oldScan.Sources ?? []).Select(s => (s.Path, s.Sha256)));
        var newFiles = useManifests ? Hashes(newManifest!.Inputs.Select(i => (i.Path, i.Sha256))) : Hashes((newScan.Sources ?? []).Select(s => (s.Path, s.Sha256)));
        foreach (var path in oldFiles.Keys.Union(newFiles.Keys).Order(StringComparer.Ordinal))
        {
            var before = oldFiles.GetValueOrDefault(path);
            var after = newFiles.GetValueOrDefault(path);
            if (before == after) continue;
            changes.Add(new Change(ChangeKind.SourceChanged, ChangeNature.Data, false, 0, path, null, null, null, null, null, null, null, null, null, [], before, after));
        }
    }

    private static Dictionary<string, string> Hashes(IEnumerable<(string Path, string Sha256)> files)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, sha) in files) result.TryAdd(path, sha);
        return result;
    }

    private static IEnumerable<(string Theme, Figure Figure)> Figures(Scan scan)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var theme in scan.Themes ?? [])
        {
            foreach (var figure in theme.Figures ?? [])
            {
                // An indicator listed twice in a profile is one figure: the first is the one compared.
                if (seen.Add(figure.IndicatorId)) yield return (theme.Title, figure);
            }
        }
    }

    /// <summary>
    /// Notable changes first; then by importance (area changes, then a figure appearing, disappearing or
    /// changing level, then indicators added or removed, then value changes by size relative to the
    /// threshold); ties in the order of the chapter (new run's profile, then the old one's), then by subject.
    /// </summary>
    private static List<Change> Order(List<Change> changes, Scan newScan, Scan oldScan)
    {
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (_, f) in Figures(newScan).Concat(Figures(oldScan))) position.TryAdd(f.IndicatorId, position.Count);
        return changes
            .OrderByDescending(c => c.Notable)
            .ThenByDescending(c => c.Importance)
            .ThenBy(c => c.IndicatorId is null ? int.MaxValue : position.GetValueOrDefault(c.IndicatorId, int.MaxValue))
            .ThenBy(c => c.Subject, StringComparer.Ordinal)
            .ToList();
    }

    private static string Flag(bool value) => value ? "ja" : "nee";

    private static string Invariant(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
