using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Buurtscan.Areas;
using Buurtscan.Catalogue;
using Buurtscan.Domain;

namespace Buurtscan.Import;

/// <summary>OIS area codes (BBGA, statistieken, Gebied in beeld) → areas of the registry.</summary>
public static partial class OisCodes
{
    /// <summary>
    /// The area an OIS code names in a division. `STAD` and `0363` are the gemeente; BBGA's `Z`/`ZX99` ("onbekend")
    /// give `unknown` = true. Codes not in the registry are accepted when the registry has no boundaries
    /// of that division at all (the codes describe themselves), and refused otherwise.
    /// </summary>
    public static AreaRef? Resolve(string code, Division division, AreaRegistry registry, out bool unknown)
    {
        unknown = false;
        if (code is "STAD" or "0363") return BoundaryReaders.Amsterdam;
        if (code is "Z" or "ZX99" or "ZZ99")
        {
            unknown = true;
            return null;
        }

        var area = new AreaRef(division, code);
        if (registry.Find(area) is not null) return area;
        return LevelOf(code, division) is not null && !registry.All.Any(a => a.Division == division && a.Level < Level.Gemeente) ? area : null;
    }

    /// <summary>The level a code's shape gives away, or null for a code of neither scheme.</summary>
    public static Level? LevelOf(string code, Division division)
    {
        if (code is "STAD" or "0363") return Level.Gemeente;
        if (code.Length == 1 && char.IsAsciiLetterUpper(code[0])) return Level.Stadsdeel;
        return division == Division.Indeling2015
            ? Gebied2015().IsMatch(code) ? Level.Gebied : Buurt2015().IsMatch(code) ? Level.Buurt : Wijk2015().IsMatch(code) ? Level.Wijk : null
            : Gebied2022().IsMatch(code) ? Level.Gebied : Buurt2022().IsMatch(code) ? Level.Buurt : Wijk2022().IsMatch(code) ? Level.Wijk : null;
    }

