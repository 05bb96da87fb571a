using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Buurtscan.Import;

namespace Buurtscan.Tests.Fetch;

/// <summary>Ways the fake portal misbehaves on purpose.</summary>
public enum Fault
{
    /// <summary>HTTP 500.</summary>
    ServerError,
    /// <summary>HTTP 404.</summary>
    NotFound,
    /// <summary>The true Content-Length, but the connection closes halfway through the body.</summary>
    Truncate,
    /// <summary>Content-Length larger than the body.</summary>
    LongerLength,
    /// <summary>Content-Length smaller than the body: the client reads a clean but cut-off file.</summary>
    ShorterLength,
    /// <summary>The headers come seconds late.</summary>
    SlowHeaders,
    /// <summary>Half the body, then silence.</summary>
    StallBody,
    /// <summary>Atom XML, as the CBS feed answers a request without $format=json.</summary>
    Atom,
}

/// <summary>A file as a portal serves it, with the validators it sends.</summary>
internal sealed record FakeFile(byte[] Content, string ETag, DateTimeOffset LastModified, string ContentType);

/// <summary>A CBS OData table: its TableInfos row, DataProperties rows and data rows, each as raw JSON.</summary>
internal sealed class FakeTable(string tableInfos, IReadOnlyList<string> dataProperties, IReadOnlyList<string> rows)
{
    public string TableInfos { get; set; } = tableInfos;

    public IReadOnlyList<string> DataProperties { get; } = dataProperties;

    public List<string> Rows { get; } = [.. rows];

    /// <summary>A table saved in the layout fetch writes (TableInfos.json, DataProperties.json, TypedDataSet.json).</summary>
    public static FakeTable FromFolder(string folder)
    {
        IReadOnlyList<string> Rows(string name) =>
            ODataJson.Read(File.ReadAllText(Path.Combine(folder, name)), name).Rows.Select(r => r.Value.GetRawText()).ToList();
        return new FakeTable(Rows("TableInfos.json")[0], Rows("DataProperties.json"), Rows("TypedDataSet.json"));
    }
}

