using Buurtscan.Areas;
using Buurtscan.Build;
using Buurtscan.Catalogue;
using Buurtscan.Domain;
using Buurtscan.Import;
using Buurtscan.Tests.Support;
using FsCheck;
using FsCheck.Xunit;

namespace Buurtscan.Tests.Build;

/// <summary>The kept-over-time layout: quarter labels, folder names, finding runs, tidying after a killed run.</summary>
public sealed class RunLayoutTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Property(Replay = "1122334,5566779", MaxTest = 300)]
    public bool Quarter_labels_round_trip_and_sort_as_text_in_time_order(PositiveInt a, PositiveInt b)
    {
        var p = new Period(1000 + a.Get % 9000, 1 + a.Get / 9000 % 4);
        var q = new Period(1000 + b.Get % 9000, 1 + b.Get / 9000 % 4);
        return Period.TryParse(p.ToString(), out var parsed) && parsed == p
            && Math.Sign(p.CompareTo(q)) == Math.Sign(string.CompareOrdinal(p.ToString(), q.ToString()));
    }

    [Theory]
    [InlineData("2024-Q0")]
    [InlineData("2024-Q5")]
    [InlineData("2024Q1")]
    [InlineData("24-Q1")]
    [InlineData("2024-q1")]
    [InlineData(".2024-Q1.tmp-12")]
    public void Other_names_Should_not_be_quarter_labels(string text)
    {
        Period.TryParse(text, out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("1 januari 2024", 2024, 1, 1)]
    [InlineData("24 maart 2022", 2022, 3, 24)]
    [InlineData("2023-10-01", 2023, 10, 1)]
    [InlineData("20240701", 2024, 7, 1)]
    public void Reference_dates_Should_be_read_in_the_forms_the_sources_use(string text, int year, int month, int day)
    {
        RunLayout.ParseReferenceDate(text).ShouldBe(new DateOnly(year, month, day));
    }

    [Theory]
    [InlineData("")]
    [InlineData("31 februari 2024")]
    [InlineData("1 brumaire 2024")]
    [InlineData("2024")]
    public void Unreadable_reference_dates_Should_be_null(string text)
    {
        RunLayout.ParseReferenceDate(text).ShouldBeNull();
    }

    [Fact]
    public void The_default_label_Should_be_the_quarter_of_the_newest_data_used()
    {
        var first = DataLoader.Load(Snapshots.First(temp.Combine("one")));
        var second = DataLoader.Load(Snapshots.Second(temp.Combine("two")));

        RunLayout.DefaultPeriod(first, ScanProfile.Default).ShouldBe(new Period(2024, 1));
        RunLayout.DefaultPeriod(second, ScanProfile.Default).ShouldBe(new Period(2025, 1));
    }

    [Fact]
    public void A_later_reference_date_Should_give_a_later_quarter_and_unused_files_none()
    {
        var data = DataLoader.Load(TestPaths.Samples);
        var later = data with { Sources = data.Sources.Select(s => s.Path.Contains("2024", StringComparison.Ordinal) ? s with { ReferenceDate = "15 augustus 2024" } : s).ToList() };
        var boundaries = data with { Sources = data.Sources.Select(s => s.Path.Contains("INDELING", StringComparison.Ordinal) ? s with { ReferenceDate = "1 december 2030" } : s).ToList() };

        RunLayout.DefaultPeriod(later, ScanProfile.Default).ShouldBe(new Period(2024, 3));
        RunLayout.DefaultPeriod(boundaries, ScanProfile.Default).ShouldBe(new Period(2024, 1));
    }

    [Fact]
    public void Without_figures_for_the_profile_there_is_no_default_label()
    {
        var data = DataLoader.Load(TestPaths.Samples);

        var e = Should.Throw<BuurtscanException>(() => RunLayout.DefaultPeriod(data with { Observations = [] }, ScanProfile.Default));

        e.ExitCode.ShouldBe(ExitCodes.MissingData);
        e.Message.ShouldContain("pass --period YYYY-Qn");
    }

    [Fact]
    public void Buurten_with_the_same_name_Should_get_their_code_in_the_folder_name()
    {
        static AreaRecord Buurt(string code, string name) =>
            new(new AreaRef(Division.Indeling2022, code), "BU0363" + code, name, Level.Buurt, new AreaRef(Division.Indeling2022, code[..2]), null, new SourceRef("t", 1));
        var registry = AreaRegistry.Build([Buurt("FB01", "Noord"), Buurt("FC01", "Noord"), Buurt("FB02", "Zuid"), Buurt("FB03", "???")]);

        var names = RunLayout.FolderNames(registry);

        names.Values.Order(StringComparer.Ordinal).ShouldBe(["fb03", "noord-fb01", "noord-fc01", "zuid"]);
    }

    [Fact]
    public void Runs_Should_list_only_quarter_folders_oldest_first()
    {
        var buurt = temp.Combine("scans", "wegener-sleeswijkbuurt");
        foreach (var name in new[] { "2024-Q3", "2023-Q4", ".2025-Q1.tmp-123", "notities", "2024-Q1" }) Directory.CreateDirectory(Path.Combine(buurt, name));

        RunLayout.Runs(buurt).Select(r => Path.GetFileName(r.Path)).ShouldBe(["2023-Q4", "2024-Q1", "2024-Q3"]);
        RunLayout.Runs(temp.Combine("scans", "bestaat-niet")).ShouldBeEmpty();
    }

    [Fact]
    public void Leftovers_of_a_killed_run_Should_be_tidied_and_a_set_aside_run_put_back()
    {
        // A pid far above Linux's pid_max, so it cannot be a running process.
        const int dead = 99_999_999;
        var buurt = temp.Combine("scans", "wegener-sleeswijkbuurt");
        Directory.CreateDirectory(Path.Combine(buurt, $".2025-Q1.tmp-{dead}"));
        Directory.CreateDirectory(Path.Combine(buurt, $".2024-Q4.old-{dead}"));
        File.WriteAllText(Path.Combine(buurt, $".2024-Q4.old-{dead}", "scan.json"), "{}");
        Directory.CreateDirectory(Path.Combine(buurt, $".2024-Q3.tmp-{Environment.ProcessId}"));

        RunLayout.RemoveStaleTemporaries(buurt);

        Directory.GetDirectories(buurt).Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .ShouldBe([$".2024-Q3.tmp-{Environment.ProcessId}", "2024-Q4"]);
        File.Exists(Path.Combine(buurt, "2024-Q4", "scan.json")).ShouldBeTrue();
    }
}
