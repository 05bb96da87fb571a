using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Buurtscan.Areas;
using Buurtscan.Catalogue;
using Buurtscan.Domain;
using Buurtscan.Import;

namespace Buurtscan.Build;

/// <summary>A quarter, the label of a kept run: `2024-Q1`. Labels sort in time order, as text too.</summary>
public readonly partial record struct Period(int Year, int Quarter) : IComparable<Period>
{
    public override string ToString() => $"{Year.ToString("0000", CultureInfo.InvariantCulture)}-Q{Quarter.ToString(CultureInfo.InvariantCulture)}";

    public static Period Of(DateOnly date) => new(date.Year, (date.Month - 1) / 3 + 1);

    public static bool TryParse(string? text, out Period period)
    {
        var m = text is null ? Match.Empty : Pattern().Match(text);
        period = m.Success
            ? new Period(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value[0] - '0')
            : default;
        return m.Success;
    }

    public int CompareTo(Period other) => Year != other.Year ? Year.CompareTo(other.Year) : Quarter.CompareTo(other.Quarter);

    [GeneratedRegex(@"^([0-9]{4})-Q([1-4])$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

/// <summary>
/// Where runs are kept over time: `&lt;scans&gt;/&lt;buurt-slug&gt;/&lt;YYYY-Qn&gt;/`, one complete run per
/// quarter, so that the previous quarter of a buurt is the folder before the newest one. Folders are
/// written atomically (temporary sibling, then swapped in); hidden folders (`.name.tmp-PID`) are never runs.
/// </summary>
public static partial class RunLayout
{
    /// <summary>The run folder of one buurt for one quarter.</summary>
    public static string RunFolder(string scansRoot, string buurtFolder, Period period) =>
        Path.Combine(scansRoot, buurtFolder, period.ToString());

    /// <summary>
    /// The label a run gets without `--period`: the quarter of the newest data it uses, never the clock,
    /// so that the same data give the same folder (and a rerun replaces it byte for byte). "Uses" means:
    /// files with at least one value for an indicator of the profile (or its numerator and denominator).
    /// A file's date is its reference date ("1 januari 2024"); a file whose reference date cannot be read
    /// counts as 1 January of the newest year it has values for.
    /// </summary>
    public static Period DefaultPeriod(DataSet data, ScanProfile profile)
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in profile.Themes.SelectMany(t => t.Indicators))
        {
            wanted.Add(id);
            if (data.Catalogue.Find(id) is { IsRatio: true } ratio)
            {
                wanted.Add(ratio.Numerator!);
                wanted.Add(ratio.Denominator!);
            }
        }

        var newestYearPerFile = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var o in data.Observations)
        {
            if (o.Value is null || !wanted.Contains(o.IndicatorId)) continue;
            if (!newestYearPerFile.TryGetValue(o.Source.File, out var year) || o.Year > year) newestYearPerFile[o.Source.File] = o.Year;
        }

        DateOnly? newest = null;
        foreach (var source in data.Sources)
        {
            if (!newestYearPerFile.TryGetValue(source.Path, out var year)) continue;
            var date = ParseReferenceDate(source.ReferenceDate) ?? new DateOnly(year, 1, 1);
            if (newest is null || date > newest) newest = date;
        }

        return newest is { } d
            ? Period.Of(d)
            : throw new BuurtscanException("the data folder has no figures for the indicators of the profile, so the run has no quarter; pass --period YYYY-Qn", ExitCodes.MissingData);
    }

    /// <summary>"1 januari 2024", "2024-01-01" or "20240101"; null for anything else.</summary>
    public static DateOnly? ParseReferenceDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var trimmed = text.Trim();
        if (DateOnly.TryParseExact(trimmed, ["yyyy-MM-dd", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso)) return iso;
        var m = DutchDate().Match(trimmed);
        if (!m.Success) return null;
        var month = Array.IndexOf(DutchMonths, m.Groups[2].Value.ToLowerInvariant()) + 1;
        var day = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var year = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
        return month > 0 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
    }

    /// <summary>
    /// The folder name of every buurt: its slug, or slug and code where two buurten share a name. Decided
    /// over the whole registry, not the selection, so a buurt keeps its folder whatever is built with it.
    /// </summary>
    public static IReadOnlyDictionary<AreaRef, string> FolderNames(AreaRegistry registry)
    {
        var buurten = registry.OfLevel(Level.Buurt).ToList();
        var slugs = buurten.ToDictionary(b => b.Ref, b => AreaFinder.Slug(b.Name));
        var shared = slugs.Values.GroupBy(s => s, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        return buurten.ToDictionary(
            b => b.Ref,
            b =>
            {
                var slug = slugs[b.Ref];
                var code = b.Code.ToLowerInvariant();
                return slug.Length == 0 ? code : shared.Contains(slug) ? $"{slug}-{code}" : slug;
            });
    }

    /// <summary>The complete runs in one buurt's folder, oldest first. Hidden and other folders are not runs.</summary>
    public static IReadOnlyList<(Period Period, string Path)> Runs(string buurtFolder)
    {
        if (!Directory.Exists(buurtFolder)) return [];
        return Directory.EnumerateDirectories(buurtFolder)
            .Select(path => (Ok: Period.TryParse(Path.GetFileName(path), out var p), Period: p, Path: path))
            .Where(r => r.Ok)
            .OrderBy(r => r.Period)
            .Select(r => (r.Period, r.Path))
            .ToList();
    }

    /// <summary>
    /// Tidies what a killed run left in a folder: temporary folders of processes that no longer run are
    /// deleted, and a previous run that was moved aside but not replaced is put back. Folders of running
    /// processes (another build writing at the same time) are left alone.
    /// </summary>
    public static void RemoveStaleTemporaries(string parent)
    {
        if (!Directory.Exists(parent)) return;
        foreach (var path in Directory.EnumerateDirectories(parent, ".*"))
        {
            var m = Temporary().Match(Path.GetFileName(path));
            if (!m.Success) continue;
            var pid = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
            if (pid == Environment.ProcessId || IsRunning(pid)) continue;
            try
            {
                var target = Path.Combine(parent, m.Groups[1].Value);
                if (m.Groups[2].Value == "old" && !Directory.Exists(target)) Directory.Move(path, target);
                else Directory.Delete(path, recursive: true);
            }
            catch (IOException)
            {
                // Another process may be tidying the same folder; what is left is hidden and tidied next time.
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static readonly string[] DutchMonths =
        ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];

    [GeneratedRegex(@"^([0-9]{1,2}) ([A-Za-z]+) ([0-9]{4})$", RegexOptions.CultureInvariant)]
    private static partial Regex DutchDate();

    // The names OutputFolder.WriteAtomically gives its temporary and set-aside folders.
    [GeneratedRegex(@"^\.(.+)\.(tmp|old)-([0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Temporary();
}
