namespace Buurtscan.Domain;

/// <summary>The documented exit codes of the buurtscan command.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>diff: notable changes were found.</summary>
    public const int Changes = 1;
    /// <summary>The command line could not be parsed.</summary>
    public const int Usage = 2;
    /// <summary>The area asked for is unknown or ambiguous.</summary>
    public const int UnknownArea = 3;
    /// <summary>An input file could not be read as the format it claims to be.</summary>
    public const int BadInput = 4;
    /// <summary>Data the command needs were not found in the data folder.</summary>
    public const int MissingData = 5;
    /// <summary>The output could not be written.</summary>
    public const int OutputFailed = 6;
}

/// <summary>An expected problem: reported as one line and an exit code, without a stack trace.</summary>
public class BuurtscanException(string message, int exitCode) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>A problem with an input file, always naming the file and, where known, the line and field.</summary>
public sealed class InputException(string file, int line, string message, string? field = null)
    : BuurtscanException(Format(file, line, field, message), ExitCodes.BadInput)
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public string? Field { get; } = field;

    private static string Format(string file, int line, string? field, string message)
    {
        var where = line > 0 ? $"{file}:{line}" : file;
        return field is null ? $"{where}: {message}" : $"{where}: field '{field}': {message}";
    }
}
