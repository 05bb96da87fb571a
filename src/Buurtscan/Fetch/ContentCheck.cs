using System.IO.Compression;
using System.Text.Json;
using Buurtscan.Domain;
using Buurtscan.Import;

namespace Buurtscan.Fetch;

/// <summary>
/// Checks a downloaded body before it may replace the cached copy. HTTP catches a connection that closes
/// early, but not a server that announces too short a length or an error page sent with 200 OK; these
/// checks do. Each returns what is wrong, or null.
/// </summary>
internal static class ContentCheck
{
    public static Func<string, string?>? For(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".csv" => Csv,
        ".json" or ".geojson" => Json,
        ".zip" => Zip,
        _ => null,
    };

    /// <summary>Every record has the header's number of fields (StatLine's one-field footer excepted) and no quote is left open.</summary>
    public static string? Csv(string path)
    {
        string text;
        try
        {
            text = TextFile.Decode(File.ReadAllBytes(path), Path.GetFileName(path), out _);
        }
        catch (InputException e)
        {
            return e.Message;
        }

        if (LooksLikeMarkup(text)) return "the portal sent HTML or XML, not CSV";
        try
        {
            var csv = new CsvReader(text, Path.GetFileName(path), CsvReader.DetectDelimiter(text));
            if (!csv.Read()) return "the file is empty";
            var fields = csv.FieldCount;
            var records = 0;
            var footer = false;
            while (csv.Read())
            {
                if (footer) return $"line {csv.LineNumber} follows a one-field line";
                if (csv.FieldCount == 1 && fields > 1)
                {
                    footer = true;
                    continue;
                }

                if (csv.FieldCount != fields) return $"line {csv.LineNumber} has {csv.FieldCount} fields where the header has {fields}";
                records++;
            }

            return records == 0 ? "the file has a header but no records" : null;
        }
        catch (InputException e)
        {
            return e.Message;
        }
    }

    public static string? Json(string path)
    {
        var text = File.ReadAllText(path);
        if (LooksLikeMarkup(text)) return "the portal sent XML or HTML, not JSON";
        try
        {
            using var doc = JsonDocument.Parse(text);
            return null;
        }
        catch (JsonException e)
        {
            return $"not valid JSON: {e.Message}";
        }
    }

    /// <summary>
    /// The CBS feed answers in Atom XML unless the URL asks for JSON; another try will not change that, so
    /// it is reported at once. A cut-off page is retried.
    /// </summary>
    public static string? ODataPage(string path)
    {
        var text = File.ReadAllText(path);
        if (LooksLikeMarkup(text))
        {
            throw new FetchException($"{Path.GetFileName(path)}: the portal sent XML (Atom) or HTML instead of JSON; the URL in the sources file must ask for $format=json", ExitCodes.BadInput);
        }

        try
        {
            ODataJson.Read(text, Path.GetFileName(path));
            return null;
        }
        catch (InputException e)
        {
            return e.Message;
        }
    }

    /// <summary>The archive opens and every member reads to its end.</summary>
    public static string? Zip(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            foreach (var entry in zip.Entries)
            {
                using var member = entry.Open();
                member.CopyTo(Stream.Null);
            }

            return zip.Entries.Count == 0 ? "the archive is empty" : null;
        }
        catch (InvalidDataException e)
        {
            return $"not a readable zip archive: {e.Message}";
        }
    }

    private static bool LooksLikeMarkup(string text)
    {
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c == '\uFEFF') continue;
            return c == '<';
        }

        return false;
    }
}
