using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Buurtscan.Domain;
using Buurtscan.Render;

namespace Buurtscan.Fetch;

/// <summary>
/// `.fetch.json`, beside the files of one fetched folder: where each file came from, when, with which HTTP
/// validators and hash, and the source's own version (CBS TableInfos Modified). Its name starts with a dot, so
/// the data loader passes it by.
/// </summary>
public sealed record FetchManifest(
    int BuurtscanFetch,
    string Source,
    string? Title,
    string? Version,
    string? Query,
    DateTimeOffset Retrieved,
    IReadOnlyList<FetchedFile> Files)
{
    public const string FileName = ".fetch.json";
    public const int CurrentVersion = 1;

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        TypeInfoResolver = Render.ScanJsonTypes.Default,
    };

    internal static System.Text.Json.Serialization.Metadata.JsonTypeInfo<FetchManifest> Contract { get; } = Render.ScanJson.Info<FetchManifest>(Json);
}

/// <summary>
/// One stored file. <paramref name="Url"/> is what was asked for (the first page, for a paged table);
/// <paramref name="Archive"/> names the zip a file was unpacked from, whose validators are the ones given.
/// </summary>
public sealed record FetchedFile(
    string Name,
    string Url,
    DateTimeOffset Retrieved,
    string? ETag,
    string? LastModified,
    string Sha256,
    long Bytes,
    string? Archive = null,
    string? ArchiveSha256 = null,
    int? Pages = null);

/// <summary>
/// One folder of the data folder that `fetch` owns. It is only ever replaced as a whole: new content is
/// assembled in a hidden sibling and swapped in when complete, so a failed fetch leaves the old folder as it was.
/// </summary>
internal sealed class CacheFolder
{
    public CacheFolder(string dataDirectory, string relative)
    {
        Relative = relative;
        Path = System.IO.Path.GetFullPath(System.IO.Path.Combine(dataDirectory, relative));
        Parent = System.IO.Path.GetDirectoryName(Path)!;
        Name = System.IO.Path.GetFileName(Path);
    }

    public string Relative { get; }

    public string Path { get; }

    private string Parent { get; }

    private string Name { get; }

    /// <summary>The manifest, or null when there is none or it cannot be read (then everything is fetched anew).</summary>
    public FetchManifest? ReadManifest()
    {
        RecoverInterruptedSwap();
        var file = System.IO.Path.Combine(Path, FetchManifest.FileName);
        if (!File.Exists(file)) return null;
        try
        {
            var manifest = JsonSerializer.Deserialize(File.ReadAllText(file), FetchManifest.Contract);
            return manifest is { BuurtscanFetch: FetchManifest.CurrentVersion, Files: not null } ? manifest : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Whether every file the manifest lists is present with the hash it lists.</summary>
    public bool Verifies(FetchManifest manifest, IEnumerable<FetchedFile>? only = null) =>
        (only ?? manifest.Files).All(f =>
        {
            var path = System.IO.Path.Combine(Path, f.Name);
            if (!File.Exists(path) || new FileInfo(path).Length != f.Bytes) return false;
            using var stream = File.OpenRead(path);
            return Convert.ToHexStringLower(SHA256.HashData(stream)) == f.Sha256;
        });

    /// <summary>A fresh hidden folder beside this one for downloads in progress; the caller deletes it.</summary>
    public string CreateStaging()
    {
        var staging = System.IO.Path.Combine(Parent, $".{Name}.download-{Environment.ProcessId}");
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        return staging;
    }

    /// <summary>Assembles the new content with <paramref name="write"/> and swaps it in, with its manifest.</summary>
    public void Replace(FetchManifest manifest, Action<string> write)
    {
        if (Directory.Exists(Path) && !File.Exists(System.IO.Path.Combine(Path, FetchManifest.FileName)) && Directory.EnumerateFileSystemEntries(Path).Any())
        {
            throw new FetchException(
                $"{Relative}: the folder exists and was not written by buurtscan fetch (it has no {FetchManifest.FileName}); move it away or choose another --data folder, since fetch replaces its folders as a whole",
                ExitCodes.OutputFailed);
        }

        OutputFolder.WriteAtomically(Path, temporary =>
        {
            write(temporary);
            File.WriteAllText(System.IO.Path.Combine(temporary, FetchManifest.FileName), JsonSerializer.Serialize(manifest, FetchManifest.Contract) + "\n");
        });
    }

    /// <summary>
    /// A swap stopped between its two moves (power cut, kill) leaves the old folder under its hidden name and
    /// none under the real one: put the old one back.
    /// </summary>
    private void RecoverInterruptedSwap()
    {
        if (Directory.Exists(Path) || !Directory.Exists(Parent)) return;
        var previous = Directory.EnumerateDirectories(Parent, $".{Name}.old-*").OrderByDescending(Directory.GetLastWriteTimeUtc).FirstOrDefault();
        if (previous is not null) Directory.Move(previous, Path);
    }
}