/// <summary>
/// The portals in one loopback server: CBS OData v3 (ODataApi and ODataFeed, TableInfos/DataProperties/
/// TypedDataSet, $filter on padded keys, $format, 10,000-row limit on the API, paging with absolute
/// odata.nextLink on the feed, Atom without $format=json) and plain files with ETag, Last-Modified, 304 and
/// byte ranges (maps.amsterdam.nl open geodata, the OIS bulk zip). Faults are queued per URL.
/// </summary>
internal sealed class FakePortal : IDisposable
{
    private readonly LoopbackServer server;
    private readonly ConcurrentDictionary<string, FakeFile> files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FakeTable> tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Match, Queue<Fault> Once, Fault? Always)> faults = [];
    private int version;

    public FakePortal() => server = new LoopbackServer(Handle);

    public string Root => server.Root;

    public IReadOnlyCollection<FakeRequest> Requests => server.Requests;

    public int FeedPageSize { get; set; } = 10_000;

    public int ApiRowLimit { get; set; } = 10_000;

    public bool AcceptRanges { get; set; } = true;

    /// <summary>Compress files for clients that accept gzip (the city's API does; CBS and maps are unknown).</summary>
    public bool Gzip { get; set; }

    public void Dispose() => server.Dispose();

    /// <summary>Serves (or replaces) a file at a path and query; a new content gets a new ETag and a later Last-Modified.</summary>
    public void SetFile(string target, byte[] content, string contentType)
    {
        var n = Interlocked.Increment(ref version);
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}-{n}\"";
        files[target] = new FakeFile(content, etag, new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(n), contentType);
    }

    public FakeFile File(string target) => files[target];

    public void SetTable(string id, FakeTable table) => tables[id] = table;

    public FakeTable Table(string id) => tables[id];

    /// <summary>The next requests whose target contains <paramref name="match"/> get these faults, one each.</summary>
    public void FailNext(string match, params Fault[] once)
    {
        lock (faults) faults.Add((match, new Queue<Fault>(once), null));
    }

    public void FailAlways(string match, Fault fault)
    {
        lock (faults) faults.Add((match, new Queue<Fault>(), fault));
    }

    public int Count(string match) => Requests.Count(r => Uri.UnescapeDataString(r.Target).Contains(match, StringComparison.Ordinal));

    private FakeResponse Handle(FakeRequest request)
    {
        Fault? fault = null;
        lock (faults)
        {
            foreach (var (match, once, always) in faults)
            {
                if (!Uri.UnescapeDataString(request.Target).Contains(match, StringComparison.Ordinal)) continue;
                if (once.Count > 0)
                {
                    fault = once.Dequeue();
                    break;
                }

                if (always is not null)
                {
                    fault = always;
                    break;
                }
            }
        }

        var response = Route(request);
        return fault is { } f ? Apply(f, response) : response;
    }

    private static FakeResponse Apply(Fault fault, FakeResponse response)
    {
        var body = response.Body.Length;
        return fault switch
        {
            Fault.ServerError => FakeResponse.Text(500, "Internal Server Error", "<html><body>Er is iets misgegaan</body></html>", "text/html"),
            Fault.NotFound => FakeResponse.Text(404, "Not Found", "<html><body>Pagina niet gevonden</body></html>", "text/html"),
            Fault.Truncate => response with { SendOnly = body / 2 },
            Fault.LongerLength => response with { AnnouncedLength = body + 1000 },
            Fault.ShorterLength => response with { AnnouncedLength = body / 2 },
            Fault.SlowHeaders => response with { DelayHeaders = TimeSpan.FromSeconds(3) },
            Fault.StallBody => response with { SendOnly = body / 2, StallBody = TimeSpan.FromSeconds(3) },
            Fault.Atom => FakeResponse.Text(200, "OK", """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title type="text">TypedDataSet</title></feed>""",
                "application/atom+xml;type=feed;charset=utf-8"),
            _ => response,
        };
    }

    private FakeResponse Route(FakeRequest request)
    {
        var segments = request.Path.Trim('/').Split('/');
        // CBS's path case varies (odata/OData); the fake ignores it.
        if (segments.Length >= 3 && segments[1].Equals("odata", StringComparison.OrdinalIgnoreCase) &&
            (segments[0].Equals("ODataApi", StringComparison.OrdinalIgnoreCase) || segments[0].Equals("ODataFeed", StringComparison.OrdinalIgnoreCase)))
        {
            return OData(request, segments);
        }

        return files.TryGetValue(request.Target, out var file)
            ? FileResponse(request, file)
            : FakeResponse.Text(404, "Not Found", "<html><body>Pagina niet gevonden</body></html>", "text/html");
    }

    private FakeResponse OData(FakeRequest request, string[] segments)
    {
        var feed = segments[0].Equals("ODataFeed", StringComparison.OrdinalIgnoreCase);
        var id = segments[2];
        if (!tables.TryGetValue(id, out var table))
        {
            return FakeResponse.Text(404, "Not Found",
                """{"odata.error":{"code":"","message":{"lang":"en-US","value":"Resource not found for the segment '""" + id + """'."}}}""", "application/json;odata=minimalmetadata");
        }

        if (feed && request.Query.GetValueOrDefault("$format") != "json")
        {
            return FakeResponse.Text(200, "OK",
                $"""<?xml version="1.0" encoding="utf-8"?><feed xml:base="{Root}/ODataFeed/odata/{id}/" xmlns="http://www.w3.org/2005/Atom"><title type="text">{segments.ElementAtOrDefault(3)}</title></feed>""",
                "application/atom+xml;type=feed;charset=utf-8");
        }

        var set = segments.Length > 3 ? segments[3] : null;
        var metadata = $"{Root}/{segments[0]}/odata/{id}/$metadata#Cbs.OData.WebAPI.{set}";
        switch (set)
        {
            case "TableInfos":
                return Collection(metadata, [table.TableInfos], null);
            case "DataProperties":
                return Collection(metadata, table.DataProperties, null);
            case "TypedDataSet":
                {
                    var rows = table.Rows.Where(r => ODataFilter.Matches(request.Query.GetValueOrDefault("$filter"), r)).ToList();
                    if (!feed)
                    {
                        return rows.Count > ApiRowLimit
                            ? FakeResponse.Text(500, "Internal Server Error",
                                """{"odata.error":{"code":"","message":{"lang":"nl-NL","value":"De query levert meer dan 10000 records op. Gebruik de ODataFeed."}}}""", "application/json")
                            : Collection(metadata, rows, null);
                    }

                    var skip = int.Parse(request.Query.GetValueOrDefault("$skip", "0"), CultureInfo.InvariantCulture);
                    var page = rows.Skip(skip).Take(FeedPageSize).ToList();
                    string? next = null;
                    if (skip + page.Count < rows.Count)
                    {
                        // The feed's next link is the request itself plus $skip, absolute.
                        var target = string.Join('&', request.Target.Split('&').Where(p => !p.StartsWith("$skip=", StringComparison.Ordinal)));
                        next = $"{Root}{target}&$skip={skip + page.Count}";
                    }

                    return Collection(metadata, page, next);
                }

            default:
                return FakeResponse.Text(404, "Not Found", """{"odata.error":{"code":"","message":{"lang":"en-US","value":"No set '""" + set + """'."}}}""", "application/json");
        }
    }

    private static FakeResponse Collection(string metadata, IEnumerable<string> rows, string? nextLink)
    {
        var text = new StringBuilder();
        text.Append("{\"odata.metadata\":").Append(JsonSerializer.Serialize(metadata)).Append(",\"value\":[").AppendJoin(',', rows).Append(']');
        if (nextLink is not null) text.Append(",\"odata.nextLink\":").Append(JsonSerializer.Serialize(nextLink));
        text.Append('}');
        return FakeResponse.Text(200, "OK", text.ToString(), "application/json;odata=minimalmetadata;streaming=true;charset=utf-8");
    }

    private FakeResponse FileResponse(FakeRequest request, FakeFile file)
    {
        var lastModified = file.LastModified.ToString("R", CultureInfo.InvariantCulture);
        if (request.Header("If-None-Match") == file.ETag || (request.Header("If-None-Match") is null && request.Header("If-Modified-Since") == lastModified))
        {
            return new FakeResponse(304, "Not Modified", []) { Headers = { ["ETag"] = file.ETag } };
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = file.ContentType,
            ["ETag"] = file.ETag,
            ["Last-Modified"] = lastModified,
        };
        if (AcceptRanges) headers["Accept-Ranges"] = "bytes";
        var range = request.Header("Range");
        var ifRange = request.Header("If-Range");
        if (AcceptRanges && range is not null && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-') && (ifRange is null || ifRange == file.ETag || ifRange == lastModified))
        {
            var from = int.Parse(range["bytes=".Length..^1], CultureInfo.InvariantCulture);
            if (from < file.Content.Length)
            {
                headers["Content-Range"] = $"bytes {from}-{file.Content.Length - 1}/{file.Content.Length}";
                return new FakeResponse(206, "Partial Content", file.Content[from..]) { Headers = headers };
            }
        }

        if (Gzip && (request.Header("Accept-Encoding") ?? "").Contains("gzip", StringComparison.Ordinal))
        {
            using var compressed = new MemoryStream();
            using (var zip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true)) zip.Write(file.Content);
            headers["Content-Encoding"] = "gzip";
            headers.Remove("Accept-Ranges");
            return new FakeResponse(200, "OK", compressed.ToArray()) { Headers = headers };
        }

        return new FakeResponse(200, "OK", file.Content) { Headers = headers };
    }
}

