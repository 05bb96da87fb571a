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
/// tenth of a second of CPU time in a scan of 1.3 s. Property and enum names are encoded once, so that warm it is
/// no slower than the serializer either (FB08's scan.json in 1.3-2.2 ms against 1.9-2.3 ms). A test holds these
/// bytes to the serializer's own output for the example data and the real data, so the two cannot drift apart;
/// reading (`buurtscan diff`) still goes through the serializer.
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

    private static readonly JsonEncodedText[] Kinds = Names<Domain.IndicatorKind>();
    private static readonly JsonEncodedText[] Directions = Names<Domain.Direction>();
    private static readonly JsonEncodedText[] Statuses = Names<FigureStatus>();
    private static readonly JsonEncodedText[] Levels = Names<Domain.Level>();
    private static readonly JsonEncodedText[] DivisionNames = Names<Domain.Division>();
    private static readonly JsonEncodedText[] Classifications = Names<Classification>();

    /// <summary>A buffer per thread, kept between files: a scan.json is half a megabyte, and growing a fresh buffer to that size copies it several times.</summary>
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? buffer;

    public static string Write(Scan scan) => Write(writer => Scan(writer, scan));

    public static string Write(Manifest manifest) => Write(writer => Manifest(writer, manifest));

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var output = buffer ??= new ArrayBufferWriter<byte>(64 * 1024);
        output.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(output, WriterOptions)) write(writer);
        output.Write("\n"u8);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static void Scan(Utf8JsonWriter w, Scan s)
    {
        w.WriteStartObject();
        w.WriteString("schemaVersion"u8, s.SchemaVersion);
        w.WriteString("toolVersion"u8, s.ToolVersion);
        w.WriteBoolean("exampleData"u8, s.ExampleData);
        w.WritePropertyName("focus"u8);
        Focus(w, s.Focus);
        Array(w, "themes"u8, s.Themes, Theme);
        Array(w, "gaps"u8, s.Gaps, Gap);
        Array(w, "sources"u8, s.Sources, Source);
        Array(w, "boundaryWeights"u8, s.BoundaryWeights, BoundaryWeight);
        w.WritePropertyName("method"u8);
        Method(w, s.Method);
        w.WriteEndObject();
    }

    private static void Focus(Utf8JsonWriter w, FocusArea f)
    {
        w.WriteStartObject();
        w.WriteString("code"u8, f.Code);
        w.WriteString("cbsCode"u8, f.CbsCode);
        w.WriteString("name"u8, f.Name);
        w.WriteString("slug"u8, f.Slug);
        Enum(w, "level"u8, Levels, (int)f.Level);
        Number(w, "areaM2"u8, f.AreaM2);
        Array(w, "chain"u8, f.Chain, (w, c) =>
        {
            w.WriteStartObject();
            Enum(w, "level"u8, Levels, (int)c.Level);
            w.WriteString("code"u8, c.Code);
            w.WriteString("cbsCode"u8, c.CbsCode);
            w.WriteString("name"u8, c.Name);
            w.WriteEndObject();
        });
        Array(w, "parts"u8, f.Parts, (w, p) =>
        {
            w.WriteStartObject();
            w.WriteString("code"u8, p.Code);
            w.WriteString("name"u8, p.Name);
            w.WriteNumber("weight"u8, p.Weight);
            w.WriteEndObject();
        });
        w.WriteString("definition"u8, f.Definition);
        w.WriteEndObject();
    }

    private static void Theme(Utf8JsonWriter w, ThemeSection t)
    {
        w.WriteStartObject();
        w.WriteString("id"u8, t.Id);
        w.WriteString("title"u8, t.Title);
        Array(w, "figures"u8, t.Figures, Figure);
        w.WriteEndObject();
    }

    private static void Figure(Utf8JsonWriter w, Figure f)
    {
        w.WriteStartObject();
        w.WriteString("indicatorId"u8, f.IndicatorId);
        w.WriteString("label"u8, f.Label);
        w.WriteString("unit"u8, f.Unit);
        Enum(w, "kind"u8, Kinds, (int)f.Kind);
        Enum(w, "direction"u8, Directions, (int)f.Direction);
        Number(w, "year"u8, f.Year);
        Number(w, "value"u8, f.Value);
        Enum(w, "status"u8, Statuses, (int)f.Status);
        Enum(w, "level"u8, Levels, (int?)f.Level);
        w.WriteString("areaCode"u8, f.AreaCode);
        w.WriteString("areaName"u8, f.AreaName);
        w.WriteString("reason"u8, f.Reason);
        w.WriteString("rule"u8, f.Rule);
        Number(w, "index"u8, f.Index);
        Array(w, "comparisons"u8, f.Comparisons, (w, c) =>
        {
            w.WriteStartObject();
            Enum(w, "level"u8, Levels, (int)c.Level);
            w.WriteString("code"u8, c.Code);
            w.WriteString("name"u8, c.Name);
            Number(w, "value"u8, c.Value);
            Enum(w, "status"u8, Statuses, (int)c.Status);
            w.WriteString("note"u8, c.Note);
            w.WriteEndObject();
        });
        Array(w, "sources"u8, f.Sources, (w, s) => w.WriteStringValue(s));
        w.WritePropertyName("ranking"u8);
        if (f.Ranking is { } r)
        {
            w.WriteStartObject();
            w.WriteNumber("rank"u8, r.Rank);
            w.WriteNumber("of"u8, r.Of);
            w.WriteNumber("percentile"u8, r.Percentile);
            w.WriteNumber("buurtMean"u8, r.BuurtMean);
            w.WriteNumber("buurtSd"u8, r.BuurtSd);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNullValue();
        }

        Array(w, "series"u8, f.Series, YearValue);
        Array(w, "citySeries"u8, f.CitySeries, YearValue);
        w.WritePropertyName("trend"u8);
        if (f.Trend is { } t)
        {
            w.WriteStartObject();
            w.WriteNumber("fromYear"u8, t.FromYear);
            w.WriteNumber("toYear"u8, t.ToYear);
            w.WriteNumber("change"u8, t.Change);
            Number(w, "cityChange"u8, t.CityChange);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNullValue();
        }

        Enum(w, "classification"u8, Classifications, (int)f.Classification);
        w.WriteString("classificationNote"u8, f.ClassificationNote);
        Array(w, "neighbourhood"u8, f.Neighbourhood, (w, a) =>
        {
            w.WriteStartObject();
            w.WriteString("code"u8, a.Code);
            w.WriteString("name"u8, a.Name);
            Number(w, "value"u8, a.Value);
            Enum(w, "status"u8, Statuses, (int)a.Status);
            w.WriteEndObject();
        });
        w.WriteString("definition"u8, f.Definition);
        w.WriteString("theme"u8, f.Theme);
        w.WriteBoolean("key"u8, f.Key);
        w.WriteEndObject();
    }

    private static void YearValue(Utf8JsonWriter w, YearValue y)
    {
        w.WriteStartObject();
        w.WriteNumber("year"u8, y.Year);
        Number(w, "value"u8, y.Value);
        Enum(w, "status"u8, Statuses, (int)y.Status);
        w.WriteEndObject();
    }

    private static void Gap(Utf8JsonWriter w, Gap g)
    {
        w.WriteStartObject();
        w.WriteString("indicatorId"u8, g.IndicatorId);
        w.WriteString("label"u8, g.Label);
        w.WriteString("theme"u8, g.Theme);
        Enum(w, "levelUsed"u8, Levels, (int?)g.LevelUsed);
        w.WriteString("reason"u8, g.Reason);
        w.WriteEndObject();
    }

    private static void Source(Utf8JsonWriter w, ScanSource s)
    {
        w.WriteStartObject();
        w.WriteString("path"u8, s.Path);
        w.WriteString("sha256"u8, s.Sha256);
        w.WriteString("format"u8, s.Format);
        w.WriteString("table"u8, s.Table);
        w.WriteString("publisher"u8, s.Publisher);
        w.WriteString("licence"u8, s.Licence);
        w.WriteString("referenceDate"u8, s.ReferenceDate);
        w.WriteEndObject();
    }

    private static void BoundaryWeight(Utf8JsonWriter w, BoundaryWeight b)
    {
        w.WriteStartObject();
        w.WriteString("fromCode"u8, b.FromCode);
        Enum(w, "fromDivision"u8, DivisionNames, (int)b.FromDivision);
        w.WriteString("toCode"u8, b.ToCode);
        w.WriteNumber("weight"u8, b.Weight);
        w.WriteString("basis"u8, b.Basis);
        w.WriteEndObject();
    }

    private static void Method(Utf8JsonWriter w, Method m)
    {
        w.WriteStartObject();
        w.WriteNumber("strengthThresholdSd"u8, m.StrengthThresholdSd);
        w.WriteNumber("minDenominatorForShare"u8, m.MinDenominatorForShare);
        w.WriteNumber("minCountForComputed"u8, m.MinCountForComputed);
        w.WriteString("indexBase"u8, m.IndexBase);
        w.WriteString("classification"u8, m.Classification);
        w.WriteString("disclosure"u8, m.Disclosure);
        w.WriteEndObject();
    }

    private static void Manifest(Utf8JsonWriter w, Manifest m)
    {
        w.WriteStartObject();
        w.WriteString("tool"u8, m.Tool);
        w.WriteString("version"u8, m.Version);
        w.WriteString("schemaVersion"u8, m.SchemaVersion);
        w.WriteStartObject("parameters"u8);
        w.WriteString("buurt"u8, m.Parameters.Buurt);
        w.WriteString("areaCode"u8, m.Parameters.AreaCode);
        w.WriteString("data"u8, m.Parameters.Data);
        w.WriteString("profile"u8, m.Parameters.Profile);
        w.WriteEndObject();
        Array(w, "inputs"u8, m.Inputs, (w, i) =>
        {
            w.WriteStartObject();
            w.WriteString("path"u8, i.Path);
            w.WriteString("sha256"u8, i.Sha256);
            w.WriteString("format"u8, i.Format);
            w.WriteEndObject();
        });
        w.WriteEndObject();
    }

    /// <summary>An array of records (or strings): reference types only, so that one copy of this code, compiled ahead of time, serves them all.</summary>
    private static void Array<T>(Utf8JsonWriter w, ReadOnlySpan<byte> name, IReadOnlyList<T> items, Action<Utf8JsonWriter, T> item)
        where T : class
    {
        w.WriteStartArray(name);
        foreach (var x in items) item(w, x);
        w.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter w, ReadOnlySpan<byte> name, double? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    private static void Number(Utf8JsonWriter w, ReadOnlySpan<byte> name, int? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    /// <summary>An enum value as <see cref="ScanJson.Options"/> writes it: its name in kebab case, looked up by number.</summary>
    private static void Enum(Utf8JsonWriter w, ReadOnlySpan<byte> name, JsonEncodedText[] names, int? value)
    {
        if (value is { } v) w.WriteString(name, names[v]);
        else w.WriteNull(name);
    }

    /// <summary>The names of an enum's values in kebab case, by number (the enums of a scan are numbered from 0).</summary>
    private static JsonEncodedText[] Names<T>()
        where T : struct, System.Enum
    {
        var values = System.Enum.GetValues<T>();
        var names = new JsonEncodedText[values.Length];
        foreach (var value in values)
        {
            var index = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
            if (index < 0 || index >= names.Length) throw new InvalidOperationException($"{typeof(T).Name} is not numbered from 0");
            names[index] = JsonEncodedText.Encode(JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString()), WriterOptions.Encoder);
        }

        return names;
    }
}
