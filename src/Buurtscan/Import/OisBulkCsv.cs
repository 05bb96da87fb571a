using System.Globalization;
using System.Text;
using Buurtscan.Areas;
using Buurtscan.Catalogue;
using Buurtscan.Domain;

namespace Buurtscan.Import;

/// <summary>The indicators of one OIS indicatoren file: numeric id → variable name (`BEVTOTAAL`), and where each id was read.</summary>
public sealed class OisIndicatoren(string file, string sha256, IReadOnlyDictionary<int, (string Name, int Line)> names)
{
    public string File { get; } = file;

    public string Sha256 { get; } = sha256;

    public IReadOnlyDictionary<int, (string Name, int Line)> Names { get; } = names;

    /// <summary>
    /// The indicatoren files beside one cijfers file taken together. They must not name one id differently:
    /// which name is right cannot be decided here.
    /// </summary>
    public static OisIndicatoren Merge(IReadOnlyList<OisIndicatoren> files)
    {
        if (files.Count == 1) return files[0];
        var names = new Dictionary<int, (string Name, int Line)>();
        var from = new Dictionary<int, string>();
        foreach (var f in files)
        {
            foreach (var (id, entry) in f.Names)
            {
                if (names.TryGetValue(id, out var other) && other.Name != entry.Name)
                {
                    throw new InputException(f.File, entry.Line, $"indicator id {id} is '{entry.Name}' here but '{other.Name}' in {from[id]} (line {other.Line}); keep the indicatoren file of one download beside the cijfers");
                }

                names[id] = entry;
                from[id] = f.File;
            }
        }

        return new OisIndicatoren(string.Join(", ", files.Select(f => f.File)), "", names);
    }
}

/// <summary>
/// OIS statistieken as the bulk download `statistieken_v2_all_openbaar.csv.zip` and the API's `?_format=csv` give them.
/// The cijfers name their indicator by a numeric id (`Gebiedtype, Gebiedcode, Begindatum, Indicatorid, Waarde`, or
/// `gebiedType, gebiedCode, begindatum, indicatorId, waarde` from the API); the indicatoren file (`Id, Naam, …`) of the
/// same download turns the id into the variable name the catalogue maps (`BEVTOTAAL`). Column names are matched without
/// regard to case and order, and other columns are ignored.
/// </summary>
public static class OisBulkCsv
{
    public const string CijfersFormat = "OIS statistieken, cijfers (bulk download)";
    public const string IndicatorenFormat = "OIS statistieken, indicatoren (bulk download)";
    public const string Table = OisStatistiekenCsv.Table;
    public const string Publisher = OisStatistiekenCsv.Publisher;
    public const string Licence = "open data, geen licentie vermeld; bron: Gemeente Amsterdam";

    private static readonly string[] CijfersColumns = ["gebiedtype", "gebiedcode", "begindatum", "indicatorid", "waarde"];
    private static readonly DateOnly NewDivision = Division.Indeling2022.ValidFrom();

    /// <summary>The header's column names, unquoted and lower-cased, split on `;` or `,` (whichever the line has more of).</summary>
    internal static string[] HeaderColumns(string firstLine)
    {
        var line = firstLine.TrimStart('\uFEFF');
        var delimiter = line.Count(c => c == ';') >= line.Count(c => c == ',') ? ';' : ',';
        return line.Split(delimiter).Select(f => f.Trim().Trim('"').Trim().ToLowerInvariant()).ToArray();
    }

    public static bool RecognisesCijfers(string firstLine)
    {
        var columns = HeaderColumns(firstLine);
        return CijfersColumns.All(columns.Contains);
    }

    public static bool RecognisesIndicatoren(string firstLine)
    {
        var columns = HeaderColumns(firstLine);
        return columns.Contains("id") && columns.Contains("naam") && !columns.Contains("gebiedcode");
    }

    public static OisIndicatoren ReadIndicatoren(string path, string displayPath)
    {
        using var csv = new ByteCsvReader(path, displayPath, BbgaLongCsv.DelimiterOf(path));
        return ReadIndicatoren(csv, displayPath);
    }

    /// <summary>Reads from a stream whose delimiter is known (for tests).</summary>
    public static OisIndicatoren ReadIndicatoren(Stream stream, byte delimiter, string displayPath)
    {
        using var csv = new ByteCsvReader(stream, displayPath, delimiter);
        return ReadIndicatoren(csv, displayPath);
    }

