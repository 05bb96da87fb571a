using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Buurtscan.Domain;
using Buurtscan.Import;

namespace Buurtscan.Fetch;

/// <summary>The parameters of one `buurtscan fetch`.</summary>
public sealed record FetchSettings(string DataDirectory, IReadOnlyList<int>? Years, string? SourcesFile, bool Offline);

public enum FetchState
{
    /// <summary>Not cached before; downloaded.</summary>
    New,
    /// <summary>Changed at the portal; the cached copy was replaced.</summary>
    Updated,
    /// <summary>The portal confirmed the cached copy is current (304, or the same CBS version).</summary>
    Unchanged,
    /// <summary>--offline: the cached copy is complete and intact.</summary>
    Cached,
    /// <summary>The table has no rows for the years asked (yet); nothing was written.</summary>
    NoData,
    /// <summary>Not fetched; the cached copy, if any, was left as it was.</summary>
    Failed,
}

/// <summary>What happened to one folder of the data folder.</summary>
public sealed record FetchOutcome(string Folder, string SourceId, FetchState State, string Detail);

public sealed record FetchReport(IReadOnlyList<FetchOutcome> Outcomes, IReadOnlyList<BuurtscanException> Failures)
{
    public int ExitCode => Failures.Count == 0 ? ExitCodes.Ok : Failures[0].ExitCode;
}

/// <summary>
/// `buurtscan fetch`: downloads every source of the sources file into the data folder, in the form the
/// importers read, one folder per source (and per CBS table). A folder is replaced only as a whole and only
/// when all its files arrived complete and verified; a source that fails leaves its folder as it was and
/// the others still run.
/// </summary>
public static partial class Fetcher
{
    /// <summary>CBS feeds page by 10,000 rows; this bounds a runaway chain of next links.</summary>
    private const int MaxPages = 10_000;

    private sealed record Target(SourceSpec Spec, string Folder, string? Table, int? Year, IReadOnlyList<int> Years);

    public static async Task<FetchReport> RunAsync(FetchSettings settings, FetchOptions options, CancellationToken ct = default)
    {
        var sources = settings.SourcesFile is null ? SourceList.Default : SourceList.Load(settings.SourcesFile);
        var years = settings.Years is { Count: > 0 } asked ? asked.Distinct().Order().ToList() : sources.Years;
        var outcomes = new List<FetchOutcome>();
        var failures = new List<BuurtscanException>();
        var targets = new List<Target>();
        foreach (var spec in sources.Sources)
        {
            try
            {
                targets.AddRange(Plan(spec, years, sources.FileName));
            }
            catch (BuurtscanException e)
            {
                failures.Add(e);
                outcomes.Add(new FetchOutcome(spec.Folder, spec.Id, FetchState.Failed, e.Message));
            }
        }

        if (!settings.Offline) Directory.CreateDirectory(settings.DataDirectory);
        using var transfer = settings.Offline ? null : new Transfer(options);
        foreach (var target in targets)
        {
            try
            {
                outcomes.Add(transfer is null
                    ? Offline(target, sources, settings.DataDirectory)
                    : target.Spec switch
                    {
                        FileSource files => await FetchFilesAsync(files, target, settings.DataDirectory, transfer, options, ct).ConfigureAwait(false),
                        ODataSource table => await FetchTableAsync(table, target, sources, settings.DataDirectory, transfer, options, ct).ConfigureAwait(false),
                        _ => throw new InvalidOperationException($"unknown source type {target.Spec.GetType().Name}"),
                    });
            }
            catch (BuurtscanException e)
            {
                failures.Add(e);
                outcomes.Add(new FetchOutcome(target.Folder, target.Spec.Id, FetchState.Failed, e.Message));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The data folder itself could not be written (disk full, permissions); the old folder is still in place.
                var failure = new FetchException($"{target.Folder}: could not write to the data folder: {e.Message}", ExitCodes.OutputFailed);
                failures.Add(failure);
                outcomes.Add(new FetchOutcome(target.Folder, target.Spec.Id, FetchState.Failed, failure.Message));
            }
        }

        return new FetchReport(outcomes, failures);
    }

