using System.Diagnostics;
using System.Globalization;

namespace Buurtscan.Bench;

/// <summary>Timing, memory and folder helpers shared by the benchmarks.</summary>
internal static class BenchSupport
{
    public static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>Wall time and CPU time (all threads) of an action.</summary>
    public static (TimeSpan Wall, TimeSpan Cpu) Timed(Action action)
    {
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        action();
        clock.Stop();
        process.Refresh();
        return (clock.Elapsed, process.TotalProcessorTime - cpuBefore);
    }

    /// <summary>The most memory this process has held (resident), in MB.</summary>
    public static double PeakMegabytes()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.PeakWorkingSet64 / 1024.0 / 1024.0;
    }

    public static double FolderMegabytes(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) / 1024.0 / 1024.0 : 0;

    public static string TempFolder(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), $"buurtscan-bench-{name}-{Environment.ProcessId}");
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>The value after `--name` in the arguments, or the default.</summary>
    public static string Arg(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    public static string MachineLoad()
    {
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        return $"{Environment.ProcessorCount} cores, load average {load} at the start";
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "buurtscan-cli.sln"))) return dir.FullName;
        }

        return Directory.GetCurrentDirectory();
    }
}
