using Buurtscan.Build;
using Buurtscan.Cli;
using Buurtscan.Domain;
using Buurtscan.Render;
using Buurtscan.Tests.Support;

namespace Buurtscan.Tests.Render;

/// <summary>Writing stays inside the folder the user named, and a failed run leaves the previous one as it was.</summary>
public sealed class OutputSafetyTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private static (int Code, string Error) Run(params string[] args)
    {
        var error = new StringWriter();
        var code = CommandLine.Run(args, new StringWriter(), error);
        return (code, error.ToString());
    }

    [Theory]
    [InlineData("../x.png")]
    [InlineData("maps/../../x.png")]
    [InlineData("/etc/passwd")]
    [InlineData("")]
    [InlineData(".")]
    public void A_path_outside_the_output_folder_Should_be_refused(string relative)
    {
        Should.Throw<BuurtscanException>(() => OutputFolder.Inside(temp.Path, relative)).ExitCode.ShouldBe(ExitCodes.OutputFailed);
    }

    [Fact]
    public void A_path_inside_the_output_folder_Should_be_allowed()
    {
        OutputFolder.Inside(temp.Path, "maps/ligging.png").ShouldBe(Path.Combine(temp.Path, "maps", "ligging.png"));
    }

    [Fact]
    public void A_file_of_the_scan_Should_be_written_whole_once_and_never_over_another()
    {
        var png = temp.Combine("kaart.png");
        var csv = temp.Combine("kaart.csv");
        byte[] bytes = [0x89, 0x50, 0x4E, 0x47, 0, 255];

        OutputFolder.WriteNew(png, bytes);
        OutputFolder.WriteNew(csv, "buurt;waarde\nEénhoorn;1,5\n");

        File.ReadAllBytes(png).ShouldBe(bytes);
        File.ReadAllBytes(csv).ShouldBe(new System.Text.UTF8Encoding(false).GetBytes("buurt;waarde\nEénhoorn;1,5\n")); // no byte-order mark
        Should.Throw<IOException>(() => OutputFolder.WriteNew(png, [1, 2, 3]));
        Should.Throw<IOException>(() => OutputFolder.WriteNew(csv, "x"));
        File.ReadAllBytes(png).ShouldBe(bytes);
    }

    [Theory]
    [InlineData("../ligging")]
    [InlineData("a/b")]
    [InlineData(".hidden")]
    [InlineData("Kaart")]
    [InlineData("")]
    public void A_chart_or_map_name_that_is_not_a_plain_file_name_Should_be_refused(string name)
    {
        Should.Throw<BuurtscanException>(() => OutputFolder.CheckName(name));
    }

    [Fact]
    public void A_failure_after_drawing_Should_leave_the_previous_scan_untouched_and_no_temporary_folder()
    {
        var outDir = temp.Combine("scan");
        Run("build", "--buurt", "FB08", "--data", TestPaths.Samples, "--out", outDir, "--format", "md,html").Code.ShouldBe(ExitCodes.Ok);
        var before = Directory.GetFiles(outDir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .ToDictionary(f => f, File.ReadAllBytes);

        string? halfway = null;
        TestHooks.AfterDrawing = folder =>
        {
            halfway = folder;
            File.Exists(Path.Combine(folder, "maps", "omgeving-a3.png")).ShouldBeTrue();
            throw new IOException("disk full (test)");
        };
        (int Code, string Error) result;
        try
        {
            result = Run("build", "--buurt", "FB08", "--data", TestPaths.Samples, "--out", outDir, "--format", "html");
        }
        finally
        {
            TestHooks.AfterDrawing = null;
        }

        result.Code.ShouldBe(ExitCodes.OutputFailed);
        result.Error.ShouldContain("disk full (test)");
        halfway.ShouldNotBeNull();
        Directory.Exists(halfway).ShouldBeFalse();
        Directory.GetFiles(outDir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ShouldBe(before.Keys);
        foreach (var (file, bytes) in before) File.ReadAllBytes(file).ShouldBe(bytes, file);
        Directory.GetDirectories(temp.Path).ShouldAllBe(d => !Path.GetFileName(d).StartsWith('.'));
    }

    [Fact]
    public void A_folder_that_is_not_a_previous_scan_Should_never_be_replaced()
    {
        var outDir = temp.Combine("documents");
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "notes.txt"), "mine");

        var (code, error) = Run("build", "--buurt", "FB08", "--data", TestPaths.Samples, "--out", outDir);

        code.ShouldBe(ExitCodes.OutputFailed);
        error.ShouldContain("is not a buurtscan output folder");
        File.ReadAllText(Path.Combine(outDir, "notes.txt")).ShouldBe("mine");
        Directory.GetFileSystemEntries(outDir).Length.ShouldBe(1);
    }

    [Fact]
    public void Every_file_a_build_reports_Should_be_inside_the_output_folder()
    {
        var outDir = temp.Combine("scan");

        var report = ScanBuilder.Build(new BuildSettings("FB08", TestPaths.Samples, outDir, null) { Formats = ChapterFormats.Markdown | ChapterFormats.Html });

        var root = Path.GetFullPath(outDir) + Path.DirectorySeparatorChar;
        report.Files.ShouldAllBe(f => Path.GetFullPath(Path.Combine(outDir, f)).StartsWith(root, StringComparison.Ordinal) && File.Exists(Path.Combine(outDir, f)));
        Directory.GetFiles(outDir, "*", SearchOption.AllDirectories).Length.ShouldBe(report.Files.Count);
    }
}