    private static IEnumerable<Target> Plan(SourceSpec spec, IReadOnlyList<int> years, string sourcesFile)
    {
        if (spec is not ODataSource table) return [new Target(spec, spec.Folder, null, null, years)];
        if (table.Table is { } single) return [new Target(spec, FolderFor(spec, single, null, sourcesFile), single, null, years)];
        var missing = years.Where(y => !table.Tables.ContainsKey(y)).ToList();
        if (missing.Count > 0)
        {
            throw new FetchException(
                $"{spec.Id}: {sourcesFile} has no table id for {string.Join(", ", missing)}; add it under \"tables\" (the id of \"{table.Title.Replace("{year}", missing[0].ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)}\" on StatLine)",
                ExitCodes.BadInput);
        }

        return years.Select(y => new Target(spec, FolderFor(spec, table.Tables[y], y, sourcesFile), table.Tables[y], y, [y])).ToList();
    }

    private static string FolderFor(SourceSpec spec, string table, int? year, string sourcesFile)
    {
        if (!TableId().IsMatch(table)) throw new InputException(sourcesFile, 0, $"'{table}' is not a CBS table id (expected letters and digits, such as 85984NED)", $"{spec.Id}.tables");
        var folder = spec.Folder.Replace("{table}", table, StringComparison.Ordinal)
            .Replace("{year}", year?.ToString(CultureInfo.InvariantCulture) ?? "", StringComparison.Ordinal);
        return folder.Contains('{', StringComparison.Ordinal)
            ? throw new InputException(sourcesFile, 0, $"'{spec.Folder}' has a placeholder other than {{table}} and {{year}}", $"{spec.Id}.folder")
            : folder;
    }

