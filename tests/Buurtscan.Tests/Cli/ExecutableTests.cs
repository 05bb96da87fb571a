using Buurtscan.Tests.Support;

namespace Buurtscan.Tests.Cli;

/// <summary>
/// The executable users run writes what the tests' buurtscan writes. In the Release build it is native code compiled
/// ahead of time (see the project file), where nothing is compiled at run time and code reached only by reflection
/// can be missing: so a scan, and a diff of two scans (which reads and writes every JSON record), are made with both
/// and compared byte for byte.
/// </summary>
public sealed class ExecutableTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void The_executable_Should_write_the_same_scans_and_change_report_as_the_assembly()
    {
        File.Exists(ChildProcess.Executable).ShouldBeTrue($"{ChildProcess.Executable} is built with the tests");
        var first = Snapshots.First(temp.Combine("data-1"));
        var second = Snapshots.Second(temp.Combine("data-2"));
        var assembly = ChildProcess.BuurtscanCommand.Split(' ');
        var runs = new Dictionary<string, string[]> { ["assembly"] = assembly, ["executable"] = [ChildProcess.Executable] };
        var reports = new Dictionary<string, (int ExitCode, string Markdown, string Json)>();

        foreach (var (name, command) in runs)
        {
            var environment = new Dictionary<string, string> { ["BUURTSCAN_CACHE"] = temp.Combine(name, "cache") };
            foreach (var (data, quarter) in new[] { (first, "old"), (second, "new") })
            {
                var build = ChildProcess.Run(command[0], [.. command[1..], "build", "--buurt", "wegener-sleeswijk", "--data", data, "--out", temp.Combine(name, quarter), "--format", "md,html"], environment);
                build.ExitCode.ShouldBe(0, build.Error);
            }

            var markdown = ChildProcess.Run(command[0], [.. command[1..], "diff", temp.Combine(name, "old"), temp.Combine(name, "new")], environment);
            var json = ChildProcess.Run(command[0], [.. command[1..], "diff", "--json", temp.Combine(name, "old"), temp.Combine(name, "new")], environment);
            markdown.ExitCode.ShouldBe(json.ExitCode, json.Error);
            reports[name] = (json.ExitCode, markdown.Output, json.Output);
        }

        // The diff found the changes the second snapshot makes (so it read and wrote real records), the same way both times.
        reports["assembly"].ExitCode.ShouldBe(1);
        reports["assembly"].Json.ShouldContain("\"kind\": \"revised\"");
        reports["executable"].ShouldBe(reports["assembly"]);
        foreach (var quarter in new[] { "old", "new" })
        {
            var expected = Snapshots.Contents(temp.Combine("assembly", quarter));
            var actual = Snapshots.Contents(temp.Combine("executable", quarter));
            actual.Keys.ShouldBe(expected.Keys);
            foreach (var (file, content) in expected)
            {
                actual[file].AsSpan().SequenceEqual(content).ShouldBeTrue($"{quarter}/{file} differs between the executable and the assembly");
            }
        }
    }
}