    [GeneratedRegex("^DX[0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex Gebied2015();

    [GeneratedRegex("^[A-Z][0-9]{2}[a-z]$", RegexOptions.CultureInvariant)]
    private static partial Regex Buurt2015();

    [GeneratedRegex("^[A-Z][0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex Wijk2015();

    [GeneratedRegex("^G[A-Z][0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex Gebied2022();

    [GeneratedRegex("^[A-Z]{2}[0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex Buurt2022();

    [GeneratedRegex("^[A-Z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex Wijk2022();
}

/// <summary>
/// Caches of what a long file repeats millions of times (area codes, variable names), looked up by the
/// characters of a field so that a row costs no allocation.
/// </summary>
internal sealed class LongFileState(string file, IndicatorCatalogue catalogue)
{
    /// <summary>What a variable name maps to, and how many rows had it (for the report of what was not read).</summary>
    private sealed class VariableEntry(OisMapping? mapping, int edition)
    {
        public OisMapping? Mapping { get; } = mapping;
        public int Edition { get; } = edition;
        public int Rows { get; set; }
    }

    /// <summary>The area of a code, and how many rows had it when it is not used.</summary>
    private sealed class AreaEntry(AreaRef? area, bool onbekend)
    {
        public AreaRef? Area { get; } = area;
        public bool Onbekend { get; } = onbekend;
        public int Rows { get; set; }
    }

    private readonly Utf8Cache<VariableEntry> variables = new();
    private readonly Utf8Cache<AreaEntry> areas = new();

    public List<Observation> Observations { get; } = [];
    public List<Forecast> Forecasts { get; } = [];
    public HashSet<int> Years { get; } = [];

    /// <summary>The years read, as the list of sources shows them: up to three named, more as a range.</summary>
    public string ReferenceYears()
    {
        var years = Years.Order().ToList();
        return years.Count switch
        {
            0 => "",
            <= 3 => string.Join(", ", years),
            _ => $"{years[0]}–{years[^1]}",
        };
    }

    /// <summary>The catalogue entry of a variable: one lookup on the field's bytes per row, the catalogue asked once per distinct name.</summary>
    public (OisMapping? Mapping, int Edition) Variable(ReadOnlySpan<byte> name)
    {
        var entry = variables.Find(name);
        if (entry is null)
        {
            var text = Encoding.UTF8.GetString(name);
            entry = new VariableEntry(catalogue.ForOisVariable(text, out var edition), edition);
            variables.Add(name, entry);
        }

        entry.Rows++;
        return (entry.Mapping, entry.Edition);
    }

    /// <summary>The area of a code (its bytes; the key may carry a prefix), resolved once per distinct key; rows of unknown codes are counted.</summary>
    public AreaRef? Area(ReadOnlySpan<byte> key, Func<string, (AreaRef? Area, bool Onbekend)> resolve)
    {
        var entry = areas.Find(key);
        if (entry is null)
        {
            var (area, onbekend) = resolve(Encoding.UTF8.GetString(key));
            entry = new AreaEntry(area, onbekend);
            areas.Add(key, entry);
        }

        if (entry.Area is null) entry.Rows++;
        return entry.Area;
    }

    public void Add(OisMapping mapping, int edition, AreaRef area, int year, ReadOnlySpan<byte> value, bool decimalComma, int line, string field)
    {
        Years.Add(year);
        var (number, status) = Utf8Numbers.ParseCell(value, decimalComma, file, line, field);
        var source = new SourceRef(file, line);
        if (mapping.Role == VariableRole.Forecast)
        {
            // A forecast without a value is no forecast: there is nothing to keep apart.
            if (number is { } v) Forecasts.Add(new Forecast(mapping.IndicatorId, area, year, v, edition, source));
            return;
        }

        Observations.Add(new Observation(mapping.IndicatorId, area, year, number, status, source));
    }

    public List<string> Warnings()
    {
        var unknown = areas.Entries().Where(e => e.Value.Area is null && !e.Value.Onbekend && e.Value.Rows > 0).ToList();
        var rows = unknown.Sum(e => e.Value.Rows);
        var codes = unknown.OrderByDescending(e => e.Value.Rows).ThenBy(e => Code(e.Key), StringComparer.Ordinal).Select(e => Code(e.Key)).ToList();
        return rows == 0 ? [] : [$"{file}: {rows} rows with area codes outside the registry were not used ({KwbStatLineCsv.Examples(codes)})"];
    }

    /// <summary>The variables that are not in the catalogue (most frequent first), and the rows of BBGA's "onbekend" area.</summary>
    public List<string> NotRead()
    {
        var list = variables.Entries().Where(e => e.Value.Mapping is null).Select(e => (Name: Encoding.UTF8.GetString(e.Key), e.Value.Rows))
            .OrderByDescending(e => e.Rows).ThenBy(e => e.Name, StringComparer.Ordinal).Select(e => e.Name).ToList();
        var onbekend = areas.Entries().Where(e => e.Value.Onbekend).Sum(e => e.Value.Rows);
        if (onbekend > 0) list.Add($"{onbekend} rows of area 'onbekend' (Z, ZX99)");
        return list;
    }

    /// <summary>
    /// An area key as shown in reports: the statistieken reader prefixes its keys with the division ("2:FB08"), the
    /// bulk reader with the division and the level ("20:FB08").
    /// </summary>
    private static string Code(byte[] key)
    {
        var text = Encoding.UTF8.GetString(key);
        return text.IndexOf(':', StringComparison.Ordinal) is var colon and (1 or 2) && text.Length > colon + 1 ? text[(colon + 1)..] : text;
    }
}

/// <summary>
/// OIS's Basisbestand Gebieden Amsterdam in its long format, `jaar;gebiedcode15;variabele;waarde` (`;` as OIS
/// publishes it, `,` in re-saves, decimal point, an empty value is missing). Codes are those of the 2015 division
/// (`gebiedcode15`; a `gebiedcode22` column means the 2022 division). Forecasts (`BEV_PROG2018` and the like)
/// are kept apart from the observations. Streams the file: it runs to hundreds of megabytes.
/// </summary>
public static class BbgaLongCsv
{
    public const string Format = "OIS BBGA, long format";

    public static bool RecognisesHead(string firstLine)
    {
        var line = firstLine.TrimStart('\uFEFF').Replace("\"", "", StringComparison.Ordinal).Trim();
        return line is "jaar;gebiedcode15;variabele;waarde" or "jaar,gebiedcode15,variabele,waarde" or "jaar;gebiedcode22;variabele;waarde" or "jaar,gebiedcode22,variabele,waarde";
    }

    public static ImportResult Read(string path, string displayPath, AreaRegistry registry, IndicatorCatalogue catalogue)
    {
        using var csv = new ByteCsvReader(path, displayPath, DelimiterOf(path));
        return Read(csv, displayPath, registry, catalogue);
    }

    /// <summary>Reads from a stream whose delimiter is known (for tests and the benchmark).</summary>
    public static ImportResult Read(Stream stream, byte delimiter, string displayPath, AreaRegistry registry, IndicatorCatalogue catalogue)
    {
        using var csv = new ByteCsvReader(stream, displayPath, delimiter);
        return Read(csv, displayPath, registry, catalogue);
    }

    internal static byte DelimiterOf(string path)
    {
        Span<byte> head = stackalloc byte[256];
        int n;
        using (var f = File.OpenRead(path)) n = f.Read(head);
        var line = head[..n];
        var end = line.IndexOfAny((byte)'\n', (byte)'\r');
        if (end >= 0) line = line[..end];
        return line.Count((byte)';') >= line.Count((byte)',') ? (byte)';' : (byte)',';
    }

    private static ImportResult Read(ByteCsvReader csv, string displayPath, AreaRegistry registry, IndicatorCatalogue catalogue)
    {
        if (!csv.Read()) throw new InputException(displayPath, 1, "the file is empty (expected the header jaar;gebiedcode15;variabele;waarde)");
        var header = Enumerable.Range(0, csv.FieldCount).Select(csv.GetString).ToArray();
        if (header.Length != 4 || header[0] != "jaar" || header[2] != "variabele" || header[3] != "waarde" || header[1] is not ("gebiedcode15" or "gebiedcode22"))
        {
            throw new InputException(displayPath, csv.LineNumber, $"unexpected header '{string.Join(",", header)}' (expected jaar;gebiedcode15;variabele;waarde)");
        }

        var division = header[1] == "gebiedcode22" ? Division.Indeling2022 : Division.Indeling2015;
        var state = new LongFileState(displayPath, catalogue);
        Func<string, (AreaRef?, bool)> resolve = code => (OisCodes.Resolve(code, division, registry, out var unknown), unknown);
        while (csv.Read())
        {
            if (csv.FieldCount != 4)
            {
                throw new InputException(displayPath, csv.LineNumber, $"the row has {csv.FieldCount} fields, expected 4 (jaar, {header[1]}, variabele, waarde); the file may be cut off");
            }

            // Most rows are variables the catalogue does not map: decide that first, before parsing anything else.
            var (mapping, edition) = state.Variable(csv.Field(2).Trim((byte)' '));
            if (mapping is not { } m) continue;
            if (!int.TryParse(csv.Field(0), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 1900 or > 2100)
            {
                throw new InputException(displayPath, csv.LineNumber, $"'{csv.GetString(0)}' is not a year (expected e.g. 2018)", "jaar");
            }

            if (state.Area(csv.Field(1).Trim((byte)' '), resolve) is not { } area) continue;
            state.Add(m, edition, area, year, csv.Field(3), decimalComma: false, csv.LineNumber, "waarde");
        }

        var source = new SourceFile(displayPath, csv.Sha256, Format, "Basisbestand Gebieden Amsterdam", "Gemeente Amsterdam, OIS", "open data", state.ReferenceYears(), false);
        return new ImportResult(source, state.Observations, state.Warnings()) { Forecasts = state.Forecasts, NotRead = state.NotRead() };
    }
}

/// <summary>
/// OIS's statistieken, BBGA's successor: `spatial_code;spatial_name;spatial_type;spatial_date;temporal_date;
/// temporal_type;measure;value`, as R's `write.csv2` writes it (`;`, decimal comma, a leading row-number column)
/// or with `,` and a decimal point. `spatial_date` is the date of the division the codes belong to.
/// </summary>
public static class OisStatistiekenCsv
{
    public const string Format = "OIS statistieken, long format";
    public const string Table = "Statistieken (Basisbestand Gebieden Amsterdam, opvolger)";
    public const string Publisher = "Gemeente Amsterdam, OIS";

    private static readonly DateOnly NewDivision = Division.Indeling2022.ValidFrom();

    public static bool RecognisesHead(string firstLine)
    {
        var line = firstLine.Replace("\"", "", StringComparison.Ordinal);
        return line.Contains("spatial_code", StringComparison.Ordinal) && line.Contains("spatial_type", StringComparison.Ordinal) &&
            line.Contains("temporal_date", StringComparison.Ordinal) && line.Contains("measure", StringComparison.Ordinal) && line.Contains("value", StringComparison.Ordinal);
    }

    public static ImportResult Read(string path, string displayPath, AreaRegistry registry, IndicatorCatalogue catalogue)
    {
        var delimiter = BbgaLongCsv.DelimiterOf(path);
        using var csv = new ByteCsvReader(path, displayPath, delimiter);
        return Read(csv, delimiter, displayPath, registry, catalogue);
    }

    /// <summary>Reads from a stream whose delimiter is known (for tests and the benchmark).</summary>
    public static ImportResult Read(Stream stream, byte delimiter, string displayPath, AreaRegistry registry, IndicatorCatalogue catalogue)
    {
        using var csv = new ByteCsvReader(stream, displayPath, delimiter);
        return Read(csv, delimiter, displayPath, registry, catalogue);
    }

    private static ImportResult Read(ByteCsvReader csv, byte delimiter, string displayPath, AreaRegistry registry, IndicatorCatalogue catalogue)
    {
        if (!csv.Read()) throw new InputException(displayPath, 1, "the file is empty (expected the header spatial_code;…;measure;value)");
        var header = Enumerable.Range(0, csv.FieldCount).Select(csv.GetString).ToArray();
        int Col(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i
            : throw new InputException(displayPath, 1, $"missing column '{name}' (expected spatial_code, spatial_type, spatial_date, temporal_date, measure and value)");
        int codeColumn = Col("spatial_code"), type = Col("spatial_type"), spatialDate = Col("spatial_date"), temporalDate = Col("temporal_date"),
            measure = Col("measure"), value = Col("value");
        var decimalComma = delimiter == (byte)';';
        var state = new LongFileState(displayPath, catalogue);
        var levels = new Utf8Cache<StrongBox<Level?>>();
        Span<byte> key = stackalloc byte[130];
        // The key of the area cache carries the division: `F` is a 2015 and a 2022 stadsdeel.
        Func<string, (AreaRef?, bool)> resolve = k =>
            (OisCodes.Resolve(k[2..], k[0] == '2' ? Division.Indeling2022 : Division.Indeling2015, registry, out var unknown), unknown);
        while (csv.Read())
        {
            if (csv.FieldCount != header.Length)
            {
                throw new InputException(displayPath, csv.LineNumber, $"the row has {csv.FieldCount} fields, expected {header.Length} as in the header; the file may be cut off");
            }

            var (mapping, edition) = state.Variable(csv.Field(measure).Trim((byte)' '));
            if (mapping is not { } m) continue;

            var year = Date(csv, temporalDate, displayPath, "temporal_date").Year;
            var division = Date(csv, spatialDate, displayPath, "spatial_date") >= NewDivision ? Division.Indeling2022 : Division.Indeling2015;
            var typeBytes = csv.Field(type).Trim((byte)' ');
            var level = levels.Find(typeBytes);
            if (level is null) levels.Add(typeBytes, level = new StrongBox<Level?>(LevelOf(csv.GetString(type))));
            if (level.Value is null) throw new InputException(displayPath, csv.LineNumber, $"unknown spatial_type '{csv.GetString(type)}' (expected gemeente, stadsdelen, gebieden, wijken or buurten)", "spatial_type");
            var code = csv.Field(codeColumn).Trim((byte)' ');
            if (code.Length > 128) throw new InputException(displayPath, csv.LineNumber, "the area code is longer than 128 characters", "spatial_code");
            key[0] = division == Division.Indeling2022 ? (byte)'2' : (byte)'1';
            key[1] = (byte)':';
            code.CopyTo(key[2..]);
            if (state.Area(key[..(code.Length + 2)], resolve) is not { } area) continue;
            state.Add(m, edition, area, year, csv.Field(value), decimalComma, csv.LineNumber, "value");
        }

        var source = new SourceFile(displayPath, csv.Sha256, Format, Table, Publisher, "open data", state.ReferenceYears(), false);
        return new ImportResult(source, state.Observations, state.Warnings()) { Forecasts = state.Forecasts, NotRead = state.NotRead() };
    }

    /// <summary>The level an OIS area type names (`buurten`, `Wijken`, `ggw-gebieden`, …), or null for another kind of area.</summary>
    internal static Level? LevelOf(string spatialType) => spatialType.ToLowerInvariant() switch
    {
        "gemeente" or "gemeenten" => Level.Gemeente,
        "stadsdeel" or "stadsdelen" => Level.Stadsdeel,
        "gebied" or "gebieden" or "ggw-gebieden" or "ggwgebieden" => Level.Gebied,
        "wijk" or "wijken" => Level.Wijk,
        "buurt" or "buurten" => Level.Buurt,
        _ => null,
    };

    private static DateOnly Date(ByteCsvReader csv, int index, string file, string field)
    {
        var bytes = csv.Field(index).Trim((byte)' ');
        if (bytes.Length == 8 && int.TryParse(bytes, NumberStyles.None, CultureInfo.InvariantCulture, out var ymd) &&
            ymd / 10000 is >= 1900 and <= 2100 && ymd / 100 % 100 is >= 1 and <= 12 && ymd % 100 is >= 1 and <= 31)
        {
            return new DateOnly(ymd / 10000, ymd / 100 % 100, Math.Min(ymd % 100, DateTime.DaysInMonth(ymd / 10000, ymd / 100 % 100)));
        }

        throw new InputException(file, csv.LineNumber, $"'{csv.GetString(index)}' is not a date (expected yyyymmdd, e.g. 20240101)", field);
    }
}
