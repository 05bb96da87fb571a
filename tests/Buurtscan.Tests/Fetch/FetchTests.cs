using System.Text;
using System.Text.Json;
using Buurtscan.Build;
using Buurtscan.Cli;
using Buurtscan.Domain;
using Buurtscan.Fetch;
using Buurtscan.Import;
using Buurtscan.Tests.Support;

namespace Buurtscan.Tests.Fetch;

public class FetchTests
{
    [Fact]
    public async Task Fetch_then_build_gives_the_chapter_built_from_the_files_themselves()
    {
        using var portal = new PortalFixture();

        var report = await portal.Fetch();
        using var fromFetch = new TempFolder();
        using var fromFiles = new TempFolder();
        // The portal also serves tables (2023, police) that the plain-file folder does not hold; compare on the figures both have.
        var profile = Path.Combine(fromFiles.Path, "..", Path.GetFileName(fromFiles.Path) + "-profile.csv");
        File.WriteAllText(profile, "theme;title;indicator;kern\n" + string.Join("\n",
            new[] { "inwoners", "mannen", "vrouwen", "leeftijd_0_15", "leeftijd_65plus", "aandeel_0_15", "aandeel_65plus" }.Select(i => $"bevolking;Bevolking;{i};ja")) + "\n");
        var fetched = ScanBuilder.Build(new BuildSettings("wegener-sleeswijk", portal.Data, fromFetch.Path, profile));
        var direct = ScanBuilder.Build(new BuildSettings("wegener-sleeswijk", portal.Files.Path, fromFiles.Path, profile));
        File.Delete(profile);

        report.Failures.ShouldBeEmpty();
        report.Outcomes.Select(o => (o.Folder, o.State)).ShouldBe(
        [
            ("cbs/85618NED", FetchState.New), ("cbs/85984NED", FetchState.New), ("politie/47018NED", FetchState.New),
            ("gebieden", FetchState.New), ("ois", FetchState.New),
        ]);
        var chapter = File.ReadAllText(Path.Combine(fromFetch.Path, "buurtscan.md"));
        chapter.ShouldBe(File.ReadAllText(Path.Combine(fromFiles.Path, "buurtscan.md")));
        chapter.ShouldContain("cbs/85984NED/TypedDataSet.json");
        File.ReadAllText(Path.Combine(fromFetch.Path, "figures.csv")).ShouldBe(File.ReadAllText(Path.Combine(fromFiles.Path, "figures.csv")));
        fetched.Scan.Themes.Sum(t => t.Figures.Count).ShouldBe(direct.Scan.Themes.Sum(t => t.Figures.Count));
    }

    [Fact]
    public async Task Fetch_then_build_Should_use_the_figures_of_the_ois_bulk_download()
    {
        using var portal = new PortalFixture();
        using var output = new TempFolder();

        (await portal.Fetch()).Failures.ShouldBeEmpty();
        var built = ScanBuilder.Build(new BuildSettings("wegener-sleeswijk", portal.Data, output.Path, null));

        // Only the bulk zip gives energielabel_efg_pct: the figure can have come from nowhere else.
        var figure = built.Scan.Themes.SelectMany(t => t.Figures).Single(f => f.IndicatorId == "energielabel_efg_pct");
        (figure.Value, figure.Year, figure.Level, figure.AreaCode).ShouldBe((27.5, (int?)2024, (Level?)Level.Buurt, "FB08"));
        figure.Sources.ShouldBe(["ois/statistieken_v2_cijfers_openbaar.csv"]);
        figure.Index!.Value.ShouldBe(150.3, 0.05); // against Amsterdam's 18.3 from the same file
        File.ReadAllLines(Path.Combine(output.Path, "figures.csv")).Where(l => l.StartsWith("wonen;energielabel_efg_pct;", StringComparison.Ordinal)).Take(2).ShouldBe(
        [
            "wonen;energielabel_efg_pct;Energielabel E, F of G;2024;FB08;Wegener Sleeswijkbuurt;buurt;27.5;%;ok;ja;gepubliceerd;ois/statistieken_v2_cijfers_openbaar.csv",
            "wonen;energielabel_efg_pct;Energielabel E, F of G;2024;FB;Geuzenveld;wijk;24.1;%;ok;nee;;",
        ]);
        var chapter = File.ReadAllText(Path.Combine(output.Path, "buurtscan.md"));
        chapter.ShouldContain("| `ois/statistieken_v2_cijfers_openbaar.csv` | Gemeente Amsterdam, OIS | Statistieken (Basisbestand Gebieden Amsterdam, opvolger), cijfers | 2024 | open data, geen licentie vermeld; bron: Gemeente Amsterdam |");
        chapter.ShouldContain("Gebiedsindeling en OIS-cijfers: Gemeente Amsterdam.");
        var data = DataLoader.Load(portal.Data);
        data.Skipped.ShouldNotContain(s => s.Path.StartsWith("ois/", StringComparison.Ordinal));
        data.Files.Single(f => f.Path == "ois/statistieken_v2_cijfers_openbaar.csv").NotRead.ShouldBe(["BHDG_BINDAMS_P"]);
    }

