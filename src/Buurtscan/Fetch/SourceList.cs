using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Buurtscan.Domain;

namespace Buurtscan.Fetch;

/// <summary>One entry of the sources file: what to download and into which folder of the data folder.</summary>
public abstract record SourceSpec(string Id, string Description, string Folder, long? MaxBytes);

/// <summary>Plain downloads (CSV, GeoJSON, a zip to unpack), all kept together in one folder.</summary>
public sealed record FileSource(string Id, string Description, string Folder, long? MaxBytes, IReadOnlyList<FileSpec> Files)
    : SourceSpec(Id, Description, Folder, MaxBytes);

/// <summary>One download of a <see cref="FileSource"/>. With <paramref name="Unzip"/> its members are stored instead of the zip.</summary>
public sealed record FileSpec(string Name, string Url, bool Unzip, string Accept);

/// <summary>
/// A CBS OData v3 table (or one per year): TableInfos and DataProperties from <paramref name="Api"/>, the
/// TypedDataSet from <paramref name="Feed"/>, filtered to the gemeente and paged as the feed pages.
/// </summary>
public sealed record ODataSource(
    string Id,
    string Description,
    string Folder,
    long? MaxBytes,
    string Api,
    string Feed,
    IReadOnlyDictionary<int, string> Tables,
    string? Table,
    string Title,
    string Filter)
    : SourceSpec(Id, Description, Folder, MaxBytes);

/// <summary>
/// The sources file: a JSON data file, shipped as `sources-default.json` and replaceable with `--sources`,
/// so that a portal changing a URL or a table id needs an edit, not a new release.
/// </summary>
public sealed record SourceList(string FileName, string Gemeente, IReadOnlyList<int> Years, IReadOnlyList<SourceSpec> Sources)
{
    public const string DefaultName = "sources-default.json";

    public static SourceList Default { get; } = LoadDefault();

