using Buurtscan.Cli;

namespace Buurtscan.Tests.Support;

/// <summary>Runs the command line in-process and captures what it prints.</summary>
public static class Tool
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CommandLine.Run(args, output, error);
        return new Result(code, output.ToString(), error.ToString());
    }
}
