using Buurtscan.Diff;
using Buurtscan.Resolve;
using FsCheck;
using FsCheck.Xunit;

namespace Buurtscan.Tests.Diff;

/// <summary>Properties of the diff over many generated changes to the example scan (fixed seeds, so failures repeat).</summary>
public sealed class ScanDiffPropertyTests
{
    private static readonly string[] Ids = TestScans.Scan.Themes.SelectMany(t => t.Figures).Select(f => f.IndicatorId).ToArray();

    /// <summary>Applies one generated edit per figure: 0 none, 1 new value same year, 2 next year, 3 no value, 4 dropped.</summary>
    private static Scan Edit(Scan scan, int[] edits, int[] values)
    {
        for (var i = 0; i < Ids.Length; i++)
        {
            var edit = edits.Length == 0 ? 0 : Math.Abs(edits[i % edits.Length]) % 5;
            var value = values.Length == 0 ? 1 : Math.Abs(values[i % values.Length] % 5000) + 1;
            scan = edit switch
            {
                1 => scan.With(Ids[i], f => f with { Value = value }),
                2 => scan.With(Ids[i], f => f.Next(value)),
                3 => scan.With(Ids[i], f => f with { Value = null, Status = FigureStatus.Suppressed }),
                4 => scan.Without(Ids[i]),
                _ => scan,
            };
        }

        return scan;
    }

    [Property(Replay = "1234567,7654321", MaxTest = 200)]
    public bool A_scan_compared_with_itself_has_no_changes(int[] edits, int[] values)
    {
        var scan = Edit(TestScans.Scan, edits, values);
        return ScanDiff.Compare(scan, scan, TestScans.Manifest, TestScans.Manifest, new DiffOptions()).Changes.Count == 0;
    }

    [Property(Replay = "2345678,8765433", MaxTest = 200)]
    public bool Both_directions_see_the_same_indicators_change(int[] edits, int[] values)
    {
        var edited = Edit(TestScans.Scan, edits, values);
        var forward = ScanDiff.Compare(TestScans.Scan, edited, null, null, new DiffOptions());
        var backward = ScanDiff.Compare(edited, TestScans.Scan, null, null, new DiffOptions());
        static string[] Changed(ScanDiffResult d) => d.Changes.Select(c => c.IndicatorId).OfType<string>().Order(StringComparer.Ordinal).ToArray();
        static int Count(ScanDiffResult d, ChangeKind k) => d.Changes.Count(c => c.Kind == k);
        return Changed(forward).SequenceEqual(Changed(backward))
            && Count(forward, ChangeKind.NewlySuppressed) == Count(backward, ChangeKind.NewlyAvailable)
            && Count(forward, ChangeKind.IndicatorRemoved) == Count(backward, ChangeKind.IndicatorAdded);
    }

    [Property(Replay = "3456789,9876543", MaxTest = 200)]
    public bool Notable_changes_come_first_and_real_change_is_only_ever_a_newer_period(int[] edits, int[] values, PositiveInt threshold)
    {
        var options = new DiffOptions { MinChange = threshold.Get % 40 };
        var diff = ScanDiff.Compare(TestScans.Scan, Edit(TestScans.Scan, edits, values), null, null, options);
        var notable = diff.Changes.Select(c => c.Notable).ToList();
        return notable.SequenceEqual(notable.OrderByDescending(n => n))
            && diff.Changes.Where(c => c.Nature == ChangeNature.Real).All(c => c.Kind == ChangeKind.NewPeriod && c.New!.Year > c.Old!.Year);
    }

    [Property(Replay = "4567890,1098765", MaxTest = 300)]
    public bool A_value_change_is_notable_exactly_when_it_reaches_the_threshold(PositiveInt oldValue, int percent, PositiveInt threshold)
    {
        // Counts: percent of the old value. Whole percentages of a multiple of 100 are exact.
        var before = oldValue.Get % 100_000 * 100 + 100;
        var change = percent % 60;
        var after = before + before / 100 * change;
        var options = new DiffOptions { MinChange = threshold.Get % 30 + 1 };
        var scan = TestScans.Scan.With("inwoners", f => f with { Value = before });
        var diff = ScanDiff.Compare(scan, scan.With("inwoners", f => f with { Value = after }), null, null, options);
        return change == 0
            ? diff.Changes.Count == 0
            : diff.Changes.Single().Notable == (Math.Abs(change) >= options.MinChange);
    }
}
