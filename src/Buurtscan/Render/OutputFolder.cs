using Buurtscan.Domain;

namespace Buurtscan.Render;

/// <summary>
/// Writes a run into a temporary sibling folder and swaps it into place only when everything succeeded,
/// so a failed or interrupted run never leaves a half-written scan nor damages the previous one.
/// </summary>
public static class OutputFolder
{
    public static void WriteAtomically(string target, Action<string> write)
    {
        var full = Path.GetFullPath(target);
        var parent = Path.GetDirectoryName(full) ?? throw new BuurtscanException($"cannot write to '{target}'", ExitCodes.OutputFailed);
        var name = Path.GetFileName(full);
        if (name.Length == 0) throw new BuurtscanException($"'{target}' is not a folder name", ExitCodes.OutputFailed);
        if (File.Exists(full)) throw new BuurtscanException($"'{target}' is a file; --out must name a folder", ExitCodes.OutputFailed);

        var temporary = Path.Combine(parent, $".{name}.tmp-{Environment.ProcessId}");
        var previous = Path.Combine(parent, $".{name}.old-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(parent);
            if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
            Directory.CreateDirectory(temporary);
            write(temporary);
            if (Directory.Exists(full)) Directory.Move(full, previous);
            Directory.Move(temporary, full);
            if (Directory.Exists(previous)) Directory.Delete(previous, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Cleanup(temporary);
            if (!Directory.Exists(full) && Directory.Exists(previous)) Directory.Move(previous, full);
            throw new BuurtscanException($"could not write '{target}': {e.Message}", ExitCodes.OutputFailed);
        }
        catch
        {
            Cleanup(temporary);
            if (!Directory.Exists(full) && Directory.Exists(previous)) Directory.Move(previous, full);
            throw;
        }
    }

    /// <summary>
    /// Throws unless the folder may be replaced by a scan: it does not exist, is empty, or is a scan written before
    /// (it has a manifest). A scan replaces its folder as a whole, so `--out .` or `--out ~` would otherwise delete
    /// whatever else is in it.
    /// </summary>
    public static void CheckReplaceable(string target)
    {
        var full = Path.GetFullPath(target);
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any() && !File.Exists(Path.Combine(full, ManifestFile)))
        {
            throw new BuurtscanException($"'{target}' exists and is not a buurtscan output folder (it has no {ManifestFile}); name a new or empty folder", ExitCodes.OutputFailed);
        }
    }

    /// <summary>The file every buurtscan output folder has; its presence allows replacing the folder.</summary>
    public const string ManifestFile = "manifest.json";

    /// <summary>
    /// A path inside the output folder. File names come from code, not from users, but a name with `..`, a rooted
    /// path or a drive would write outside the folder the user named, so it is refused rather than trusted.
    /// </summary>
    public static string Inside(string folder, string relative)
    {
        var root = Path.GetFullPath(folder);
        if (!Path.EndsInDirectorySeparator(root)) root += Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(root, relative));
        if (Path.IsPathRooted(relative) || !full.StartsWith(root, StringComparison.Ordinal) || full.Length == root.Length)
        {
            throw new BuurtscanException($"refusing to write '{relative}': it is not inside the output folder", ExitCodes.OutputFailed);
        }

        return full;
    }

    /// <summary>
    /// Writes a new file of the (temporary) output folder in one call. A scan writes each of its files once into a
    /// folder of its own, so the file is created new (an existing one is an error, not silently replaced) and
    /// never truncated: on ext4, truncating a file (as File.WriteAllBytes does, even a new one) makes closing it
    /// allocate its blocks and start writing it out at once, in the build's own thread.
    /// </summary>
    public static void WriteNew(string path, ReadOnlySpan<byte> content)
    {
        using var file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        RandomAccess.Write(file, content, 0);
    }

    /// <summary>Text as UTF-8 without a byte-order mark, as <see cref="WriteNew(string, ReadOnlySpan{byte})"/>.</summary>
    public static void WriteNew(string path, string text)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(System.Text.Encoding.UTF8.GetByteCount(text));
        try
        {
            WriteNew(path, buffer.AsSpan(0, System.Text.Encoding.UTF8.GetBytes(text, buffer)));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Throws unless the name is a plain file name of lower-case letters, digits, '-', '_' and '.' (not starting with '.').</summary>
    public static void CheckName(string name)
    {
        if (name.Length == 0 || name[0] == '.' || name.Contains("..", StringComparison.Ordinal) || !name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.'))
        {
            throw new BuurtscanException($"refusing to write a file named '{name}': names of charts and maps may only hold a-z, 0-9, '-', '_' and '.'", ExitCodes.OutputFailed);
        }
    }

    /// <summary>Text made into a file name or anchor: lower case without accents, anything but a-z, 0-9 and '_' replaced by '-'.</summary>
    public static string SafeName(string text)
    {
        var sb = new System.Text.StringBuilder(text.Length);
        // Accented letters keep their base letter ("één" becomes "een").
        var plain = string.Concat(text.Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark));
        foreach (var c in plain.ToLowerInvariant())
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_') sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }

        var name = sb.ToString().Trim('-');
        return name.Length == 0 ? "x" : name;
    }

    private static void Cleanup(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Leaving a hidden temporary folder behind is harmless; hiding the original error is not.
        }
    }
}
