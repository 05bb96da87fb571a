using Buurtscan.Build;
using Buurtscan.Import;
using Buurtscan.Tests.Support;

namespace Buurtscan.Tests.Import;

/// <summary>The data cache gives the very data set the loader gives, and is read afresh whenever a file changes.</summary>
public sealed class DataCacheTests
{
    [Fact]
    public void A_build_from_the_cache_is_byte_identical_to_one_without_it()
    {
        using var cache = new TempFolder();
        using var outputs = new TempFolder();
        var fresh = Build(TestPaths.Samples, outputs.Combine("fresh"), cache: null);
        Build(TestPaths.Samples, outputs.Combine("filling"), cache.Path);
        Directory.GetFiles(cache.Path, "data-*.bin").Length.ShouldBe(1);
        var cached = Build(TestPaths.Samples, outputs.Combine("cached"), cache.Path);

        ShouldBeSameFiles(fresh, cached);
    }

    [Fact]
    public void The_real_data_set_comes_back_from_the_cache_unchanged()
    {
        using var cache = new TempFolder();
        using var outputs = new TempFolder();
        var fresh = Build(TestPaths.SharedData, outputs.Combine("fresh"), cache: null);
        var loaded = ScanBuilder.LoadData(TestPaths.SharedData, cache.Path);
        Directory.GetFiles(cache.Path, "data-*.bin").ShouldHaveSingleItem();
        var fromCache = ScanBuilder.LoadData(TestPaths.SharedData, cache.Path);

        fromCache.ShouldNotBeSameAs(loaded);
        fromCache.Observations.ShouldBe(loaded.Observations);
        fromCache.Forecasts.ShouldBe(loaded.Forecasts);
        fromCache.Sources.ShouldBe(loaded.Sources);
        fromCache.Skipped.ShouldBe(loaded.Skipped);
        fromCache.Warnings.ShouldBe(loaded.Warnings);
        fromCache.Catalogue.MetadataEntries.ShouldBe(loaded.Catalogue.MetadataEntries);
        fromCache.Catalogue.Indicators.ShouldBe(loaded.Catalogue.Indicators);
        fromCache.Files.Select(Describe).ShouldBe(loaded.Files.Select(Describe));
        fromCache.Registry.All.Count.ShouldBe(loaded.Registry.All.Count);
        foreach (var (a, b) in fromCache.Registry.All.Zip(loaded.Registry.All))
        {
            (a with { Geometry = null }).ShouldBe(b with { Geometry = null });
            (a.Geometry?.EqualsExact(b.Geometry) ?? b.Geometry is null).ShouldBeTrue($"{a.Ref}: the outline changed in the cache");
        }

        ShouldBeSameFiles(fresh, Build(TestPaths.SharedData, outputs.Combine("cached"), cache.Path));
    }

    [Fact]
    public void What_one_scan_worked_out_about_the_city_gives_another_buurt_the_same_chapter()
    {
        using var cache = new TempFolder();
        using var outputs = new TempFolder();
        var fresh = Build(TestPaths.SharedData, outputs.Combine("fresh"), cache: null, buurt: "FB07");
        Build(TestPaths.SharedData, outputs.Combine("fb08"), cache.Path, buurt: "FB08");
        var values = Directory.GetFiles(cache.Path, "values-*.bin").ShouldHaveSingleItem();
        var before = new FileInfo(values).Length;

        ShouldBeSameFiles(fresh, Build(TestPaths.SharedData, outputs.Combine("fb07"), cache.Path, buurt: "FB07"));
        new FileInfo(values).Length.ShouldBeGreaterThanOrEqualTo(before);
        ShouldBeSameFiles(fresh, Build(TestPaths.SharedData, outputs.Combine("fb07-again"), cache.Path, buurt: "FB07"));

        File.WriteAllBytes(values, File.ReadAllBytes(values)[..(int)(before / 2)]);
        ShouldBeSameFiles(fresh, Build(TestPaths.SharedData, outputs.Combine("fb07-damaged"), cache.Path, buurt: "FB07"));
    }

    [Fact]
    public void A_changed_or_added_file_is_read_afresh()
    {
        using var data = new TempFolder();
        using var cache = new TempFolder();
        Snapshots.Copy(TestPaths.Samples, data.Path);
        var before = ScanBuilder.LoadData(data.Path, cache.Path);
        var key = DataCache.Key(data.Path);

        // The same length, one figure different: only the content can tell.
        var file = Directory.GetFiles(data.Path, "*.csv", SearchOption.AllDirectories).First(f => File.ReadAllText(f).Contains(";", StringComparison.Ordinal) && !f.Contains("gebieden", StringComparison.Ordinal));
        var text = File.ReadAllText(file);
        var at = text.IndexOfAny("123456789".ToCharArray(), text.IndexOf('\n', StringComparison.Ordinal));
        File.WriteAllText(file, text[..at] + (text[at] == '9' ? '8' : (char)(text[at] + 1)) + text[(at + 1)..]);
        DataCache.Key(data.Path).ShouldNotBe(key);
        var after = ScanBuilder.LoadData(data.Path, cache.Path);
        after.Observations.ShouldBe(DataLoader.Load(data.Path, requireBoundaries: true).Observations);
        after.Sources.Select(s => s.Sha256).ShouldNotBe(before.Sources.Select(s => s.Sha256));

        File.WriteAllText(Path.Combine(data.Path, "notities.txt"), "niet van belang\n");
        DataCache.Key(data.Path).ShouldNotBe(DataCache.Key(TestPaths.Samples));
        ScanBuilder.LoadData(data.Path, cache.Path).Skipped.ShouldContain(s => s.Path == "notities.txt");
    }

