using Buurtscan.Cli;
using Buurtscan.Tests.Support;

namespace Buurtscan.Tests.Cli;

/// <summary>Runs every `buurtscan …` line of the README's shell examples, as written, against the example data.</summary>
[Collection(nameof(WorkingDirectoryCollection))]
public sealed class ReadmeExamplesTests
{
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        var inShell = false;
        foreach (var line in File.ReadAllLines(Path.Combine(TestPaths.RepoRoot, "README.md")))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inShell = line == "```sh";
                continue;
            }

            var command = line.Split('#')[0].Trim();
            // Examples on the real data in ../shared/data and those needing the network are covered by their own tests.
            if (inShell && command.StartsWith("buurtscan ", StringComparison.Ordinal) && !command.Contains("../shared", StringComparison.Ordinal) && !command.Contains(" fetch", StringComparison.Ordinal))
            {
                data.Add(command);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Readme_example_Should_run_as_written(string command)
    {
        using var temp = new TempFolder();
        Directory.CreateSymbolicLink(temp.Combine("data-samples"), TestPaths.Samples);
        var previous = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = temp.Path;
            var output = new StringWriter();
            var error = new StringWriter();
            var args = command.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..];

            var code = CommandLine.Run(args, output, error);

            code.ShouldBe(0, $"{command}\n{error}");
            output.ToString().ShouldNotBeEmpty();
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    [Fact]
    public void Readme_Should_have_examples_to_run() => Examples().Count.ShouldBeGreaterThan(3);
}

/// <summary>Tests that change the process's working directory never run beside each other.</summary>
[CollectionDefinition(nameof(WorkingDirectoryCollection), DisableParallelization = true)]
public sealed class WorkingDirectoryCollection;
