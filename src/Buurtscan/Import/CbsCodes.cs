using System.Text.RegularExpressions;
using Buurtscan.Areas;
using Buurtscan.Domain;

namespace Buurtscan.Import;

/// <summary>CBS region codes (`GM0363`, `WK0363FB`, `BU0363FB08`, `NL00`) and the tables they come from.</summary>
public static partial class CbsCodes
{
    public static readonly AreaRef Nederland = new(Division.Indeling2022, "NL00");

    /// <summary>The area a CBS code names, or null when it is outside the registry (another gemeente, an unknown code).</summary>
    public static AreaRef? ToAreaRef(string cbsCode, AreaRegistry registry)
    {
        var code = cbsCode.Trim();
        if (code is "NL00" or "NL01") return Nederland; // not "NL": that is a wijk in Noord
        if (code.Equals("GM0363", StringComparison.OrdinalIgnoreCase)) return BoundaryReaders.Amsterdam;
        if (registry.FindByCbsCode(code) is { } area) return area.Ref;
        // The 2022 scheme is self-describing, so figures stay usable even without that division's boundaries.
        var m = NewScheme().Match(code);
        return m.Success ? new AreaRef(Division.Indeling2022, m.Groups[2].Value + m.Groups[3].Value) : null;
    }

    /// <summary>
    /// The CBS buurt code of a 2015 buurt: `F78a` → `BU03637800` (the buurtcombinatie's two digits, then the
    /// letter as a two-digit index, a=00, b=01…). Null for a code that is not of that shape.
    /// </summary>
    public static string? BuurtCode2015(string code)
    {
        var c = code.Trim();
        return c.Length == 4 && char.IsAsciiLetterUpper(c[0]) && char.IsAsciiDigit(c[1]) && char.IsAsciiDigit(c[2]) && char.IsAsciiLetterLower(c[3])
            ? $"BU0363{c[1]}{c[2]}{c[3] - 'a':00}"
            : null;
    }

    /// <summary>The CBS wijk code of a 2015 buurtcombinatie: `F78` → `WK036378`.</summary>
    public static string? WijkCode2015(string code)
    {
        var c = code.Trim();
        return c.Length == 3 && char.IsAsciiLetterUpper(c[0]) && char.IsAsciiDigit(c[1]) && char.IsAsciiDigit(c[2]) ? $"WK0363{c[1]}{c[2]}" : null;
    }

    /// <summary>The StatLine table id of each year's Kerncijfers wijken en buurten.</summary>
    public static string KwbTableId(int year) => year switch
    {
        2013 => "82339NED",
        2014 => "82931NED",
        2015 => "83220NED",
        2016 => "83487NED",
        2017 => "83765NED",
        2018 => "84286NED",
        2019 => "84583NED",
        2020 => "84799NED",
        2021 => "85039NED",
        2022 => "85318NED",
        2023 => "85618NED",
        2024 => "85984NED",
        _ => "onbekend",
    };

    [GeneratedRegex("^(BU|WK)0363([A-Z]{2})([0-9]{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex NewScheme();
}
