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

    /// <summary>The Release build's executable, as a user runs it (native code where the build could link it; see the project file).</summary>
    public static string Executable => Path.Combine(RepoRoot, "src", "Buurtscan", "bin", "Release", "net10.0", OperatingSystem.IsWindows() ? "buurtscan.exe" : "buurtscan");

    /// <summary>Runs a child process to its end: its exit code, wall time, and CPU time (all its threads, from getrusage; zero where that is not at hand).</summary>
    public static (int ExitCode, TimeSpan Wall, TimeSpan Cpu, string Error) RunChild(string executable, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var before = ChildrenCpu();
        var clock = Stopwatch.StartNew();
        var start = new ProcessStartInfo(executable, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        clock.Stop();
        return (process.ExitCode, clock.Elapsed, ChildrenCpu() - before, error.Result);
    }

    /// <summary>User and system time of all children that have ended (getrusage RUSAGE_CHILDREN).</summary>
    private static TimeSpan ChildrenCpu()
    {
        if (OperatingSystem.IsWindows() || getrusage(-1, out var usage) != 0) return TimeSpan.Zero;
        return TimeSpan.FromMicroseconds((usage.UserSeconds + usage.SystemSeconds) * 1e6 + usage.UserMicroseconds + usage.SystemMicroseconds);
    }

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
        public long MaxRss, IxRss, IdRss, IsRss, MinFlt, MajFlt, NSwap, InBlock, OuBlock, MsgSnd, MsgRcv, NSignals, NvCsw, NivCsw;
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, out RUsage usage);

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
        return $"{Environment.ProcessorCount} cores ({Processor()}), load average {load} at the start";
    }

    /// <summary>
    /// The processor's name and generation, and whether it has AVX-512. The same machine has run on processors of
    /// different generations, at twice the speed on one as on the other, and the pixel code takes wider steps with
    /// AVX-512: figures are only comparable on the same processor.
    /// </summary>
    public static string Processor()
    {
        if (!File.Exists("/proc/cpuinfo")) return System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();
        var fields = File.ReadLines("/proc/cpuinfo").TakeWhile(l => l.Length > 0)
            .Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim()).ToDictionary(g => g.Key, g => g.First()[1].Trim());
        string Field(string name) => fields.TryGetValue(name, out var value) ? value : "?";
        // Only x86 processors list "flags"; elsewhere nothing is said of AVX-512.
        var avx512 = !fields.TryGetValue("flags", out var flags) ? "" : flags.Split(' ').Contains("avx512f") ? ", AVX-512" : ", no AVX-512";
        return $"{Field("model name")}, family {Field("cpu family")} model {Field("model")}{avx512}";
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
