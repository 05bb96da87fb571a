using System.Diagnostics;
using System.Text;

namespace Buurtscan.Tests.Support;

/// <summary>Runs buurtscan, or a script, as a real child process: for what only a separate process can show (being killed, a shell script).</summary>
public static class ChildProcess
{
    /// <summary>
    /// The command as built, in its own output folder (`dotnet src/Buurtscan/bin/&lt;configuration&gt;/net10.0/buurtscan.dll`),
    /// the build users run. Not the copy beside the test binaries: the Release build is compiled for this machine,
    /// and its deps.json expects the native libraries beside it, where the test folder does not have them.
    /// </summary>
    public static string BuurtscanCommand => $"dotnet {Path.Combine(BuildFolder, "buurtscan.dll")}";

    /// <summary>
    /// The executable of the build (`src/Buurtscan/bin/&lt;configuration&gt;/net10.0/buurtscan`): in the Release build on a
    /// machine with a C compiler, native code compiled ahead of time; otherwise the launcher of buurtscan.dll.
    /// </summary>
    public static string Executable => Path.Combine(BuildFolder, OperatingSystem.IsWindows() ? "buurtscan.exe" : "buurtscan");

    private static string BuildFolder => Path.Combine(TestPaths.RepoRoot, "src", "Buurtscan", "bin", Configuration, "net10.0");

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    public static Process Start(string fileName, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? TestPaths.RepoRoot,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        return Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
    }

    /// <summary>Runs to the end (at most five minutes) and returns the exit code and everything printed.</summary>
    public static (int ExitCode, string Output, string Error) Run(string fileName, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Start(fileName, args, environment);
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Append(e.Data).Append('\n'); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (error) error.Append(e.Data).Append('\n'); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish within five minutes");
        }

        process.WaitForExit();
        return (process.ExitCode, output.ToString(), error.ToString());
    }
}
