using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Buurtscan.Resolve;

namespace Buurtscan.Render;

/// <summary>The JSON form of a scan (`scan.json`), the input of `buurtscan diff`.</summary>
public static class ScanJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
        // scan.json and manifest.json are read (by `buurtscan diff`) through code generated at compile time, a third
        // of the time of reflection; a build writes them with ScanJsonWriter, which a test holds to these options'
        // output. Anything else, such as the diff's reports, by reflection.
        TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine(
            ScanJsonTypes.Default, new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver()),
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options) + "\n";

    public static Scan Deserialize(string json) =>
        JsonSerializer.Deserialize<Scan>(json, Options) ?? throw new JsonException("scan.json is empty");
}

/// <summary>The types of `scan.json` and `manifest.json`, whose serialisation code is generated at compile time.</summary>
[JsonSerializable(typeof(Scan))]
[JsonSerializable(typeof(Buurtscan.Build.Manifest))]
[JsonSerializable(typeof(string))]
internal sealed partial class ScanJsonTypes : JsonSerializerContext;
