using System.Runtime.CompilerServices;

namespace Buurtscan.Tests.Support;

/// <summary>
/// Builds run through the command line use the data cache; in the tests it lives in a folder of this test run
/// (never the user's ~/.cache), shared by all tests, so that many of them also build from the cache.
/// </summary>
internal static class TestCache
{
    public static string Folder { get; } = Path.Combine(Path.GetTempPath(), "buurtscan-test-cache-" + Environment.ProcessId);

    [ModuleInitializer]
    internal static void Use()
    {
        Environment.SetEnvironmentVariable("BUURTSCAN_CACHE", Folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
        };
    }
}
