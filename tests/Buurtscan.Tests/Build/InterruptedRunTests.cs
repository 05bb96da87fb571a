using System.Text;
using Buurtscan.Tests.Support;

namespace Buurtscan.Tests.Build;

/// <summary>A run killed halfway (a real child process, killed hard) leaves the previous quarter intact and only complete folders.</summary>
public sealed class InterruptedRunTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Killing_build_all_halfway_Should_leave_the_previous_quarter_intact_and_no_half_written_folder()
    {
        // Given every buurt's scan of the first quarter, and what the second quarter looks like when built without interruption
        var first = Snapshots.First(temp.Combine("data-1"));
        var second = Snapshots.Second(temp.Combine("data-2"));
        var scans = temp.Combine("scans");
        Tool.Run("build", "--all", "--data", first, "--scans", scans).ExitCode.ShouldBe(0);
        Tool.Run("build", "--all", "--data", second, "--scans", temp.Combine("reference")).ExitCode.ShouldBe(0);
        var before = Snapshots.Contents(scans);
        var reference = Snapshots.Contents(temp.Combine("reference"));

        // When the second quarter's run is killed once a tenth of the buurten is done
        var command = ChildProcess.BuurtscanCommand.Split(' ');
        using var child = ChildProcess.Start(command[0], [.. command[1..], "build", "--all", "--data", second, "--scans", scans, "--jobs", "1"]);
        using var started = new ManualResetEventSlim();
        var progress = new StringBuilder();
        // Read on a thread of its own, not through ErrorDataReceived: that event comes on the thread pool, which
        // the other tests keep busy, and now and then it came so late that the child had finished all 15 buurten.
        var reader = new Thread(() =>
        {
            while (child.StandardError.ReadLine() is { } line)
            {
                lock (progress) progress.AppendLine(line);
                if (line.Contains("/15 buurten (", StringComparison.Ordinal)) started.Set();
            }
        })
        { IsBackground = true };
        reader.Start();
        started.Wait(TimeSpan.FromMinutes(2)).ShouldBeTrue($"no progress from the child: {progress}");
        child.Kill(entireProcessTree: true);
        child.WaitForExit();

        // Then the first quarter is byte for byte what it was
        var after = Snapshots.Contents(scans);
        foreach (var (path, bytes) in before) after[path].ShouldBe(bytes, path);

        // and every second-quarter folder that exists is complete (the same bytes as the uninterrupted run); the rest do not exist
        var visible = after.Keys.Where(p => !before.ContainsKey(p) && !p.Split('/').Any(part => part.StartsWith('.'))).ToList();
        foreach (var path in visible) after[path].ShouldBe(reference[path], path);
        var done = visible.Select(p => string.Join('/', p.Split('/')[..2])).Distinct().ToList();
        foreach (var folder in done)
        {
            reference.Keys.Where(p => p.StartsWith(folder + "/", StringComparison.Ordinal)).ShouldAllBe(p => after.ContainsKey(p));
        }

        done.Count.ShouldBeGreaterThan(0, "the run was killed before any buurt was done; the test proves nothing");
        done.Count.ShouldBeLessThan(15, "the run finished before it was killed; the test proves nothing");

        // When the run is repeated, it completes and tidies what the killed process left behind
        Tool.Run("build", "--all", "--data", second, "--scans", scans).ExitCode.ShouldBe(0);
        var repeated = Snapshots.Contents(scans);
        repeated.Keys.ShouldBe(before.Keys.Concat(reference.Keys).Order(StringComparer.Ordinal));
        foreach (var (path, bytes) in reference) repeated[path].ShouldBe(bytes, path);
        Directory.EnumerateDirectories(scans, ".*", SearchOption.AllDirectories).ShouldBeEmpty();
    }
}
