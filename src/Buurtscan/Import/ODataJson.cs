using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Buurtscan.Domain;

namespace Buurtscan.Import;

/// <summary>What a CBS OData v3 JSON file holds, judged from its first row.</summary>
public enum ODataKind
{
    None,
    /// <summary>One row describing the table: Identifier, Title, Period, Modified …</summary>
    TableInfos,
    /// <summary>The dimensions, topic groups and topics (Key, Title, Unit, Datatype …).</summary>
    DataProperties,
    /// <summary>The figures: one row per region (and period, category), keyed by WijkenEnBuurten.</summary>
    TypedDataSet,
}

/// <summary>One collection as CBS serves it, with the line of every row for error messages and source references.</summary>
public sealed record ODataCollection(IReadOnlyList<ODataRow> Rows, string? Metadata, string? NextLink)
{
    /// <summary>The table id named in `odata.metadata` (`…/odata/85984NED/$metadata#…`), if there is one.</summary>
    public string? TableId => Metadata is null ? null : ODataJson.TableIdFromUrl(Metadata);
}

/// <summary>A row of a collection and the physical line its object starts on.</summary>
public readonly record struct ODataRow(JsonElement Value, int Line);

/// <summary>
/// CBS OData v3 collections as JSON. The service wraps every collection as
/// `{"odata.metadata":"…","value":[…]}` (the feed adds `odata.nextLink`); saved copies made by the
/// cbsodata client keep only the bare `value` array. Both are read.
/// </summary>
public static partial class ODataJson
{
    private const int PeekBytes = 64 * 1024;

    /// <summary>
    /// Recognises a CBS OData file by the members of its first row, reading at most the first 64 KB so that
    /// sniffing a large data folder stays cheap.
    /// </summary>
    public static ODataKind Peek(string text)
    {
        var start = 0;
        while (start < text.Length && char.IsWhiteSpace(text[start])) start++;
        if (start == text.Length || (text[start] != '[' && text[start] != '{')) return ODataKind.None;

        var bytes = Encoding.UTF8.GetBytes(text[start..Math.Min(text.Length, start + PeekBytes)]);
        var reader = new Utf8JsonReader(bytes, isFinalBlock: text.Length - start <= PeekBytes, new JsonReaderState());
        try
        {
            if (!reader.Read()) return ODataKind.None;
            if (reader.TokenType == JsonTokenType.StartObject && !SeekValueArray(ref reader)) return ODataKind.None;
            if (reader.TokenType != JsonTokenType.StartArray || !reader.Read() || reader.TokenType != JsonTokenType.StartObject) return ODataKind.None;

            var names = new HashSet<string>(StringComparer.Ordinal);
            string? odataType = null;
            var depth = reader.CurrentDepth;
            while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != depth + 1) continue;
                var name = reader.GetString()!;
                names.Add(name);
                if (name == "odata.type" && reader.Read() && reader.TokenType == JsonTokenType.String) odataType = reader.GetString();
            }

