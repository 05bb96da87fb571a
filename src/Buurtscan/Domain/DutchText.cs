using System.Globalization;

namespace Buurtscan.Domain;

/// <summary>
/// Writing Dutch, for every stage that words text: the chapter, the change report, and the rules and reasons the
/// resolve stage gives ("bedekt 63,1% van FB"). Built by hand, so that output does not depend on the machine's
/// culture data.
/// </summary>
public static class DutchText
{
    /// <summary>Numbers the Dutch way: 1.485; 19,2.</summary>
    public static readonly NumberFormatInfo Numbers = new()
    {
        NumberDecimalSeparator = ",",
        NumberGroupSeparator = ".",
        NumberGroupSizes = [3],
        NegativeSign = "-",
        PercentDecimalSeparator = ",",
        PercentGroupSeparator = ".",
    };

    /// <summary>A list as Dutch writes it: "a", "a en b", "a, b en c".</summary>
    public static string Join(IReadOnlyList<string> parts) =>
        parts.Count <= 1 ? string.Concat(parts) : string.Join(", ", parts.Take(parts.Count - 1)) + " en " + parts[^1];

    /// <summary>A label inside a sentence: "Inwoners" becomes "inwoners"; "WOZ-waarde" keeps its capitals.</summary>
    public static string LowerFirst(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLower(text[0], CultureInfo.InvariantCulture) + text[1..] : text;
}
