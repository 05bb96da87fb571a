using System.Diagnostics;
using Buurtscan.Build;
using Buurtscan.Import;
using static Buurtscan.Bench.BenchSupport;

namespace Buurtscan.Bench;

/// <summary>
/// `build --all --no-charts` on a generated data set of national size (about 14,500 buurten, 100
/// indicators, 10 years), and on an eighth, a quarter and half of it, each size in a fresh process so
/// that its peak memory is its own. Shows how the cost grows with the work. Targets: linear, under 10
/// minutes and under 4 GB at full size.
/// Options: `--buurten N` (default 14500), `--years N` (default 10), `--sizes a,b,c` (buurten per run),
/// `--heap-limit-mb N` (.NET heap capped at N MB through DOTNET_GCHeapHardLimit; default 0, not capped).
/// Uncapped, the collector leaves garbage in place while the machine has memory to spare, so the peak says more
/// about the machine than about what the run needs; capped at the target, the run shows whether it fits.
/// </summary>
internal static class NationalBench
{
    public static int Run(string[] args)
    {
        var buurten = int.Parse(Arg(args, "--buurten", "14500"), Invariant);
        var years = Arg(args, "--years", "10");
        var heapLimitMb = long.Parse(Arg(args, "--heap-limit-mb", "0"), Invariant);
        var sizes = Arg(args, "--sizes", string.Join(',', new[] { buurten / 8, buurten / 4, buurten / 2, buurten }))
            .Split(',').Select(s => int.Parse(s, Invariant)).ToList();
        var cap = heapLimitMb > 0 ? $"heap capped at {heapLimitMb} MB" : "heap not capped";
        Console.WriteLine($"national: build --all --no-charts, {NationalData.Indicators} indicators, {years} years, each size in its own process, {cap}; {MachineLoad()}");
        Console.WriteLine("buurten  generate s  read s  build s  total s  cpu s  ms/buurt  peak MB  output MB  failed");
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find the benchmark's own executable");
        var selfArgs = self.EndsWith("dotnet", StringComparison.Ordinal) || self.EndsWith("dotnet.exe", StringComparison.Ordinal)
            ? new[] { typeof(NationalBench).Assembly.Location }
            : [];
        foreach (var size in sizes)
        {
            var info = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
            if (heapLimitMb > 0) info.Environment["DOTNET_GCHeapHardLimit"] = (heapLimitMb * 1024 * 1024).ToString("X", Invariant);
            foreach (var a in selfArgs.Concat(["national-one", "--buurten", size.ToString(Invariant), "--years", years])) info.ArgumentList.Add(a);
            using var child = Process.Start(info)!;
            var output = child.StandardOutput.ReadToEnd();
            child.WaitForExit();
            var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
            if (child.ExitCode != 0 || line is null)
            {
                Console.WriteLine($"{size,7}  failed (exit {child.ExitCode}): {output.Trim()}");
                return 1;
            }

            Console.WriteLine(line["RESULT ".Length..]);
        }

        return 0;
    }

    /// <summary>One size, in this process: generate, read, build every buurt, then remove everything.</summary>
    public static int RunOne(string[] args)
    {
        var buurten = int.Parse(Arg(args, "--buurten", "14500"), Invariant);
        var years = int.Parse(Arg(args, "--years", "10"), Invariant);
        var dataFolder = TempFolder("national-data");
        var outFolder = TempFolder("national-out");
        try
        {
            var (generate, _) = Timed(() => NationalData.Generate(dataFolder, buurten, years));
            var catalogue = NationalData.Catalogue();
            DataSet? data = null;
            var (read, readCpu) = Timed(() => data = DataLoader.Load(dataFolder, catalogue, requireBoundaries: true));
            var profile = NationalData.Profile(catalogue);
            BatchReport? report = null;
            var settings = new BatchSettings(dataFolder, outFolder, null, null, null, BatchSelection.All, Charts: false, Environment.ProcessorCount);
            var (build, buildCpu) = Timed(() => report = BatchBuilder.Run(settings, data!, profile, BuildProgress.None));
            var total = read + build;
            Console.WriteLine(string.Create(Invariant,
                $"RESULT {report!.Outcomes.Count,7}  {generate.TotalSeconds,10:0.0}  {read.TotalSeconds,6:0.0}  {build.TotalSeconds,7:0.0}  {total.TotalSeconds,7:0.0}  {(readCpu + buildCpu).TotalSeconds,5:0}  {build.TotalMilliseconds / report.Outcomes.Count,8:0.00}  {PeakMegabytes(),7:0}  {FolderMegabytes(outFolder),9:0}  {report.Failed.Count,6}"));
            return report.Failed.Count == 0 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(dataFolder, recursive: true);
            Directory.Delete(outFolder, recursive: true);
        }
    }
}
