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
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options) + "\n";

    public static Scan Deserialize(string json) =>
        JsonSerializer.Deserialize<Scan>(json, Options) ?? throw new JsonException("scan.json is empty");
}