    [Fact]
    public async Task Fetched_figures_equal_those_of_the_example_csv_downloads()
    {
        using var portal = new PortalFixture();
        using var csvOnly = DataFolderWithCsv();

        (await portal.Fetch()).Failures.ShouldBeEmpty();
        var fetched = DataLoader.Load(portal.Data);
        var csv = DataLoader.Load(csvOnly.Path);

        var kwb = csv.Observations.Select(o => o.IndicatorId).ToHashSet();
        Figures(fetched.Observations.Where(o => kwb.Contains(o.IndicatorId))).ShouldBe(Figures(csv.Observations), ignoreOrder: true);
        fetched.Observations.Where(o => o.IndicatorId == "geregistreerde_misdrijven").Select(o => o.Year).Distinct().ShouldBe([2023]);
        fetched.Observations.Count(o => o.IndicatorId == "geregistreerde_misdrijven").ShouldBe(5);
        fetched.Warnings.ShouldNotContain(w => w.Contains("outside the registry", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_feed_is_paged_by_its_next_links_with_padded_keys_and_json_asked_for()
    {
        using var portal = new PortalFixture();
        portal.Server.FeedPageSize = 4;

        var report = await portal.Fetch(years: [2024]);

        report.Failures.ShouldBeEmpty();
        var data = portal.Server.Requests.Where(r => r.Path.EndsWith("/TypedDataSet", StringComparison.Ordinal) && r.Path.Contains("85984NED", StringComparison.Ordinal)).ToList();
        data.Count.ShouldBe(6); // 21 rows (Nederland and 20 Amsterdam areas), 4 a page
        data.Skip(1).ShouldAllBe(r => r.Query.ContainsKey("$skip"));
        data.ShouldAllBe(r => r.Query["$filter"] == "(substring(WijkenEnBuurten,2,4) eq '0363') or (WijkenEnBuurten eq 'NL00      ')");
        portal.Server.Requests.Where(r => r.Path.Contains("/odata/", StringComparison.OrdinalIgnoreCase)).ShouldAllBe(r => r.Query["$format"] == "json");
        var manifest = Manifest(portal.Data, "cbs/85984NED");
        manifest.Files.Single(f => f.Name == "TypedDataSet.json").Pages.ShouldBe(6);
        manifest.Version.ShouldBe("Modified 2025-03-27T02:00:00, MetaDataModified 2025-03-27T02:00:00");
        var rows = ODataJson.Read(File.ReadAllText(Path.Combine(portal.Data, "cbs", "85984NED", "TypedDataSet.json")), "t").Rows;
        rows.Count.ShouldBe(21);
        rows.ShouldNotContain(r => ODataJson.String(r.Value, "WijkenEnBuurten")!.StartsWith("GM0358", StringComparison.Ordinal));
        rows.ShouldNotContain(r => ODataJson.String(r.Value, "WijkenEnBuurten") == "BU17360363");
        rows.Select(r => r.Line).ShouldBe(Enumerable.Range(2, 21));
    }

    [Fact]
    public async Task A_second_fetch_asks_with_the_validators_and_keeps_everything_as_it_was()
    {
        using var portal = new PortalFixture();
        (await portal.Fetch()).Failures.ShouldBeEmpty();
        var before = PortalFixture.Snapshot(portal.Data, withTimes: true);
        var requestsBefore = portal.Server.Requests.Count;

        var report = await portal.Fetch();

        report.Outcomes.ShouldAllBe(o => o.State == FetchState.Unchanged);
        PortalFixture.Snapshot(portal.Data, withTimes: true).ShouldBe(before);
        var second = portal.Server.Requests.Skip(requestsBefore).ToList();
        second.Single(r => r.Target == PortalFixture.BuurtUrl).Header("If-None-Match").ShouldBe(portal.Server.File(PortalFixture.BuurtUrl).ETag);
        second.Single(r => r.Target == PortalFixture.BuurtUrl).Header("If-Modified-Since").ShouldNotBeNull();
        // CBS sends no validators: the table's own version decides, so only TableInfos is asked again.
        second.Where(r => r.Path.Contains("/odata/", StringComparison.OrdinalIgnoreCase)).Select(r => r.Path.Split('/')[^1]).Distinct().ShouldBe(["TableInfos"]);
    }

    [Fact]
    public async Task A_new_cbs_version_replaces_the_table()
    {
        using var portal = new PortalFixture();
        (await portal.Fetch(years: [2024])).Failures.ShouldBeEmpty();
        var table = portal.Server.Table("85984NED");
        table.TableInfos = table.TableInfos.Replace("\"Modified\":\"2025-03-27T02:00:00\"", "\"Modified\":\"2025-06-30T02:00:00\"", StringComparison.Ordinal);
        var fc01 = table.Rows.FindIndex(r => r.Contains("BU0363FC01", StringComparison.Ordinal));
        table.Rows[fc01] = table.Rows[fc01].Replace("\"AantalInwoners_5\":2600", "\"AantalInwoners_5\":2605", StringComparison.Ordinal);

        var report = await portal.Fetch(years: [2024]);

        report.Outcomes.Single(o => o.Folder == "cbs/85984NED").State.ShouldBe(FetchState.Updated);
        Manifest(portal.Data, "cbs/85984NED").Version.ShouldStartWith("Modified 2025-06-30T02:00:00");
        File.ReadAllText(Path.Combine(portal.Data, "cbs", "85984NED", "TypedDataSet.json")).ShouldContain("\"AantalInwoners_5\":2605");
    }

    [Fact]
    public async Task A_500_then_200_updates_the_cache_completely()
    {
        using var portal = new PortalFixture();
        (await portal.Fetch()).Failures.ShouldBeEmpty();
        var changed = ChangeBuurtFile(portal);
        portal.Server.FailNext("INDELING_BUURT", Fault.ServerError);

        var report = await portal.Fetch();

        report.Failures.ShouldBeEmpty();
        report.Outcomes.Single(o => o.Folder == "gebieden").State.ShouldBe(FetchState.Updated);
        File.ReadAllBytes(Path.Combine(portal.Data, "gebieden", "INDELING_BUURT.csv")).ShouldBe(changed);
        var entry = Manifest(portal.Data, "gebieden").Files.Single(f => f.Name == "INDELING_BUURT.csv");
        entry.ETag.ShouldBe(portal.Server.File(PortalFixture.BuurtUrl).ETag);
        entry.Sha256.ShouldBe(Sha(changed));
        portal.Server.Count("INDELING_BUURT").ShouldBe(3); // the first fetch; then the 500 and its retry
        NoLeftovers(portal.Data);
    }

    [Theory]
    [InlineData(Fault.ServerError, "HTTP 500")]
    [InlineData(Fault.Truncate, "broke off")]
    [InlineData(Fault.LongerLength, "broke off")]
    [InlineData(Fault.ShorterLength, "damaged or incomplete")]
    public async Task A_fault_that_persists_leaves_the_cache_exactly_as_it_was(Fault fault, string said)
    {
        using var portal = new PortalFixture();
        portal.Server.AcceptRanges = false;
        (await portal.Fetch()).Failures.ShouldBeEmpty();
        var before = PortalFixture.Snapshot(portal.Data, withTimes: true);
        ChangeBuurtFile(portal);
        portal.Server.FailAlways("INDELING_BUURT", fault);

        var report = await portal.Fetch();

        var failure = report.Failures.ShouldHaveSingleItem();
        failure.ExitCode.ShouldBe(ExitCodes.MissingData);
        failure.Message.ShouldContain(PortalFixture.BuurtUrl);
        failure.Message.ShouldContain(said);
        failure.Message.ShouldContain("gave up after 3 attempts");
        report.Outcomes.Single(o => o.Folder == "gebieden").State.ShouldBe(FetchState.Failed);
        PortalFixture.Snapshot(portal.Data, withTimes: true).ShouldBe(before);
        NoLeftovers(portal.Data);
    }

    [Fact]
    public async Task A_cut_off_download_resumes_from_where_it_stopped()
    {
        using var portal = new PortalFixture();
        portal.Server.FailNext(PortalFixture.OisUrl, Fault.Truncate);

        var report = await portal.Fetch();

        report.Failures.ShouldBeEmpty();
        var requests = portal.Server.Requests.Where(r => r.Target == PortalFixture.OisUrl).ToList();
        requests.Count.ShouldBe(2);
        requests[0].Header("Range").ShouldBeNull();
        var zip = portal.Server.File(PortalFixture.OisUrl);
        requests[1].Header("Range").ShouldBe($"bytes={zip.Content.Length / 2}-");
        requests[1].Header("If-Range").ShouldBe(zip.ETag);
        var manifest = Manifest(portal.Data, "ois");
        manifest.Files.Select(f => f.Name).ShouldBe(["statistieken_v2_cijfers_openbaar.csv", "statistieken_v2_indicatoren_openbaar.csv"]);
        manifest.Files.ShouldAllBe(f => f.ArchiveSha256 == Sha(zip.Content) && f.ETag == zip.ETag && f.Archive == "statistieken_v2_all_openbaar.csv.zip");
        File.ReadAllText(Path.Combine(portal.Data, "ois", "statistieken_v2_cijfers_openbaar.csv")).ShouldContain("\"FB08\",\"Wegener Sleeswijkbuurt\",\"Peildatum\",\"2024-01-01\",\"2024-01-01\",3001,27.5");
        Directory.GetFiles(Path.Combine(portal.Data, ".fetch-partial")).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_partial_download_waits_outside_the_cache_and_the_next_run_finishes_it()
    {
        using var portal = new PortalFixture();
        portal.KeepOnly("ois-statistieken");
        portal.Server.FailNext(PortalFixture.OisUrl, Fault.Truncate, Fault.Truncate, Fault.Truncate);

        var first = await portal.Fetch();
        var partial = Directory.GetFiles(Path.Combine(portal.Data, ".fetch-partial"), "*.part").ShouldHaveSingleItem();
        var waiting = new FileInfo(partial).Length;
        var second = await portal.Fetch();

        first.Failures.ShouldHaveSingleItem().Message.ShouldContain("broke off");
        var zip = portal.Server.File(PortalFixture.OisUrl);
        waiting.ShouldBeGreaterThan(zip.Content.Length / 2);
        waiting.ShouldBeLessThan(zip.Content.Length);
        second.Failures.ShouldBeEmpty();
        portal.Server.Requests.Last(r => r.Target == PortalFixture.OisUrl).Header("Range").ShouldBe($"bytes={waiting}-");
        Manifest(portal.Data, "ois").Files.ShouldAllBe(f => f.ArchiveSha256 == Sha(zip.Content));
    }

    [Fact]
    public async Task A_response_slower_than_the_time_out_is_retried_then_given_up_without_damage()
    {
        using var portal = new PortalFixture();
        portal.KeepOnly("gebiedsindeling");
        (await portal.Fetch()).Failures.ShouldBeEmpty();
        var before = PortalFixture.Snapshot(portal.Data, withTimes: true);
        ChangeBuurtFile(portal);
        portal.Server.FailAlways("INDELING_WIJK", Fault.SlowHeaders);
        portal.Options = portal.Options with { RequestTimeout = TimeSpan.FromMilliseconds(500), IdleTimeout = TimeSpan.FromMilliseconds(500) };

        var report = await portal.Fetch();

        // The first file of the folder changed and arrived, but the folder is replaced only as a whole.
        report.Failures.ShouldHaveSingleItem().Message.ShouldContain("no answer within 500 ms");
        PortalFixture.Snapshot(portal.Data, withTimes: true).ShouldBe(before);
        portal.Server.Count("INDELING_WIJK").ShouldBe(4);
        NoLeftovers(portal.Data);
    }

    [Fact]
    public async Task A_stalled_body_is_retried_and_then_arrives()
    {
        using var portal = new PortalFixture();
        portal.KeepOnly("gebiedsindeling");
        portal.Server.AcceptRanges = false;
        portal.Server.FailNext("INDELING_STADSDEEL", Fault.StallBody, Fault.SlowHeaders);
        portal.Options = portal.Options with { RequestTimeout = TimeSpan.FromMilliseconds(500), IdleTimeout = TimeSpan.FromMilliseconds(500) };

        var report = await portal.Fetch(years: [2024]);

        report.Failures.ShouldBeEmpty();
        portal.Server.Count("INDELING_STADSDEEL").ShouldBe(3);
        File.ReadAllBytes(Path.Combine(portal.Data, "gebieden", "INDELING_STADSDEEL.csv")).ShouldBe(portal.Server.File(PortalFixture.StadsdeelUrl).Content);
    }

    [Fact]
    public async Task A_changed_etag_replaces_the_file_and_records_the_new_validators()
    {
        using var portal = new PortalFixture();
        (await portal.Fetch()).Failures.ShouldBeEmpty();
        var oldEtag = Manifest(portal.Data, "gebieden").Files.Single(f => f.Name == "INDELING_BUURT.csv").ETag;
        var changed = ChangeBuurtFile(portal);

        var report = await portal.Fetch();

        report.Outcomes.Single(o => o.Folder == "gebieden").State.ShouldBe(FetchState.Updated);
        var entry = Manifest(portal.Data, "gebieden").Files.Single(f => f.Name == "INDELING_BUURT.csv");
        entry.ETag.ShouldNotBe(oldEtag);
        entry.ETag.ShouldBe(portal.Server.File(PortalFixture.BuurtUrl).ETag);
        entry.LastModified.ShouldBe(portal.Server.File(PortalFixture.BuurtUrl).LastModified.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        File.ReadAllBytes(Path.Combine(portal.Data, "gebieden", "INDELING_BUURT.csv")).ShouldBe(changed);
        portal.Server.Requests.Last(r => r.Target == PortalFixture.BuurtUrl).Header("If-None-Match").ShouldBe(oldEtag);
    }

    [Fact]
    public async Task A_client_error_is_explained_and_not_retried()
    {
        using var portal = new PortalFixture();
        portal.Server.FailAlways("INDELING_WIJK", Fault.NotFound);

        var report = await portal.Fetch(years: [2024]);

        var failure = report.Failures.ShouldHaveSingleItem();
        failure.Message.ShouldContain("HTTP 404 Not Found");
        failure.Message.ShouldContain("check the URL or table id in the sources file");
        failure.Message.ShouldContain("Pagina niet gevonden");
        portal.Server.Count("INDELING_WIJK").ShouldBe(1);
        Directory.Exists(Path.Combine(portal.Data, "gebieden")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_download_larger_than_the_limit_is_refused()
    {
        using var portal = new PortalFixture();
        portal.Options = portal.Options with { MaxBytes = 3_000 };

        var report = await portal.Fetch(years: [2024]);

        report.Failures.ShouldContain(f => f.Message.Contains("more than the limit of 3,000", StringComparison.Ordinal) && f.Message.Contains("INDELING_BUURT", StringComparison.Ordinal));
        Directory.Exists(Path.Combine(portal.Data, "gebieden")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_cut_off_odata_page_is_fetched_again()
    {
        using var portal = new PortalFixture();
        portal.Server.FeedPageSize = 10;
        portal.Server.FailNext("85984NED/TypedDataSet", Fault.ShorterLength, Fault.Truncate);

        var report = await portal.Fetch(years: [2024]);

        report.Failures.ShouldBeEmpty();
        ODataJson.Read(File.ReadAllText(Path.Combine(portal.Data, "cbs", "85984NED", "TypedDataSet.json")), "t").Rows.Count.ShouldBe(21);
    }

    [Fact]
    public async Task An_atom_answer_is_reported_at_once_as_a_format_problem()
    {
        using var portal = new PortalFixture();
        portal.Server.FailAlways("85984NED/TypedDataSet", Fault.Atom);

        var report = await portal.Fetch(years: [2024]);

        var failure = report.Failures.ShouldHaveSingleItem();
        failure.Message.ShouldContain("XML (Atom) or HTML instead of JSON");
        failure.ExitCode.ShouldBe(ExitCodes.BadInput);
        portal.Server.Count("85984NED/TypedDataSet").ShouldBe(1);
        Directory.EnumerateFileSystemEntries(Path.Combine(portal.Data, "cbs")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Compressed_answers_are_stored_unpacked()
    {
        using var portal = new PortalFixture();
        portal.KeepOnly("gebiedsindeling");
        portal.Server.Gzip = true;

        var report = await portal.Fetch();

        report.Failures.ShouldBeEmpty();
        portal.Server.Requests.First().Header("Accept-Encoding").ShouldNotBeNull().ShouldContain("gzip");
        var stored = File.ReadAllBytes(Path.Combine(portal.Data, "gebieden", "INDELING_BUURT.csv"));
        stored.ShouldBe(portal.Server.File(PortalFixture.BuurtUrl).Content);
        Manifest(portal.Data, "gebieden").Files.Single(f => f.Name == "INDELING_BUURT.csv").Bytes.ShouldBe(stored.Length);
    }

    [Fact]
    public async Task A_wrong_table_id_is_caught_by_the_title_and_writes_nothing()
    {
        using var portal = new PortalFixture();
        File.WriteAllText(portal.SourcesFile, File.ReadAllText(portal.SourcesFile).Replace("\"2024\": \"85984NED\"", "\"2024\": \"85618NED\"", StringComparison.Ordinal));

        var report = await portal.Fetch(years: [2024]);

        var failure = report.Failures.ShouldHaveSingleItem();
        failure.ExitCode.ShouldBe(ExitCodes.BadInput);
        failure.Message.ShouldContain("85618NED: the table is titled \"Kerncijfers wijken en buurten 2023\", expected \"Kerncijfers wijken en buurten 2024\"");
        Directory.EnumerateFileSystemEntries(Path.Combine(portal.Data, "cbs")).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_api_refuses_more_than_its_row_limit_so_data_comes_from_the_feed()
    {
        using var portal = new PortalFixture();
        portal.Server.ApiRowLimit = 5;
        portal.Server.FeedPageSize = 5;

        var report = await portal.Fetch(years: [2024]);

        report.Failures.ShouldBeEmpty();
        portal.Server.Requests.Where(r => r.Path.EndsWith("/TypedDataSet", StringComparison.Ordinal))
            .ShouldAllBe(r => r.Path.StartsWith("/ODataFeed/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Offline_uses_the_cache_without_the_network()
    {
        using var portal = new PortalFixture();
        (await portal.Fetch()).Failures.ShouldBeEmpty();
        var before = PortalFixture.Snapshot(portal.Data, withTimes: true);
        portal.Server.Dispose();
        var requests = portal.Server.Requests.Count;

        var report = await portal.Fetch(offline: true);

        report.Failures.ShouldBeEmpty();
        report.Outcomes.ShouldAllBe(o => o.State == FetchState.Cached);
        portal.Server.Requests.Count.ShouldBe(requests);
        PortalFixture.Snapshot(portal.Data, withTimes: true).ShouldBe(before);
    }

    [Fact]
    public async Task Offline_says_what_is_missing_or_damaged()
    {
        using var portal = new PortalFixture();
        var empty = await portal.Fetch(offline: true);
        (await portal.Fetch()).Failures.ShouldBeEmpty();
        File.AppendAllText(Path.Combine(portal.Data, "gebieden", "INDELING_WIJK.csv"), "extra\n");

        var damaged = await portal.Fetch(offline: true);

        empty.Failures.Count.ShouldBe(5);
        empty.Failures[0].Message.ShouldContain("nothing cached");
        empty.ExitCode.ShouldBe(ExitCodes.MissingData);
        damaged.Failures.ShouldHaveSingleItem().Message.ShouldContain("gebieden: the cached files no longer match .fetch.json");
    }

    [Fact]
    public async Task A_damaged_cached_file_is_fetched_whole_without_validators()
    {
        using var portal = new PortalFixture();
        (await portal.Fetch()).Failures.ShouldBeEmpty();
        File.WriteAllText(Path.Combine(portal.Data, "gebieden", "INDELING_WIJK.csv"), "kapot");

        var report = await portal.Fetch();

        report.Outcomes.Single(o => o.Folder == "gebieden").State.ShouldBe(FetchState.Updated);
        portal.Server.Requests.Last(r => r.Target == PortalFixture.WijkUrl).Header("If-None-Match").ShouldBeNull();
        File.ReadAllBytes(Path.Combine(portal.Data, "gebieden", "INDELING_WIJK.csv")).ShouldBe(portal.Server.File(PortalFixture.WijkUrl).Content);
    }

    [Fact]
    public async Task A_swap_interrupted_between_its_moves_is_undone()
    {
        using var portal = new PortalFixture();
        (await portal.Fetch()).Failures.ShouldBeEmpty();
        var before = PortalFixture.Snapshot(portal.Data);
        Directory.Move(Path.Combine(portal.Data, "gebieden"), Path.Combine(portal.Data, ".gebieden.old-99999"));

        var report = await portal.Fetch(offline: true);

        report.Failures.ShouldBeEmpty();
        PortalFixture.Snapshot(portal.Data).ShouldBe(before);
    }

    [Fact]
    public async Task A_folder_fetch_did_not_write_is_never_replaced()
    {
        using var portal = new PortalFixture();
        Directory.CreateDirectory(Path.Combine(portal.Data, "gebieden"));
        File.WriteAllText(Path.Combine(portal.Data, "gebieden", "mijn-eigen-bestand.csv"), "a;b\n1;2\n");

        var report = await portal.Fetch(years: [2024]);

        report.Failures.ShouldHaveSingleItem().Message.ShouldContain("was not written by buurtscan fetch");
        Directory.GetFiles(Path.Combine(portal.Data, "gebieden")).Select(Path.GetFileName).ShouldBe(["mijn-eigen-bestand.csv"]);
    }

    [Fact]
    public async Task The_command_line_fetches_then_builds_from_what_it_fetched()
    {
        using var portal = new PortalFixture();
        using var outFolder = new TempFolder();
        var output = new StringWriter();
        var error = new StringWriter();

        var fetch = CommandLine.Run(["fetch", "--data", portal.Data, "--sources", portal.SourcesFile, "--years", "2023-2024"], output, error);
        var build = CommandLine.Run(["build", "--buurt", "wegener-sleeswijk", "--data", portal.Data, "--out", outFolder.Path], output, error);

        error.ToString().ShouldBeEmpty();
        fetch.ShouldBe(ExitCodes.Ok);
        build.ShouldBe(ExitCodes.Ok);
        output.ToString().ShouldContain("nieuw: cbs/85984NED: Kerncijfers wijken en buurten 2024: 21 rijen in 1 pagina, versie 2025-03-27T02:00:00");
        output.ToString().ShouldContain("5 van 5 mappen in orde");
        File.ReadAllText(Path.Combine(outFolder.Path, "buurtscan.md")).ShouldContain("Wegener Sleeswijkbuurt");
    }

    [Fact]
    public async Task The_progress_bar_is_drawn_only_where_asked_and_wiped_afterwards()
    {
        using var portal = new PortalFixture();
        portal.KeepOnly("gebiedsindeling");
        var terminal = new StringWriter();
        portal.Options = portal.Options with { Progress = terminal };

        (await portal.Fetch()).Failures.ShouldBeEmpty();

        var drawn = terminal.ToString();
        drawn.ShouldContain("gebieden/INDELING_BUURT.csv");
        drawn.ShouldContain("[");
        drawn.ShouldContain("0.0 MB");
        drawn.ShouldEndWith("\r" + new string(' ', 79) + "\r");
    }

    [Fact]
    public void The_command_line_reports_a_bad_years_option_as_usage()
    {
        var error = new StringWriter();

        var code = CommandLine.Run(["fetch", "--years", "twintig", "--offline"], new StringWriter(), error);

        code.ShouldBe(ExitCodes.Usage);
        error.ToString().ShouldContain("--years: 'twintig' is not a year");
    }

    [Fact]
    public async Task Requests_go_through_the_proxy_except_to_this_machine()
    {
        using var proxy = new LoopbackServer(_ => FakeResponse.Text(200, "OK", "a;b\r\n1;2\r\n", "text/csv"));
        using var portal = new PortalFixture();
        File.WriteAllText(portal.SourcesFile, """
            { "gemeente": "0363", "years": [2024], "sources": [ { "id": "x", "type": "files", "folder": "x",
              "files": [ { "name": "x.csv", "url": "http://portal.invalid/open_geodata/x.csv" } ] } ] }
            """);
        portal.Options = portal.Options with { UseProxy = true, Proxy = new System.Net.WebProxy(proxy.Root) };

        var viaProxy = await portal.Fetch();
        using var other = new PortalFixture { Options = portal.Options };
        var direct = await other.Fetch(years: [2024]);

        viaProxy.Failures.ShouldBeEmpty();
        proxy.Requests.ShouldHaveSingleItem().Target.ShouldBe("http://portal.invalid/open_geodata/x.csv");
        direct.Failures.ShouldBeEmpty();
        proxy.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public void The_default_sources_use_the_documented_portal_urls()
    {
        var sources = SourceList.Default;

        sources.Gemeente.ShouldBe("0363");
        var kwb = sources.Sources.OfType<ODataSource>().Single(s => s.Id == "cbs-kwb");
        kwb.Tables[2024].ShouldBe("85984NED");
        kwb.Api.ShouldBe("https://opendata.cbs.nl/ODataApi/odata/{table}");
        kwb.Feed.ShouldBe("https://opendata.cbs.nl/ODataFeed/odata/{table}");
        kwb.Filter.ShouldContain("substring(WijkenEnBuurten,2,4) eq '{gemeente}'");
        sources.Sources.OfType<ODataSource>().Single(s => s.Id == "politie-misdrijven").Table.ShouldBe("47018NED");
        var urls = sources.Sources.OfType<FileSource>().SelectMany(s => s.Files).Select(f => new Uri(f.Url)).ToList();
        urls.ShouldAllBe(u => u.Scheme == "https");
        urls.Select(u => u.Host).Distinct().ShouldBe(["maps.amsterdam.nl", "api.data.amsterdam.nl"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("""{"gemeente":"363","years":[2024],"sources":[]}""", "gemeente")]
    [InlineData("""{"gemeente":"0363","years":[2024],"sources":[{"id":"a","type":"ftp","folder":"a"}]}""", "sources[0].type")]
    [InlineData("""{"gemeente":"0363","years":[2024],"sources":[{"id":"a","type":"files","folder":"../a","files":[{"name":"a.csv","url":"https://x/a"}]}]}""", "sources[0].folder")]
    [InlineData("""{"gemeente":"0363","years":[2024],"sources":[{"id":"a","type":"files","folder":"a","files":[{"name":"a.csv","url":"file:///etc/passwd"}]}]}""", "sources[0].files[0].url")]
    [InlineData("""{"gemeente":"0363","years":[2024],"sources":[{"id":"a","type":"cbs-odata","folder":"a","api":"https://x/{table}","feed":"https://x/{table}","title":"t","filter":"f"}]}""", "sources[0]")]
    public void A_bad_sources_file_names_the_field(string json, string field)
    {
        var e = Should.Throw<InputException>(() => SourceList.Parse(json, "mijn-bronnen.json"));

        e.File.ShouldBe("mijn-bronnen.json");
        e.Field.ShouldBe(field);
    }

    [Fact]
    public void A_sources_file_that_is_not_json_names_the_line()
    {
        var e = Should.Throw<InputException>(() => SourceList.Parse("{\n  \"gemeente\": \"0363\",\n  oops\n}", "mijn-bronnen.json"));

        e.Line.ShouldBe(3);
    }

    [Theory]
    [InlineData("2024", new[] { 2024 })]
    [InlineData("2023,2024", new[] { 2023, 2024 })]
    [InlineData("2022-2024, 2019", new[] { 2019, 2022, 2023, 2024 })]
    public void Years_are_read_as_lists_and_ranges(string text, int[] years) =>
        FetchCommand.ParseYears(text).ShouldBe(years);

    private static byte[] ChangeBuurtFile(PortalFixture portal)
    {
        var content = portal.Server.File(PortalFixture.BuurtUrl).Content;
        var changed = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(content).Replace("Wegener Sleeswijkbuurt", "Wegener-Sleeswijkbuurt", StringComparison.Ordinal));
        changed.ShouldNotBe(content);
        portal.Server.SetFile(PortalFixture.BuurtUrl, changed, "text/csv; charset=utf-8");
        return changed;
    }

    private static FetchManifest Manifest(string data, string folder) =>
        JsonSerializer.Deserialize<FetchManifest>(File.ReadAllText(Path.Combine(data, folder, FetchManifest.FileName)), FetchManifest.Json)!;

    private static void NoLeftovers(string data) =>
        Directory.EnumerateFileSystemEntries(data, ".*", SearchOption.AllDirectories)
            .Select(p => Path.GetFileName(p))
            .Where(n => n != FetchManifest.FileName && n != ".fetch-partial")
            .ShouldBeEmpty();

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

    private static List<(string, string, int, double?, Status)> Figures(IEnumerable<Observation> observations) =>
        observations.Select(o => (o.IndicatorId, o.Area.Code, o.Year, o.Value, o.Status)).ToList();

    private static TempFolder DataFolderWithCsv()
    {
        var folder = Import.DataFolder.WithBoundaries();
        foreach (var csv in Directory.GetFiles(Path.Combine(TestPaths.Samples, "cbs"), "*.csv")) File.Copy(csv, folder.Combine(Path.GetFileName(csv)));
        return folder;
    }
}
