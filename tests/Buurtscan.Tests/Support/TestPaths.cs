namespace Buurtscan.Tests.Support;

/// <summary>Where the repository, its example data and the real source copies (../shared/data) are.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Samples => Path.Combine(RepoRoot, "data-samples");

    /// <summary>The real sources beside the repository; CI has them at the same relative path.</summary>
    public static string SharedData
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data"));
            return Directory.Exists(path)
                ? path
                : throw new DirectoryNotFoundException($"the real data are expected at {path} (../shared/data beside the repository)");
        }
    }

    public static string Real(string relative) => Path.Combine(SharedData, relative);

    public static string Golden => Path.Combine(RepoRoot, "tests", "Buurtscan.Tests", "golden");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "buurtscan-cli.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("buurtscan-cli.sln not found above the test binaries");
    }
}

/// <summary>A temporary folder that removes itself.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "buurtscan-test-" + Guid.NewGuid().ToString("N"));

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
