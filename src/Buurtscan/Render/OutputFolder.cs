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