/// <summary>
/// The part of OData v3 $filter that CBS clients use: eq/ne on padded keys, and/or, parentheses,
/// substring(), startswith(), substringof(). Keys compare with their padding, as at CBS.
/// </summary>
internal static class ODataFilter
{
    public static bool Matches(string? filter, string row)
    {
        if (string.IsNullOrWhiteSpace(filter)) return true;
        using var doc = JsonDocument.Parse(row);
        var tokens = Tokenise(filter);
        var position = 0;
        var result = Or(tokens, ref position, doc.RootElement);
        if (position != tokens.Count) throw new InvalidOperationException($"unexpected '{tokens[position]}' in $filter {filter}");
        return result;
    }

    private static bool Or(List<string> t, ref int p, JsonElement row)
    {
        var value = And(t, ref p, row);
        while (p < t.Count && t[p] == "or")
        {
            p++;
            value |= And(t, ref p, row);
        }

        return value;
    }

    private static bool And(List<string> t, ref int p, JsonElement row)
    {
        var value = Primary(t, ref p, row);
        while (p < t.Count && t[p] == "and")
        {
            p++;
            value &= Primary(t, ref p, row);
        }

        return value;
    }

    private static bool Primary(List<string> t, ref int p, JsonElement row)
    {
        if (t[p] == "(")
        {
            p++;
            var inner = Or(t, ref p, row);
            Expect(t, ref p, ")");
            return inner;
        }

        var left = Value(t, ref p, row);
        if (left is bool b) return b;
        var op = t[p++];
        var right = Value(t, ref p, row);
        return op switch
        {
            "eq" => Equals(left, right),
            "ne" => !Equals(left, right),
            _ => throw new InvalidOperationException($"operator '{op}' is not supported by the fake"),
        };
    }