    public static SourceList Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BuurtscanException($"{path}: cannot read the sources file: {e.Message}", ExitCodes.BadInput);
        }

        return Parse(text, path);
    }

    public static SourceList Parse(string text, string fileName)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new InputException(fileName, (int)(e.LineNumber ?? 0) + 1, $"not valid JSON: {e.Message}");
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Error(fileName, "$", "expected an object with \"gemeente\", \"years\" and \"sources\"");
            var gemeente = RequiredString(root, "gemeente", fileName, "$");
            if (gemeente.Length != 4 || !gemeente.All(char.IsAsciiDigit)) throw Error(fileName, "gemeente", $"'{gemeente}' is not a CBS gemeente code (expected 4 digits, e.g. 0363)");
            var years = root.TryGetProperty("years", out var y) && y.ValueKind == JsonValueKind.Array
                ? y.EnumerateArray().Select((e, i) => e.TryGetInt32(out var v) && v is >= 1990 and <= 2100 ? v : throw Error(fileName, $"years[{i}]", "expected a year such as 2024")).ToList()
                : throw Error(fileName, "years", "expected an array of years (the default for --years)");
            if (!root.TryGetProperty("sources", out var list) || list.ValueKind != JsonValueKind.Array) throw Error(fileName, "sources", "expected an array of sources");

            var sources = new List<SourceSpec>();
            var index = 0;
            foreach (var element in list.EnumerateArray())
            {
                sources.Add(ParseSource(element, fileName, $"sources[{index++}]"));
            }

            var duplicate = sources.GroupBy(s => s.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null) throw Error(fileName, "sources", $"the id '{duplicate.Key}' is used twice (ids must be unique)");
            return new SourceList(fileName, gemeente, years, sources);
        }
    }

    private static SourceSpec ParseSource(JsonElement e, string file, string path)
    {
        if (e.ValueKind != JsonValueKind.Object) throw Error(file, path, "expected an object");
        var id = RequiredString(e, "id", file, path);
        var type = RequiredString(e, "type", file, path);
        var description = e.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : id;
        var folder = RequiredString(e, "folder", file, path);
        CheckRelative(folder, file, $"{path}.folder");
        long? maxBytes = e.TryGetProperty("maxBytes", out var m)
            ? m.TryGetInt64(out var mb) && mb > 0 ? mb : throw Error(file, $"{path}.maxBytes", "expected a positive number of bytes")
            : null;

        switch (type)
        {
            case "files":
                {
                    if (!e.TryGetProperty("files", out var files) || files.ValueKind != JsonValueKind.Array || files.GetArrayLength() == 0)
                    {
                        throw Error(file, $"{path}.files", "expected a non-empty array of {\"name\", \"url\"}");
                    }

                    var specs = new List<FileSpec>();
                    var i = 0;
                    foreach (var f in files.EnumerateArray())
                    {
                        var at = $"{path}.files[{i++}]";
                        var url = RequiredString(f, "url", file, at);
                        CheckUrl(url, file, $"{at}.url");
                        var name = RequiredString(f, "name", file, at);
                        CheckRelative(name, file, $"{at}.name");
                        if (name.Contains('/', StringComparison.Ordinal) || name.StartsWith('.')) throw Error(file, $"{at}.name", $"'{name}' must be a plain file name");
                        var unzip = f.TryGetProperty("unzip", out var u) && u.ValueKind == JsonValueKind.True;
                        var accept = f.TryGetProperty("accept", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString()! : "*/*";
                        specs.Add(new FileSpec(name, url, unzip, accept));
                    }

                    var twice = specs.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
                    if (twice is not null) throw Error(file, $"{path}.files", $"the name '{twice.Key}' is used twice");
                    return new FileSource(id, description, folder, maxBytes, specs);
                }

            case "cbs-odata":
                {
                    var api = RequiredString(e, "api", file, path);
                    var feed = RequiredString(e, "feed", file, path);
                    CheckUrl(api.Replace("{table}", "T", StringComparison.Ordinal), file, $"{path}.api");
                    CheckUrl(feed.Replace("{table}", "T", StringComparison.Ordinal), file, $"{path}.feed");
                    var tables = new Dictionary<int, string>();
                    if (e.TryGetProperty("tables", out var t))
                    {
                        if (t.ValueKind != JsonValueKind.Object) throw Error(file, $"{path}.tables", "expected an object of year → table id, e.g. {\"2024\": \"85984NED\"}");
                        foreach (var p in t.EnumerateObject())
                        {
                            if (!int.TryParse(p.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || p.Value.ValueKind != JsonValueKind.String)
                            {
                                throw Error(file, $"{path}.tables.{p.Name}", "expected a year as the name and a table id such as \"85984NED\" as the value");
                            }

                            tables[year] = p.Value.GetString()!;
                        }
                    }

                    var table = e.TryGetProperty("table", out var tb) && tb.ValueKind == JsonValueKind.String ? tb.GetString() : null;
                    if ((table is null) == (tables.Count == 0)) throw Error(file, path, "expected either \"table\" (one table for all years) or \"tables\" (one per year)");
                    return new ODataSource(id, description, folder, maxBytes, api.TrimEnd('/'), feed.TrimEnd('/'), tables, table,
                        RequiredString(e, "title", file, path), RequiredString(e, "filter", file, path));
                }

            default:
                throw Error(file, $"{path}.type", $"unknown type '{type}' (expected \"files\" or \"cbs-odata\")");
        }
    }

    private static string RequiredString(JsonElement e, string name, string file, string path) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s
            ? s
            : throw Error(file, path == "$" ? name : $"{path}.{name}", "expected a non-empty string");

    private static void CheckUrl(string url, string file, string path)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw Error(file, path, $"'{url}' is not an http(s) URL");
        }
    }

    private static void CheckRelative(string folder, string file, string path)
    {
        var parts = folder.Split('/');
        if (Path.IsPathRooted(folder) || folder.Contains('\\', StringComparison.Ordinal) || parts.Any(p => p is "" or "." or ".." || p.StartsWith('.')))
        {
            throw Error(file, path, $"'{folder}' must be a relative path inside the data folder, with '/' between parts and no hidden or '..' parts");
        }
    }

    private static InputException Error(string file, string field, string message) => new(file, 0, message, field);

    private static SourceList LoadDefault()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Buurtscan.Fetch.{DefaultName}")
            ?? throw new InvalidOperationException($"embedded {DefaultName} is missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), DefaultName);
    }
}
