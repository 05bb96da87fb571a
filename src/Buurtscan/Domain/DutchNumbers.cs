using System.Globalization;

namespace Buurtscan.Domain;

/// <summary>
/// The Dutch way of writing numbers (1.485; 19,2), built by hand so that output does not depend on the machine's
/// culture data. Every stage that writes Dutch text uses it: the chapter, and the rules and notes the resolve stage
/// words ("bedekt 63,1% van FB").
/// </summary>
public static class DutchNumbers
{
    public static readonly NumberFormatInfo Format = new()
    {
        NumberDecimalSeparator = ",",
        NumberGroupSeparator = ".",
        NumberGroupSizes = [3],
        NegativeSign = "-",
        PercentDecimalSeparator = ",",
        PercentGroupSeparator = ".",
    };
}
