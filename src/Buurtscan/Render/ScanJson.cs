using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Buurtscan.Diff;
using Buurtscan.Domain;
using Buurtscan.Resolve;

namespace Buurtscan.Render;

/// <summary>The JSON form of a scan (`scan.json`), the input of `buurtscan diff`.</summary>
public static class ScanJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // One converter per enum: the generic converter needs no code made at run time (the executable is compiled
        // ahead of time); a test checks that every enum of these records is here.
        Converters =
        {
            new JsonStringEnumConverter<Level>(JsonNamingPolicy.KebabCaseLower),
            new JsonStringEnumConverter<Division>(JsonNamingPolicy.KebabCaseLower),
            new JsonStringEnumConverter<IndicatorKind>(JsonNamingPolicy.KebabCaseLower),
            new JsonStringEnumConverter<Direction>(JsonNamingPolicy.KebabCaseLower),
            new JsonStringEnumConverter<Status>(JsonNamingPolicy.KebabCaseLower),
            new JsonStringEnumConverter<FigureStatus>(JsonNamingPolicy.KebabCaseLower),
            new JsonStringEnumConverter<Classification>(JsonNamingPolicy.KebabCaseLower),
            new JsonStringEnumConverter<ChangeKind>(JsonNamingPolicy.KebabCaseLower),
            new JsonStringEnumConverter<ChangeNature>(JsonNamingPolicy.KebabCaseLower),
            new JsonStringEnumConverter<DiffNoteKind>(JsonNamingPolicy.KebabCaseLower),
        },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
        // Every type is (de)serialised through code generated at compile time: a third of the time of reflection,
        // and what an executable compiled ahead of time needs. A build writes scan.json and manifest.json with
        // ScanJsonWriter, which a test holds to these options' output.
        TypeInfoResolver = ScanJsonTypes.Default,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Info<T>()) + "\n";

    public static Scan Deserialize(string json) =>
        JsonSerializer.Deserialize(json, Info<Scan>()) ?? throw new JsonException("scan.json is empty");

    /// <summary>The generated contract of <typeparamref name="T"/> under <paramref name="options"/> (default <see cref="Options"/>); throws for a type that is not in <see cref="ScanJsonTypes"/>.</summary>
    public static JsonTypeInfo<T> Info<T>(JsonSerializerOptions? options = null) => (JsonTypeInfo<T>)(options ?? Options).GetTypeInfo(typeof(T));
}

/// <summary>The types buurtscan reads and writes as JSON, whose serialisation code is generated at compile time.</summary>
[JsonSerializable(typeof(Scan))]
[JsonSerializable(typeof(Buurtscan.Build.Manifest))]
[JsonSerializable(typeof(Change))]
[JsonSerializable(typeof(RunSummary))]
[JsonSerializable(typeof(IReadOnlyList<DiffNote>))]
[JsonSerializable(typeof(Buurtscan.Fetch.FetchManifest))]
[JsonSerializable(typeof(string))]
internal sealed partial class ScanJsonTypes : JsonSerializerContext;