    [Fact]
    public void A_damaged_cache_file_is_ignored_and_replaced()
    {
        using var cache = new TempFolder();
        using var outputs = new TempFolder();
        var fresh = Build(TestPaths.Samples, outputs.Combine("fresh"), cache: null);
        ScanBuilder.LoadData(TestPaths.Samples, cache.Path);
        var file = Directory.GetFiles(cache.Path, "data-*.bin").Single();
        var bytes = File.ReadAllBytes(file);
        foreach (var damage in new Func<byte[], byte[]>[] { b => b[..(b.Length / 2)], b => [.. b[..200], .. new byte[b.Length - 200]], _ => [] })
        {
            File.WriteAllBytes(file, damage(bytes));
            ShouldBeSameFiles(fresh, Build(TestPaths.Samples, outputs.Combine("again-" + Guid.NewGuid().ToString("N")), cache.Path));
            File.ReadAllBytes(file).ShouldBe(bytes);
        }
    }

    [Fact]
    public void A_cache_folder_that_cannot_be_written_only_costs_time()
    {
        using var place = new TempFolder();
        using var outputs = new TempFolder();
        var blocked = place.Combine("a-file-not-a-folder");
        File.WriteAllText(blocked, "");
        Build(TestPaths.Samples, outputs.Combine("scan"), blocked);
        File.Exists(Path.Combine(outputs.Combine("scan"), "buurtscan.md")).ShouldBeTrue();
    }

    [Fact]
    public void The_cache_is_turned_off_with_an_empty_or_off_setting()
    {
        var before = Environment.GetEnvironmentVariable("BUURTSCAN_CACHE");
        try
        {
            Environment.SetEnvironmentVariable("BUURTSCAN_CACHE", "off");
            DataCache.DefaultDirectory().ShouldBeNull();
            Environment.SetEnvironmentVariable("BUURTSCAN_CACHE", "/var/tmp/bc");
            DataCache.DefaultDirectory().ShouldBe("/var/tmp/bc");
        }
        finally
        {
            Environment.SetEnvironmentVariable("BUURTSCAN_CACHE", before);
        }
    }

    [Fact]
    public void The_command_line_uses_the_cache_unless_told_not_to()
    {
        using var data = new TempFolder();
        using var outputs = new TempFolder();
        Snapshots.Copy(TestPaths.Samples, data.Path);

        // A file of its own makes the folder's key its own: other tests build the samples through the same cache folder.
        File.WriteAllText(Path.Combine(data.Path, "notities.txt"), Guid.NewGuid().ToString());
        var cacheFile = Path.Combine(TestCache.Folder, $"data-{DataCache.Key(data.Path)[..32]}.bin");

        Tool.Run("build", "--buurt", "FB08", "--data", data.Path, "--out", outputs.Combine("without"), "--no-cache").ExitCode.ShouldBe(0);
        File.Exists(cacheFile).ShouldBeFalse();
        Tool.Run("build", "--buurt", "FB08", "--data", data.Path, "--out", outputs.Combine("with")).ExitCode.ShouldBe(0);
        File.Exists(cacheFile).ShouldBeTrue();
        ShouldBeSameFiles(outputs.Combine("without"), outputs.Combine("with"));
    }

    private static string Build(string data, string outDir, string? cache, string buurt = "wegener-sleeswijk")
    {
        ScanBuilder.Build(new BuildSettings(buurt, data, outDir, null) { CacheDirectory = cache, Formats = ChapterFormats.Markdown | ChapterFormats.Html });
        return outDir;
    }

    private static void ShouldBeSameFiles(string expected, string actual)
    {
        var a = Snapshots.Contents(expected);
        var b = Snapshots.Contents(actual);
        b.Keys.ShouldBe(a.Keys);
        foreach (var (name, bytes) in a) b[name].AsSpan().SequenceEqual(bytes).ShouldBeTrue($"{name} differs");
    }

    private static string Describe(FileReport r) =>
        $"{r.Path}|{r.Format}|{r.Role}|{r.Table}|{string.Join(",", r.Years)}|{string.Join(",", r.Levels)}|{string.Join(",", r.Divisions)}|{r.Areas}|{r.Indicators}|{r.Observations}|{r.Forecasts}|{string.Join(",", r.NotRead)}|{string.Join(",", r.Warnings)}|{r.Summary}";
}