            if (odataType is not null && odataType.StartsWith("Cbs.OData.", StringComparison.Ordinal) && names.Contains("Key")) return ODataKind.DataProperties;
            if (names.Contains("Identifier") && names.Contains("Title") && (names.Contains("Modified") || names.Contains("Period"))) return ODataKind.TableInfos;
            if (names.Contains("WijkenEnBuurten") && !names.Contains("Key")) return ODataKind.TypedDataSet;
            return ODataKind.None;
        }
        catch (JsonException)
        {
            return ODataKind.None;
        }
    }

    /// <summary>Reads a whole collection into memory (metadata, pages). Bad JSON is an <see cref="InputException"/> naming the line.</summary>
    public static ODataCollection Read(string text, string displayPath)
    {
        var rows = new List<ODataRow>();
        var (metadata, nextLink) = Scan(text, displayPath, (row, line) => rows.Add(new ODataRow(row.Clone(), line)));
        return new ODataCollection(rows, metadata, nextLink);
    }

    /// <summary>
    /// Visits the rows one at a time, so that a national table (17,000 rows of 128 topics) is never held as
    /// objects all at once. The element passed is valid only during the call.
    /// </summary>
    public static (string? Metadata, string? NextLink) Scan(string text, string displayPath, Action<JsonElement, int> visit)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var lines = new LineCounter(bytes);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        string? metadata = null, nextLink = null;
        try
        {
            if (!reader.Read()) throw new InputException(displayPath, 1, "the file is empty (expected CBS OData JSON)");
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                VisitRows(ref reader, visit, lines, displayPath);
            }
            else if (reader.TokenType == JsonTokenType.StartObject)
            {
                var sawValue = false;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = reader.GetString();
                    reader.Read();
                    switch (name)
                    {
                        case "value" when reader.TokenType == JsonTokenType.StartArray:
                            VisitRows(ref reader, visit, lines, displayPath);
                            sawValue = true;
                            break;
                        case "odata.metadata" when reader.TokenType == JsonTokenType.String:
                            metadata = reader.GetString();
                            break;
                        case "odata.nextLink" when reader.TokenType == JsonTokenType.String:
                            nextLink = reader.GetString();
                            break;
                        default:
                            reader.Skip();
                            break;
                    }
                }

                if (!sawValue)
                {
                    throw new InputException(displayPath, 1, "expected a CBS OData collection: an object with a \"value\" array, or a bare array of rows");
                }
            }
            else
            {
                throw new InputException(displayPath, 1, "expected a CBS OData collection: an object with a \"value\" array, or a bare array of rows");
            }

            if (reader.Read()) throw new InputException(displayPath, lines.LineAt((int)reader.TokenStartIndex), "unexpected content after the end of the JSON document");
        }
        catch (JsonException e)
        {
            throw new InputException(displayPath, (int)(e.LineNumber ?? 0) + 1, $"not valid JSON (the file may be cut off): {FirstSentence(e.Message)}");
        }

        return (metadata, nextLink);
    }

    /// <summary>The `odata.metadata` URL near the start of a file, if there is one (without reading the rows).</summary>
    public static string? MetadataUrl(string text)
    {
        var m = MetadataPattern().Match(text, 0, Math.Min(text.Length, 4096));
        return m.Success ? m.Groups[1].Value : null;
    }

    /// <summary>The table id in a CBS OData URL (`…/odata/85984NED/…`), or null.</summary>
    public static string? TableIdFromUrl(string url)
    {
        var m = TableIdPattern().Match(url);
        return m.Success ? m.Groups[1].Value : null;
    }

    /// <summary>A string member of a row, trimmed (CBS pads codes and names to the column width), or null.</summary>
    public static string? String(JsonElement row, string name) =>
        row.ValueKind == JsonValueKind.Object && row.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()!.Trim() : null;

    /// <summary>An integer member of a row, or null.</summary>
    public static int? Int(JsonElement row, string name) =>
        row.ValueKind == JsonValueKind.Object && row.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    private static bool SeekValueArray(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            if (!reader.Read()) return false;
            if (name == "value") return reader.TokenType == JsonTokenType.StartArray;
            if (!reader.TrySkip()) return false;
        }

        return false;
    }

    private static void VisitRows(ref Utf8JsonReader reader, Action<JsonElement, int> visit, LineCounter lines, string displayPath)
    {
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var line = lines.LineAt((int)reader.TokenStartIndex);
            count++;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new InputException(displayPath, line, $"row {count} is a {reader.TokenType}, expected an object");
            }

            using var row = JsonDocument.ParseValue(ref reader);
            visit(row.RootElement, line);
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }

    /// <summary>Turns byte offsets into 1-based line numbers; offsets are asked in increasing order.</summary>
    private sealed class LineCounter(byte[] bytes)
    {
        private int offset;
        private int line = 1;

        public int LineAt(int target)
        {
            if (target < offset)
            {
                offset = 0;
                line = 1;
            }

            for (; offset < target && offset < bytes.Length; offset++)
            {
                if (bytes[offset] == (byte)'\n') line++;
            }

            return line;
        }
    }

    [GeneratedRegex(@"""odata\.metadata""\s*:\s*""([^""]*)""", RegexOptions.CultureInvariant)]
    private static partial Regex MetadataPattern();

    [GeneratedRegex(@"/odata/([0-9A-Za-z]+)(?:/|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TableIdPattern();
}