    private static async Task<FetchOutcome> FetchFilesAsync(FileSource spec, Target target, string dataDirectory, Transfer transfer, FetchOptions options, CancellationToken ct)
    {
        var cache = new CacheFolder(dataDirectory, target.Folder);
        var old = cache.ReadManifest();
        var staging = cache.CreateStaging();
        try
        {
            var results = new List<(FileSpec File, TransferResult Result, IReadOnlyList<FetchedFile> Previous, DateTimeOffset When)>();
            foreach (var file in spec.Files)
            {
                var previous = old?.Files.Where(f => f.Url == file.Url && (f.Archive ?? f.Name) == file.Name).ToList() ?? [];
                // Validators are sent only for a cached copy that is still intact; otherwise ask for the whole file.
                var ifChanged = previous.Count > 0 && cache.Verifies(old!, previous) ? new Validators(previous[0].ETag, previous[0].LastModified) : null;
                var result = await transfer.GetAsync(new TransferRequest(new Uri(file.Url), Path.Combine(staging, file.Name), $"{target.Folder}/{file.Name}")
                {
                    Accept = file.Accept,
                    IfChanged = ifChanged is { Any: true } ? ifChanged : null,
                    Partial = PartialPath(dataDirectory, file.Url),
                    MaxBytes = spec.MaxBytes ?? options.MaxBytes,
                    Verify = ContentCheck.For(file.Name),
                }, ct).ConfigureAwait(false);
                results.Add((file, result, previous, Now()));
            }

            if (old is not null && results.All(r => r.Result is NotModified))
            {
                return new FetchOutcome(target.Folder, spec.Id, FetchState.Unchanged, $"{spec.Description}: {Files(old.Files.Count)}, niet gewijzigd sinds {Date(old.Retrieved)}");
            }

            var files = new List<FetchedFile>();
            var origins = new Dictionary<string, string>(StringComparer.Ordinal); // file name → where its bytes are now
            foreach (var (file, result, previous, when) in results)
            {
                if (result is NotModified)
                {
                    foreach (var f in previous) origins[f.Name] = Path.Combine(cache.Path, f.Name);
                    files.AddRange(previous);
                }
                else if (result is Downloaded d && file.Unzip)
                {
                    foreach (var (name, path, sha, bytes) in Unzip(Path.Combine(staging, file.Name), staging, spec.MaxBytes ?? options.MaxBytes, file.Url))
                    {
                        origins[name] = path;
                        files.Add(new FetchedFile(name, file.Url, when, d.ETag, d.LastModified, sha, bytes, file.Name, d.Sha256));
                    }
                }
                else if (result is Downloaded download)
                {
                    origins[file.Name] = Path.Combine(staging, file.Name);
                    files.Add(new FetchedFile(file.Name, file.Url, when, download.ETag, download.LastModified, download.Sha256, download.Bytes));
                }
            }

            var twice = files.GroupBy(f => f.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (twice is not null) throw new FetchException($"{target.Folder}: two downloads give a file named {twice.Key}; give them separate sources", ExitCodes.BadInput);

            var manifest = new FetchManifest(FetchManifest.CurrentVersion, spec.Id, spec.Description, null, null, Now(), files);
            cache.Replace(manifest, folder =>
            {
                foreach (var f in files) File.Copy(origins[f.Name], Path.Combine(folder, f.Name));
            });
            var same = old is not null && files.Count == old.Files.Count && files.All(f => old.Files.Any(o => o.Name == f.Name && o.Sha256 == f.Sha256));
            return new FetchOutcome(target.Folder, spec.Id, old is null ? FetchState.New : FetchState.Updated,
                $"{spec.Description}: {Files(files.Count)}" + (same ? " (nieuwe validators, inhoud gelijk)" : ""));
        }
        finally
        {
            DeleteQuietly(staging);
        }
    }

    private static async Task<FetchOutcome> FetchTableAsync(ODataSource spec, Target target, SourceList sources, string dataDirectory, Transfer transfer, FetchOptions options, CancellationToken ct)
    {
        var table = target.Table!;
        var cache = new CacheFolder(dataDirectory, target.Folder);
        var old = cache.ReadManifest();
        var api = spec.Api.Replace("{table}", table, StringComparison.Ordinal);
        var query = DataQuery(spec, target, sources);
        var limit = spec.MaxBytes ?? options.MaxBytes;
        var staging = cache.CreateStaging();
        try
        {
            // TableInfos first: its title proves the table id is right, its Modified says whether anything changed.
            var infoUrl = $"{api}/TableInfos?$format=json";
            var info = await GetJsonAsync(transfer, infoUrl, Path.Combine(staging, "TableInfos.json"), $"{table} TableInfos", limit, ct).ConfigureAwait(false);
            var infoRows = ODataJson.Read(File.ReadAllText(Path.Combine(staging, "TableInfos.json")), $"{infoUrl}").Rows;
            if (infoRows.Count == 0) throw new FetchException($"{infoUrl}: TableInfos has no row; is {table} a CBS table?", ExitCodes.BadInput);
            var row = infoRows[0].Value;
            var title = ODataJson.String(row, "Title") ?? "";
            var expected = spec.Title.Replace("{year}", target.Year?.ToString(CultureInfo.InvariantCulture) ?? "", StringComparison.Ordinal);
            if (!SameTitle(title, expected))
            {
                throw new FetchException(
                    $"{table}: the table is titled \"{title}\", expected \"{expected}\"; the table id{(target.Year is { } y ? $" for {y}" : "")} in {sources.FileName} (source {spec.Id}) is probably wrong",
                    ExitCodes.BadInput);
            }

            var version = $"Modified {ODataJson.String(row, "Modified")}, MetaDataModified {ODataJson.String(row, "MetaDataModified")}";
            if (old is not null && old.Version == version && old.Query == query && cache.Verifies(old))
            {
                return new FetchOutcome(target.Folder, spec.Id, FetchState.Unchanged, $"{title}: versie ongewijzigd ({ODataJson.String(row, "Modified")})");
            }

            var propertiesUrl = $"{api}/DataProperties?$format=json";
            var properties = await GetJsonAsync(transfer, propertiesUrl, Path.Combine(staging, "DataProperties.json"), $"{table} DataProperties", limit, ct).ConfigureAwait(false);

            // The feed pages (10,000 rows a page) and says where the next page is; its link is followed as given.
            // Rows go straight into one collection on disk, so that a large table is never all in memory.
            var dataPath = Path.Combine(staging, "TypedDataSet.json");
            var pages = 0;
            var rowCount = 0;
            long bytes = 0;
            using (var collection = new CollectionWriter(dataPath))
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (string? url = query; url is not null;)
                {
                    if (!seen.Add(url)) throw new FetchException($"{url}: the feed links back to a page it already gave; stopped");
                    if (++pages > MaxPages) throw new FetchException($"{query}: more than {MaxPages} pages; stopped");
                    var pagePath = Path.Combine(staging, $"page-{pages}.json");
                    var page = await GetJsonAsync(transfer, url, pagePath, $"{table} TypedDataSet p.{pages}", limit - bytes, ct).ConfigureAwait(false);
                    bytes += page.Bytes;
                    var text = File.ReadAllText(pagePath);
                    collection.Metadata ??= ODataJson.MetadataUrl(text);
                    var (_, next) = ODataJson.Scan(text, url, (row, _) => collection.Add(row.GetRawText()));
                    url = next is null ? null : new Uri(new Uri(url), next).AbsoluteUri;
                    File.Delete(pagePath);
                }

                if (collection.Rows == 0 && spec.Filter.Contains("{perioden}", StringComparison.Ordinal))
                {
                    // A table of several years may not have the years asked for yet; that is news, not an error.
                    return new FetchOutcome(target.Folder, spec.Id, FetchState.NoData,
                        $"{title}: geen rijen voor {string.Join(", ", target.Years)} (de tabel loopt over {ODataJson.String(row, "Period")}); niets geschreven");
                }

                if (collection.Rows == 0)
                {
                    throw new FetchException($"{table}: the filter matched no rows ({Unescape(query)}); check gemeente, years and filter in {sources.FileName}", ExitCodes.BadInput);
                }

                rowCount = collection.Rows;
            }

            var when = Now();
            var files = new List<FetchedFile>
            {
                new("TableInfos.json", infoUrl, when, info.ETag, info.LastModified, info.Sha256, info.Bytes),
                new("DataProperties.json", propertiesUrl, when, properties.ETag, properties.LastModified, properties.Sha256, properties.Bytes),
                new("TypedDataSet.json", query, when, null, null, await Transfer.Sha256Async(dataPath, ct).ConfigureAwait(false), new FileInfo(dataPath).Length, Pages: pages),
            };
            cache.Replace(new FetchManifest(FetchManifest.CurrentVersion, spec.Id, title, version, query, when, files), folder =>
            {
                foreach (var f in files) File.Copy(Path.Combine(staging, f.Name), Path.Combine(folder, f.Name));
            });
            return new FetchOutcome(target.Folder, spec.Id, old is null ? FetchState.New : FetchState.Updated,
                $"{title}: {rowCount} rijen in {pages} pagina{(pages == 1 ? "" : "'s")}, versie {ODataJson.String(row, "Modified")}");
        }
        finally
        {
            DeleteQuietly(staging);
        }
    }

    /// <summary>--offline: no network; the cached copy must be complete and match its manifest.</summary>
    private static FetchOutcome Offline(Target target, SourceList sources, string dataDirectory)
    {
        var cache = new CacheFolder(dataDirectory, target.Folder);
        var manifest = cache.ReadManifest()
            ?? throw new FetchException($"{target.Folder}: nothing cached for {target.Spec.Id} in {dataDirectory}; run buurtscan fetch without --offline first");
        if (!cache.Verifies(manifest))
        {
            throw new FetchException($"{target.Folder}: the cached files no longer match {FetchManifest.FileName} (changed or damaged); run buurtscan fetch without --offline");
        }

        var note = target.Spec is ODataSource table && manifest.Query != DataQuery(table, target, sources) ? "; let op: opgehaald met een ander filter of andere jaren" : "";
        return new FetchOutcome(target.Folder, target.Spec.Id, FetchState.Cached,
            $"{manifest.Title ?? target.Spec.Description}: {Files(manifest.Files.Count)}, opgehaald {Date(manifest.Retrieved)}{note}");
    }

    private static string DataQuery(ODataSource spec, Target target, SourceList sources)
    {
        var filter = spec.Filter
            .Replace("{gemeente}", sources.Gemeente, StringComparison.Ordinal)
            .Replace("{year}", target.Year?.ToString(CultureInfo.InvariantCulture) ?? "", StringComparison.Ordinal)
            // Period keys are compared for equality only: JJ (year) and MM (month) codes interleave, so ranges mislead.
            .Replace("{perioden}", string.Join(" or ", target.Years.Select(y => $"Perioden eq '{y.ToString(CultureInfo.InvariantCulture)}JJ00'")), StringComparison.Ordinal);
        return $"{spec.Feed.Replace("{table}", target.Table, StringComparison.Ordinal)}/TypedDataSet?$format=json&$filter={Uri.EscapeDataString(filter)}";
    }

    private static async Task<Downloaded> GetJsonAsync(Transfer transfer, string url, string destination, string label, long limit, CancellationToken ct)
    {
        var result = await transfer.GetAsync(new TransferRequest(new Uri(url), destination, label)
        {
            Accept = "application/json",
            MaxBytes = Math.Max(0, limit),
            Verify = ContentCheck.ODataPage,
        }, ct).ConfigureAwait(false);
        return (Downloaded)result;
    }

    /// <summary>
    /// The pages as one collection in the service's own shape, one row per line (so that line numbers
    /// point at rows); written as the pages arrive.
    /// </summary>
    private sealed class CollectionWriter(string path) : IDisposable
    {
        private readonly StreamWriter writer = new(path, false, new UTF8Encoding(false));
        private bool started;

        public string? Metadata { get; set; }

        public int Rows { get; private set; }

        public void Add(string row)
        {
            Start();
            writer.Write(Rows == 0 ? "\n" : ",\n");
            writer.Write(row);
            Rows++;
        }

        public void Dispose()
        {
            Start();
            writer.Write("\n]}\n");
            writer.Dispose();
        }

        private void Start()
        {
            if (started) return;
            started = true;
            writer.Write('{');
            if (Metadata is not null) writer.Write($"\"odata.metadata\":{JsonSerializer.Serialize(Metadata, Render.ScanJsonTypes.Default.String)},");
            writer.Write("\"value\":[");
        }
    }

    /// <summary>Unpacks the members of a verified zip into the staging folder, flat, refusing names that climb out.</summary>
    private static List<(string Name, string Path, string Sha256, long Bytes)> Unzip(string zipPath, string staging, long limit, string url)
    {
        var target = Directory.CreateDirectory(Path.Combine(staging, "unzipped-" + Path.GetFileNameWithoutExtension(zipPath))).FullName;
        var members = new List<(string, string, string, long)>();
        using var zip = ZipFile.OpenRead(zipPath);
        foreach (var entry in zip.Entries)
        {
            var name = entry.Name;
            if (name.Length == 0 || name.StartsWith('.')) continue; // folders and hidden files
            if (entry.Length > limit) throw new FetchException($"{url}: member {name} unpacks to {entry.Length} bytes, more than the limit of {limit}");
            if (members.Any(m => m.Item1 == name)) throw new FetchException($"{url}: the archive holds two files named {name}");
            var path = Path.Combine(target, name);
            entry.ExtractToFile(path);
            using var stream = File.OpenRead(path);
            members.Add((name, path, Convert.ToHexStringLower(SHA256.HashData(stream)), entry.Length));
        }

        return members.Count > 0 ? members : throw new FetchException($"{url}: the archive holds no files");
    }

    /// <summary>Interrupted large downloads wait here, by URL, so that the next run can resume them.</summary>
    private static string PartialPath(string dataDirectory, string url)
    {
        var folder = Directory.CreateDirectory(Path.Combine(dataDirectory, ".fetch-partial")).FullName;
        return Path.Combine(folder, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url)))[..16] + ".part");
    }

    private static bool SameTitle(string actual, string expected) =>
        string.Equals(Regex.Replace(actual.Trim(), @"\s+", " "), Regex.Replace(expected.Trim(), @"\s+", " "), StringComparison.OrdinalIgnoreCase);

    private static string Unescape(string url) => Uri.UnescapeDataString(url);

    private static DateTimeOffset Now()
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    private static string Date(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Files(int n) => n == 1 ? "1 bestand" : $"{n} bestanden";

    private static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover hidden staging folder is harmless and replaced on the next run.
        }
    }

    [GeneratedRegex("^[0-9A-Za-z]+$", RegexOptions.CultureInvariant)]
    private static partial Regex TableId();
}
