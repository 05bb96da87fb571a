using Buurtscan.Build;
using static Buurtscan.Bench.BenchSupport;

namespace Buurtscan.Bench;

/// <summary>
/// `build --all` for every buurt of Amsterdam on the real data, with charts and maps, as a user runs it:
/// reading the sources, resolving, drawing and writing every folder. Target: under 60 s wall on 2 cores.
/// Options: `--data DIR` (default ../shared/data), `--runs N` (default 1), `--jobs N` (default: all cores).
/// In this process first (the library), then the Release executable as a process of its own; at the end, what the
/// pictures' compression alone costs (<see cref="CompressionFloor"/>). `--compression-of DIR [--every N]` measures
/// only that, for the output of an earlier `build --all --scans DIR`.
/// </summary>
internal static class AllBuurtenBench
{
    public static int Run(string[] args)
    {
        var data = Path.GetFullPath(Arg(args, "--data", Path.Combine(RepoRoot, "..", "shared", "data")));
        var runs = int.Parse(Arg(args, "--runs", "1"), Invariant);
        var jobs = int.Parse(Arg(args, "--jobs", Environment.ProcessorCount.ToString(Invariant)), Invariant);
        var earlier = Arg(args, "--compression-of", "");
        if (earlier.Length > 0)
        {
            // Only the compression floor, of an earlier `build --all --scans DIR`.
            CompressionFloor.Report(earlier, every: int.Parse(Arg(args, "--every", "8"), Invariant), budgetCpuSeconds: TargetWallSeconds * jobs);
            return 0;
        }

        if (!Directory.Exists(data))
        {
            Console.Error.WriteLine($"all-buurten: the real data are expected at {data}");
            return 2;
        }

        Console.WriteLine($"all-buurten: build --all with charts and maps, data {data}, {jobs} jobs; {MachineLoad()}");
        Console.WriteLine("run  buurten  failed  read s  build s  wall s  cpu s  buurten/s  peak MB  output MB");
        // Every run's output is deleted at the end, not before the next run: on ext4 without a journal (as on this
        // machine), files created just after 70,000 were deleted take several times longer to create, which would
        // be the benchmark's own cost, not the tool's. (Amsterdam's scans take 3 GB a run.)
        var outputs = new List<string>();
        try
        {
            return Runs(data, runs, jobs, outputs);
        }
        finally
        {
            foreach (var output in outputs.Where(Directory.Exists)) Directory.Delete(output, recursive: true);
        }
    }

    private static int Runs(string data, int runs, int jobs, List<string> outputs)
    {
        for (var run = 1; run <= runs; run++)
        {
            var output = TempFolder($"all-buurten-{run}");
            outputs.Add(output);
            BatchReport? report = null;
            var (wall, cpu) = Timed(() => report = BatchBuilder.Run(
                new BatchSettings(data, output, null, null, null, BatchSelection.All, Charts: true, jobs), BuildProgress.None));
            Console.WriteLine(string.Create(Invariant,
                $"{run,3}  {report!.Outcomes.Count,7}  {report.Failed.Count,6}  {report.LoadTime.TotalSeconds,6:0.0}  {report.BuildTime.TotalSeconds,7:0.0}  {wall.TotalSeconds,6:0.0}  {cpu.TotalSeconds,5:0.0}  {report.Outcomes.Count / wall.TotalSeconds,9:0.0}  {PeakMegabytes(),7:0}  {FolderMegabytes(output),9:0}"));
            if (report.Failed.Count > 0) return 1;
        }

        // The same as a user runs it: the Release executable, a process of its own.
        if (!File.Exists(Executable))
        {
            Console.WriteLine($"whole process: {Executable} is missing (dotnet build -c Release)");
            CompressionFloor.Report(outputs[^1], every: 8, budgetCpuSeconds: TargetWallSeconds * jobs);
            return 0;
        }

        string? last = null;
        for (var run = 1; run <= runs; run++)
        {
            last = TempFolder($"all-buurten-process-{run}");
            outputs.Add(last);
            if (!WholeProcess(data, jobs, last, "whole process")) return 1;
        }

        // The quarterly job run twice in one quarter: every folder replaces the one the run before wrote.
        if (last is not null && !WholeProcess(data, jobs, last, "whole process, again over its own output")) return 1;

        // What the pictures' compression alone costs: the part of the target no drawing code can win back.
        CompressionFloor.Report(outputs[^1], every: 8, budgetCpuSeconds: TargetWallSeconds * jobs);
        return 0;
    }

    private const double TargetWallSeconds = 60;

    private static bool WholeProcess(string data, int jobs, string output, string what)
    {
        var (exitCode, wall, cpu, error) = RunChild(Executable, ["build", "--all", "--data", data, "--scans", output, "--jobs", jobs.ToString(Invariant)]);
        var buurten = Directory.Exists(output) ? Directory.GetDirectories(output).Length : 0;
        Console.WriteLine(string.Create(Invariant,
            $"{what} ({Executable}): {buurten} buurten in {wall.TotalSeconds:0.0} s wall, {cpu.TotalSeconds:0.0} s CPU, exit code {exitCode}, {FolderMegabytes(output):0} MB"));
        if (exitCode != 0) Console.Error.WriteLine(error);
        return exitCode == 0;
    }
}
