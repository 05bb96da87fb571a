using System.Globalization;
using Buurtscan.Domain;

namespace Buurtscan.Import;

/// <summary>How a source writes its numbers.</summary>
public enum NumberStyle
{
    /// <summary>Decimal point, no thousands separator (StatLine's classic CSV, BBGA); a lone comma is a decimal comma.</summary>
    Point,
    /// <summary>Decimal comma, no thousands separator (R write.csv2, the table layout).</summary>
    Comma,
    /// <summary>Dutch display format: `.` groups thousands, `,` is the decimal separator (StatLine's newer CSV).</summary>
    Dutch,
}

/// <summary>Turns a source cell into a value or the reason why there is none. Never guesses a zero.</summary>
public static class Numbers
{
    public static (double? Value, Status Status) ParseCell(ReadOnlySpan<char> raw, NumberStyle style, string file, int line, string field)
    {
        var s = raw.Trim();
        if (s.IsEmpty || s is "." || s is "NA" || s is "x" || s is "-" || s is "?")
        {
            return (null, s is "x" ? Status.Suppressed : Status.Missing);
        }

        if (!TryParse(s, style, out var value))
        {
            throw new InputException(file, line, $"'{s.ToString()}' is not a number (expected a number, '.' or an empty cell)", field);
        }

        // CBS marks values it will not give with negative sentinels in the numeric columns.
        return value switch
        {
            -99997 => (null, Status.Suppressed),
            -99995 => (null, Status.Later),
            -99991 => (null, Status.NotAtLevel),
            -99999 => (null, Status.Missing),
            _ => (value, Status.Ok),
        };
    }

    public static bool TryParse(ReadOnlySpan<char> s, NumberStyle style, out double value)
    {
        switch (style)
        {
            case NumberStyle.Dutch:
                {
                    Span<char> buffer = stackalloc char[s.Length];
                    var n = 0;
                    foreach (var c in s)
                    {
                        if (c == '.') continue;
                        buffer[n++] = c == ',' ? '.' : c;
                    }

                    return double.TryParse(buffer[..n], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
                }

            case NumberStyle.Comma:
            case NumberStyle.Point when s.Contains(',') && !s.Contains('.'):
                {
                    Span<char> buffer = stackalloc char[s.Length];
                    s.CopyTo(buffer);
                    buffer.Replace(',', '.');
                    return double.TryParse(buffer, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value);
                }

            default:
                return double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value);
        }
    }
}
