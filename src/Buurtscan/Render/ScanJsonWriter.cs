using System.Buffers;
using System.Text;
using System.Text.Json;
using Buurtscan.Build;
using Buurtscan.Resolve;

namespace Buurtscan.Render;

/// <summary>
/// `scan.json` and `manifest.json`, written field by field with the writer settings of <see cref="ScanJson.Options"/>.
/// The serializer's generated code instantiates its generic metadata for every enum and number type it meets,
/// and that code cannot be compiled ahead of time with buurtscan: about 750 methods compiled on every run, a
/// tenth of a second of CPU time in a scan of 1.3 s. A test holds these bytes to the serializer's own output for
/// the example data and the real data, so the two cannot drift apart; reading (`buurtscan diff`) still goes
/// through the serializer.
/// </summary>
public static class ScanJsonWriter
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = ScanJson.Options.Encoder,
        NewLine = ScanJson.Options.NewLine,
        IndentSize = ScanJson.Options.IndentSize,
        IndentCharacter = ScanJson.Options.IndentCharacter,
    };

    public static string Write(Scan scan) => Write(writer => Scan(writer, scan));

    public static string Write(Manifest manifest) => Write(writer => Manifest(writer, manifest));

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions)) write(writer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    private static void Scan(Utf8JsonWriter w, Scan s)
    {
        w.WriteStartObject();
        w.WriteString("schemaVersion", s.SchemaVersion);
        w.WriteString("toolVersion", s.ToolVersion);
        w.WriteBoolean("exampleData", s.ExampleData);
        w.WritePropertyName("focus");
        Focus(w, s.Focus);
        Array(w, "themes", s.Themes, Theme);
        Array(w, "gaps", s.Gaps, Gap);
        Array(w, "sources", s.Sources, Source);
        Array(w, "boundaryWeights", s.BoundaryWeights, BoundaryWeight);
        w.WritePropertyName("method");
        Method(w, s.Method);
        w.WriteEndObject();
    }

    private static void Focus(Utf8JsonWriter w, FocusArea f)
    {
        w.WriteStartObject();
        w.WriteString("code", f.Code);
        w.WriteString("cbsCode", f.CbsCode);
        w.WriteString("name", f.Name);
        w.WriteString("slug", f.Slug);
        Enum(w, "level", f.Level);
        Number(w, "areaM2", f.AreaM2);
        Array(w, "chain", f.Chain, (w, c) =>
        {
            w.WriteStartObject();
            Enum(w, "level", c.Level);
            w.WriteString("code", c.Code);
            w.WriteString("cbsCode", c.CbsCode);
            w.WriteString("name", c.Name);
            w.WriteEndObject();
        });
        Array(w, "parts", f.Parts, (w, p) =>
        {
            w.WriteStartObject();
            w.WriteString("code", p.Code);
            w.WriteString("name", p.Name);
            w.WriteNumber("weight", p.Weight);
            w.WriteEndObject();
        });
        w.WriteString("definition", f.Definition);
        w.WriteEndObject();
    }

    private static void Theme(Utf8JsonWriter w, ThemeSection t)
    {
        w.WriteStartObject();
        w.WriteString("id", t.Id);
        w.WriteString("title", t.Title);
        Array(w, "figures", t.Figures, Figure);
        w.WriteEndObject();
    }

    private static void Figure(Utf8JsonWriter w, Figure f)
    {
        w.WriteStartObject();
        w.WriteString("indicatorId", f.IndicatorId);
        w.WriteString("label", f.Label);
        w.WriteString("unit", f.Unit);
        Enum(w, "kind", f.Kind);
        Enum(w, "direction", f.Direction);
        Number(w, "year", f.Year);
        Number(w, "value", f.Value);
        Enum(w, "status", f.Status);
        Enum(w, "level", f.Level);
        w.WriteString("areaCode", f.AreaCode);
        w.WriteString("areaName", f.AreaName);
        w.WriteString("reason", f.Reason);
        w.WriteString("rule", f.Rule);
        Number(w, "index", f.Index);
        Array(w, "comparisons", f.Comparisons, (w, c) =>
        {
            w.WriteStartObject();
            Enum(w, "level", c.Level);
            w.WriteString("code", c.Code);
            w.WriteString("name", c.Name);
            Number(w, "value", c.Value);
            Enum(w, "status", c.Status);
            w.WriteString("note", c.Note);
            w.WriteEndObject();
        });
        Array(w, "sources", f.Sources, (w, s) => w.WriteStringValue(s));
        w.WritePropertyName("ranking");
        if (f.Ranking is { } r)
        {
            w.WriteStartObject();
            w.WriteNumber("rank", r.Rank);
            w.WriteNumber("of", r.Of);
            w.WriteNumber("percentile", r.Percentile);
            w.WriteNumber("buurtMean", r.BuurtMean);
            w.WriteNumber("buurtSd", r.BuurtSd);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNullValue();
        }

        Array(w, "series", f.Series, YearValue);
        Array(w, "citySeries", f.CitySeries, YearValue);
        w.WritePropertyName("trend");
        if (f.Trend is { } t)
        {
            w.WriteStartObject();
            w.WriteNumber("fromYear", t.FromYear);
            w.WriteNumber("toYear", t.ToYear);
            w.WriteNumber("change", t.Change);
            Number(w, "cityChange", t.CityChange);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNullValue();
        }

        Enum(w, "classification", f.Classification);
        w.WriteString("classificationNote", f.ClassificationNote);
        Array(w, "neighbourhood", f.Neighbourhood, (w, a) =>
        {
            w.WriteStartObject();
            w.WriteString("code", a.Code);
            w.WriteString("name", a.Name);
            Number(w, "value", a.Value);
            Enum(w, "status", a.Status);
            w.WriteEndObject();
        });
        w.WriteString("definition", f.Definition);
        w.WriteString("theme", f.Theme);
        w.WriteBoolean("key", f.Key);
        w.WriteEndObject();
    }

    private static void YearValue(Utf8JsonWriter w, YearValue y)
    {
        w.WriteStartObject();
        w.WriteNumber("year", y.Year);
        Number(w, "value", y.Value);
        Enum(w, "status", y.Status);
        w.WriteEndObject();
    }

    private static void Gap(Utf8JsonWriter w, Gap g)
    {
        w.WriteStartObject();
        w.WriteString("indicatorId", g.IndicatorId);
        w.WriteString("label", g.Label);
        w.WriteString("theme", g.Theme);
        Enum(w, "levelUsed", g.LevelUsed);
        w.WriteString("reason", g.Reason);
        w.WriteEndObject();
    }

    private static void Source(Utf8JsonWriter w, ScanSource s)
    {
        w.WriteStartObject();
        w.WriteString("path", s.Path);
        w.WriteString("sha256", s.Sha256);
        w.WriteString("format", s.Format);
        w.WriteString("table", s.Table);
        w.WriteString("publisher", s.Publisher);
        w.WriteString("licence", s.Licence);
        w.WriteString("referenceDate", s.ReferenceDate);
        w.WriteEndObject();
    }

    private static void BoundaryWeight(Utf8JsonWriter w, BoundaryWeight b)
    {
        w.WriteStartObject();
        w.WriteString("fromCode", b.FromCode);
        Enum(w, "fromDivision", b.FromDivision);
        w.WriteString("toCode", b.ToCode);
        w.WriteNumber("weight", b.Weight);
        w.WriteString("basis", b.Basis);
        w.WriteEndObject();
    }

    private static void Method(Utf8JsonWriter w, Method m)
    {
        w.WriteStartObject();
        w.WriteNumber("strengthThresholdSd", m.StrengthThresholdSd);
        w.WriteNumber("minDenominatorForShare", m.MinDenominatorForShare);
        w.WriteNumber("minCountForComputed", m.MinCountForComputed);
        w.WriteString("indexBase", m.IndexBase);
        w.WriteString("classification", m.Classification);
        w.WriteString("disclosure", m.Disclosure);
        w.WriteEndObject();
    }

    private static void Manifest(Utf8JsonWriter w, Manifest m)
    {
        w.WriteStartObject();
        w.WriteString("tool", m.Tool);
        w.WriteString("version", m.Version);
        w.WriteString("schemaVersion", m.SchemaVersion);
        w.WriteStartObject("parameters");
        w.WriteString("buurt", m.Parameters.Buurt);
        w.WriteString("areaCode", m.Parameters.AreaCode);
        w.WriteString("data", m.Parameters.Data);
        w.WriteString("profile", m.Parameters.Profile);
        w.WriteEndObject();
        Array(w, "inputs", m.Inputs, (w, i) =>
        {
            w.WriteStartObject();
            w.WriteString("path", i.Path);
            w.WriteString("sha256", i.Sha256);
            w.WriteString("format", i.Format);
            w.WriteEndObject();
        });
        w.WriteEndObject();
    }

    private static void Array<T>(Utf8JsonWriter w, string name, IReadOnlyList<T> items, Action<Utf8JsonWriter, T> item)
        where T : class
    {
        w.WriteStartArray(name);
        foreach (var x in items) item(w, x);
        w.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    private static void Number(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    /// <summary>An enum as <see cref="ScanJson.Options"/> writes it: its name in kebab case. Boxed, so that no code is generated per enum type.</summary>
    private static void Enum(Utf8JsonWriter w, string name, System.Enum? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString()));
    }
}
