using System.Security.Cryptography;
using System.Text;
using Buurtscan.Domain;

namespace Buurtscan.Import;

/// <summary>A data file read into memory once: its bytes' hash, and its text in the encoding it really has.</summary>
public sealed record TextFile(string Path, string DisplayPath, string Text, string EncodingName, string Sha256)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static TextFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static TextFile Read(string path, string displayPath)
    {
        var bytes = File.ReadAllBytes(path);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return new TextFile(path, displayPath, Decode(bytes, displayPath, out var name), name, hash);
    }

    /// <summary>
    /// UTF-8 with or without BOM, else Windows-1252 (the city's older lookups). Binary content is refused
    /// here so that a spreadsheet saved with a .csv name gives a clear error instead of garbage values.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string displayPath, out string encodingName)
    {
        if (bytes.IndexOf((byte)0) >= 0)
        {
            throw new InputException(displayPath, 0, "this is a binary file, not text (expected a CSV or JSON file)");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            encodingName = "UTF-8 (BOM)";
            return StrictDecodeOrLatin(bytes[3..], ref encodingName);
        }

        encodingName = "UTF-8";
        return StrictDecodeOrLatin(bytes, ref encodingName);
    }

    private static string StrictDecodeOrLatin(ReadOnlySpan<byte> bytes, ref string encodingName)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            encodingName = "Windows-1252";
            return Encoding.GetEncoding(1252).GetString(bytes);
        }
    }

    /// <summary>The first line (up to the first line break outside quotes is not needed for sniffing).</summary>
    public string FirstLine
    {
        get
        {
            var end = Text.AsSpan().IndexOfAny('\r', '\n');
            return end < 0 ? Text : Text[..end];
        }
    }
}