    private static object? Value(List<string> t, ref int p, JsonElement row)
    {
        var token = t[p++];
        if (token.StartsWith('\'')) return token[1..^1].Replace("''", "'", StringComparison.Ordinal);
        if (char.IsAsciiDigit(token[0])) return int.Parse(token, CultureInfo.InvariantCulture);
        if (p < t.Count && t[p] == "(")
        {
            p++;
            var args = new List<object?>();
            while (t[p] != ")")
            {
                args.Add(Value(t, ref p, row));
                if (t[p] == ",") p++;
            }

            p++;
            return token switch
            {
                "substring" when args[0] is string s && args[1] is int start && args[2] is int length =>
                    start >= s.Length ? "" : s.Substring(start, Math.Min(length, s.Length - start)),
                "startswith" => args[0] is string s && args[1] is string prefix && s.StartsWith(prefix, StringComparison.Ordinal),
                "substringof" => args[1] is string s && args[0] is string part && s.Contains(part, StringComparison.Ordinal),
                _ => throw new InvalidOperationException($"function '{token}' is not supported by the fake"),
            };
        }

        return row.TryGetProperty(token, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText() : null;
    }

    private static void Expect(List<string> t, ref int p, string token)
    {
        if (p >= t.Count || t[p] != token) throw new InvalidOperationException($"expected '{token}' in $filter");
        p++;
    }

    private static List<string> Tokenise(string text)
    {
        var tokens = new List<string>();
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')' or ',')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (c == '\'')
            {
                var j = i + 1;
                while (j < text.Length && !(text[j] == '\'' && (j + 1 >= text.Length || text[j + 1] != '\''))) j += text[j] == '\'' ? 2 : 1;
                tokens.Add(text[i..(j + 1)]);
                i = j + 1;
            }
            else
            {
                var j = i;
                while (j < text.Length && (char.IsLetterOrDigit(text[j]) || text[j] is '_' or '.')) j++;
                if (j == i) throw new InvalidOperationException($"unexpected '{c}' in $filter");
                tokens.Add(text[i..j]);
                i = j;
            }
        }

        return tokens;
    }
}
