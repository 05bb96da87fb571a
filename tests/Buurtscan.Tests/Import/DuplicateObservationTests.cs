using Buurtscan.Import;
using Buurtscan.Tests.Support;

namespace Buurtscan.Tests.Import;

public class DuplicateObservationTests
{
    private static string Csv2024 => Directory.GetFiles(Path.Combine(TestPaths.Samples, "cbs"), "Kerncijfers_wijken_en_buurten_2024_*.csv").Single();

    [Fact]
    public void The_same_figure_from_two_files_is_kept_once_without_a_warning()
    {
        using var folder = DataFolder.WithBoundaries();
        File.Copy(Csv2024, folder.Combine("a", "Kerncijfers_wijken_en_buurten_2024_a.csv").EnsureFolder());
        File.Copy(Csv2024, folder.Combine("b", "Kerncijfers_wijken_en_buurten_2024_b.csv").EnsureFolder());

        var data = DataLoader.Load(folder.Path);

        data.Observations.GroupBy(o => (o.IndicatorId, o.Area, o.Year)).ShouldAllBe(g => g.Count() == 1);
        data.Observations.ShouldAllBe(o => o.Source.File.StartsWith("a/", StringComparison.Ordinal));
        data.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void Figures_that_disagree_give_one_warning_naming_both_files()
    {
        using var folder = DataFolder.WithBoundaries();
        File.Copy(Csv2024, folder.Combine("a", "Kerncijfers_wijken_en_buurten_2024_a.csv").EnsureFolder());
        var changed = File.ReadAllText(Csv2024).Replace("\"BU0363FB08\";\"1\";1500;740;760", "\"BU0363FB08\";\"1\";1505;745;760", StringComparison.Ordinal);
        changed.ShouldNotBe(File.ReadAllText(Csv2024));
        File.WriteAllText(folder.Combine("b", "Kerncijfers_wijken_en_buurten_2024_b.csv").EnsureFolder(), changed);

        var data = DataLoader.Load(folder.Path);

        var warning = data.Warnings.ShouldHaveSingleItem();
        warning.ShouldContain("a/Kerncijfers_wijken_en_buurten_2024_a.csv and b/Kerncijfers_wijken_en_buurten_2024_b.csv disagree on 2 figures");
        warning.ShouldContain("inwoners FB08 2024: 1500");
        warning.ShouldContain("against 1505");
        data.Observations.Single(o => o.IndicatorId == "inwoners" && o.Area.Code == "FB08" && o.Year == 2024).Value.ShouldBe(1500);
    }
}

internal static class PathExtensions
{
    /// <summary>Creates the folder of a file path and returns the path.</summary>
    public static string EnsureFolder(this string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