    private static OisIndicatoren ReadIndicatoren(ByteCsvReader csv, string displayPath)
    {
        if (!csv.Read()) throw new InputException(displayPath, 1, "the file is empty (expected the header Id, Naam, …)");
        var header = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i).ToLowerInvariant()).ToArray();
        int Col(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i
            : throw new InputException(displayPath, csv.LineNumber, $"missing column '{name}' (expected the OIS indicatoren with the columns Id and Naam)");
        int id = Col("id"), naam = Col("naam");
        var names = new Dictionary<int, (string Name, int Line)>();
        while (csv.Read())
        {
            if (csv.FieldCount != header.Length)
            {
                throw new InputException(displayPath, csv.LineNumber, $"the row has {csv.FieldCount} fields, expected {header.Length} as in the header; the file may be cut off");
            }

            var number = Id(csv, id, displayPath, "Id");
            var name = csv.GetString(naam);
            if (name.Length == 0) throw new InputException(displayPath, csv.LineNumber, "the indicator has no name (expected an OIS variable name, e.g. BEVTOTAAL)", "Naam");
            if (names.TryGetValue(number, out var first) && first.Name != name)
            {
                throw new InputException(displayPath, csv.LineNumber, $"indicator id {number} is '{name}' here but '{first.Name}' on line {first.Line} (expected one name per id)", "Id");
            }

            names.TryAdd(number, (name, csv.LineNumber));
        }

        return new OisIndicatoren(displayPath, csv.Sha256, names);
    }

    /// <param name="indicatoren">The indicatoren of the same download; null when there are none beside the file, which is an error: the ids cannot be resolved.</param>
    public static ImportResult ReadCijfers(string path, string displayPath, AreaRegistry registry, IndicatorCatalogue catalogue, OisIndicatoren? indicatoren)
    {
        var delimiter = BbgaLongCsv.DelimiterOf(path);
        using var csv = new ByteCsvReader(path, displayPath, delimiter);
        return ReadCijfers(csv, delimiter, displayPath, registry, catalogue, indicatoren);
    }

    /// <summary>Reads from a stream whose delimiter is known (for tests and the benchmark).</summary>
    public static ImportResult ReadCijfers(Stream stream, byte delimiter, string displayPath, AreaRegistry registry, IndicatorCatalogue catalogue, OisIndicatoren? indicatoren)
    {
        using var csv = new ByteCsvReader(stream, displayPath, delimiter);
        return ReadCijfers(csv, delimiter, displayPath, registry, catalogue, indicatoren);
    }

    private static ImportResult ReadCijfers(ByteCsvReader csv, byte delimiter, string displayPath, AreaRegistry registry, IndicatorCatalogue catalogue, OisIndicatoren? indicatoren)
    {
        if (!csv.Read()) throw new InputException(displayPath, 1, "the file is empty (expected the header Gebiedtype, Gebiedcode, Begindatum, Indicatorid, Waarde)");
        var header = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i).ToLowerInvariant()).ToArray();
        int Col(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i
            : throw new InputException(displayPath, csv.LineNumber, $"missing column '{name}' (expected Gebiedtype, Gebiedcode, Begindatum, Indicatorid and Waarde)");
        int typeColumn = Col("gebiedtype"), codeColumn = Col("gebiedcode"), dateColumn = Col("begindatum"), idColumn = Col("indicatorid"), valueColumn = Col("waarde");
        var divisionColumn = Array.IndexOf(header, "gebieddatum");
        if (indicatoren is null)
        {
            throw new InputException(displayPath, csv.LineNumber,
                "the Indicatorid column cannot be resolved: there is no OIS indicatoren file (header Id, Naam) in the same folder " +
                "(expected statistieken_v2_indicatoren_openbaar.csv of the same download beside it, as buurtscan fetch unpacks it)");
        }

        // The bytes of each id's name, so that the catalogue lookup of a row costs no allocation.
        var nameBytes = indicatoren.Names.ToDictionary(kv => kv.Key, kv => Encoding.UTF8.GetBytes(kv.Value.Name));
        var unknownIds = new Dictionary<int, int>();
        var otherTypes = new Dictionary<string, int>(StringComparer.Ordinal);
        var levels = new Utf8Cache<LevelEntry>();
        var decimalComma = delimiter == (byte)';';
        var state = new LongFileState(displayPath, catalogue);
        Span<byte> key = stackalloc byte[131];
        var line = 0;
        // The key of the area cache carries the division and the level: `F` is a 2015 and a 2022 stadsdeel.
        Func<string, (AreaRef?, bool)> resolve = k =>
        {
            var division = k[0] == '2' ? Division.Indeling2022 : Division.Indeling2015;
            var level = (Level)(k[1] - '0');
            var code = k[3..];
            var area = OisCodes.Resolve(code, division, registry, out var unknown);
            if (!unknown && OisCodes.LevelOf(code, division) is { } shape && shape != level)
            {
                throw new InputException(displayPath, line, $"'{code}' is a {shape.ToString().ToLowerInvariant()} code, but the Gebiedtype says {level.ToString().ToLowerInvariant()} (expected a code of the Gebiedtype's level)", "Gebiedcode");
            }

            return (area, unknown);
        };
        while (csv.Read())
        {
            line = csv.LineNumber;
            if (csv.FieldCount != header.Length)
            {
                throw new InputException(displayPath, line, $"the row has {csv.FieldCount} fields, expected {header.Length} as in the header; the file may be cut off");
            }

            var id = Id(csv, idColumn, displayPath, "Indicatorid");
            if (!nameBytes.TryGetValue(id, out var name))
            {
                unknownIds[id] = unknownIds.GetValueOrDefault(id) + 1;
                continue;
            }

            // Most rows are indicators the catalogue does not map: decide that first, before parsing anything else.
            var (mapping, edition) = state.Variable(name);
            if (mapping is not { } m) continue;

            var typeBytes = csv.Field(typeColumn).Trim((byte)' ');
            var type = levels.Find(typeBytes);
            if (type is null) levels.Add(typeBytes, type = new LevelEntry(csv.GetString(typeColumn), OisStatistiekenCsv.LevelOf(csv.GetString(typeColumn))));
            if (type.Level is not { } level)
            {
                otherTypes[type.Name] = otherTypes.GetValueOrDefault(type.Name) + 1;
                continue;
            }

            var year = Date(csv, dateColumn, displayPath, "Begindatum").Year;
            var division = divisionColumn < 0 || Date(csv, divisionColumn, displayPath, "Gebieddatum") >= NewDivision ? Division.Indeling2022 : Division.Indeling2015;
            var code = csv.Field(codeColumn).Trim((byte)' ');
            if (code.Length > 128) throw new InputException(displayPath, line, "the area code is longer than 128 characters", "Gebiedcode");
            if (code.IsEmpty) throw new InputException(displayPath, line, "the area code is empty (expected e.g. FB08)", "Gebiedcode");
            key[0] = division == Division.Indeling2022 ? (byte)'2' : (byte)'1';
            key[1] = (byte)('0' + (int)level);
            key[2] = (byte)':';
            code.CopyTo(key[3..]);
            if (state.Area(key[..(code.Length + 3)], resolve) is not { } area) continue;
            state.Add(m, edition, area, year, csv.Field(valueColumn), decimalComma, line, "Waarde");
        }

        var warnings = state.Warnings();
        if (unknownIds.Count > 0)
        {
            var ids = unknownIds.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Select(kv => kv.Key.ToString(CultureInfo.InvariantCulture)).ToList();
            warnings.Add($"{displayPath}: {unknownIds.Values.Sum()} rows with indicator ids that {indicatoren.File} does not list were not used ({KwbStatLineCsv.Examples(ids)})");
        }

        var notRead = state.NotRead();
        notRead.AddRange(otherTypes.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Value} rows of Gebiedtype '{kv.Key}'"));
        var source = new SourceFile(displayPath, csv.Sha256, CijfersFormat, $"{Table}, cijfers", Publisher, Licence, state.ReferenceYears(), false);
        return new ImportResult(source, state.Observations, warnings) { Forecasts = state.Forecasts, NotRead = notRead };
    }

    private sealed class LevelEntry(string name, Level? level)
    {
        public string Name { get; } = name;
        public Level? Level { get; } = level;
    }

    private static int Id(ByteCsvReader csv, int index, string file, string field)
    {
        var bytes = csv.Field(index).Trim((byte)' ');
        if (int.TryParse(bytes, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return id;
        var text = csv.GetString(index);
        throw new InputException(file, csv.LineNumber, $"'{Utf8Numbers.Excerpt(text)}' is not an indicator id (expected a whole number, e.g. 2067)", field);
    }

    /// <summary>A `yyyy-mm-dd` date, as the bulk download and the API write them.</summary>
    private static DateOnly Date(ByteCsvReader csv, int index, string file, string field)
    {
        var b = csv.Field(index).Trim((byte)' ');
        if (b.Length == 10 && b[4] == (byte)'-' && b[7] == (byte)'-' &&
            int.TryParse(b[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1900 and <= 2100 &&
            int.TryParse(b[5..7], NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12 &&
            int.TryParse(b[8..], NumberStyles.None, CultureInfo.InvariantCulture, out var day) && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            return new DateOnly(year, month, day);
        }

        var text = csv.GetString(index);
        throw new InputException(file, csv.LineNumber, $"'{Utf8Numbers.Excerpt(text)}' is not a date (expected yyyy-mm-dd, e.g. 2024-01-01)", field);
    }
}
