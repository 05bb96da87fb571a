using System.Globalization;
using System.Text.RegularExpressions;
using Buurtscan.Areas;
using Buurtscan.Catalogue;
using Buurtscan.Domain;

namespace Buurtscan.Import;

/// <summary>
/// CBS StatLine CSV downloads with one row per region: Kerncijfers wijken en buurten of any year, and other
/// tables of the same shape (SES-WOA scores). Columns are matched by their header text, since the OData keys
/// change their numeric suffixes every year. Four variants are read:
/// <list type="bullet">
/// <item>the classic download (BOM, CRLF, `;`, quoted and space-padded text, `.` missing, decimal point);</item>
/// <item>the newer download (`,`, everything quoted, header cells with line breaks and non-breaking spaces and only
/// the last parts of the subject path, Dutch numbers `"17.942.942"` and `"2,1"`, a `"Bron: CBS."` footer);</item>
/// <item>an R `write.csv` re-save (`,`, a row-number column, headers with every other character turned into a dot,
/// `NA`, padded `"       ."`, decimal commas in quoted strings);</item>
/// <item>a download without the code column: regions by name only, resolved against the registry (see <see cref="AreaNames"/>).</item>
/// </list>
/// </summary>
public static partial class KwbStatLineCsv
{
    public const string Format = "CBS Kerncijfers wijken en buurten, StatLine CSV";

    public static bool Recognises(TextFile file)
    {
        var first = file.FirstLine;
        return (first.Contains("Wijken en buurten", StringComparison.Ordinal) || first.Contains("Wijken.en.buurten", StringComparison.Ordinal)) &&
            !first.Contains("\"WijkenEnBuurten\"", StringComparison.Ordinal) &&
            CsvReader.DetectDelimiter(file.Text) is ';' or ',' &&
            new CsvReader(file.Text, file.DisplayPath, CsvReader.DetectDelimiter(file.Text)) is var csv && csv.Read() && csv.FieldCount > 2;
    }

    private enum Variant { Classic, Newer, RResave }

    private delegate ReadOnlySpan<char> SpanOf(int index);

    private enum Role { Ignore, Name, Municipality, RegionType, Code, Period, Data }

    public static ImportResult Read(TextFile file, AreaRegistry registry, IndicatorCatalogue catalogue)
    {
        var delimiter = CsvReader.DetectDelimiter(file.Text);
        var csv = new CsvReader(file.Text, file.DisplayPath, delimiter);
        if (!csv.Read()) throw new InputException(file.DisplayPath, 1, "the file is empty (expected a header line)");
        var header = csv.GetRecord();
        // StatLine's classic download uses `;`; its newer one `,`; R's re-save `,` with a nameless row-number column first.
        var variant = header[0].Length == 0 && header.Skip(1).Any(h => h.Contains('.', StringComparison.Ordinal) && !h.Contains(' ', StringComparison.Ordinal))
            ? Variant.RResave
            : delimiter == ',' ? Variant.Newer : Variant.Classic;
        var style = variant == Variant.Newer ? NumberStyle.Dutch : NumberStyle.Point;

        var roles = new Role[header.Length];
        var indicators = new string?[header.Length];
        var notRead = new List<string>();
        for (var i = 0; i < header.Length; i++)
        {
            roles[i] = RoleOf(header[i]);
            if (roles[i] != Role.Data) continue;
            indicators[i] = catalogue.ForKwbHeader(header[i]);
            if (indicators[i] is null)
            {
                roles[i] = Role.Ignore;
                notRead.Add(IndicatorCatalogue.FoldSpaces(header[i]));
            }
        }

        int Column(Role role) => Array.IndexOf(roles, role);
        var nameColumn = Column(Role.Name);
        var codeColumn = Column(Role.Code);
        var periodColumn = Column(Role.Period);
        var typeColumn = Column(Role.RegionType);
        var municipalityColumn = Column(Role.Municipality);
        if (nameColumn < 0 && codeColumn < 0)
        {
            throw new InputException(file.DisplayPath, 1, "no region column (expected 'Wijken en buurten' or a code column such as 'Regioaanduiding/Codering (code)')");
        }

        var isSesWoa = header.Any(h => h.Contains("SES-WOA", StringComparison.Ordinal));
        var fileYear = YearFromName(file);
        if (periodColumn < 0 && fileYear is null)
        {
            throw new InputException(file.DisplayPath, 0,
                "cannot tell which year this is (expected a 'Perioden' column or the year in the file name, as StatLine names its downloads: Kerncijfers_wijken_en_buurten_2024_….csv)");
        }

        // With codes, each row is read as it comes; without, the rows are kept until their names are resolved,
        // because a name is only resolved with its neighbours in view.
        var rows = new List<(int Line, int Year, string Code, string Name, string? Type, string? Municipality, string[]? Cells)>();
        var observations = new List<Observation>();
        var warnings = new List<string>();
        var unknown = new List<string>();
        while (csv.Read())
        {
            if (csv.FieldCount == 1 && csv.GetString(0).StartsWith("Bron", StringComparison.OrdinalIgnoreCase)) continue; // StatLine's footer
            if (csv.FieldCount != header.Length)
            {
                throw new InputException(file.DisplayPath, csv.LineNumber, $"the row has {csv.FieldCount} fields, expected {header.Length} as in the header");
            }

            var year = fileYear ?? 0;
            if (periodColumn >= 0)
            {
                var period = csv.GetString(periodColumn);
                year = period.Length >= 4 && int.TryParse(period.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y
                    : throw new InputException(file.DisplayPath, csv.LineNumber, $"'{period}' is not a year (expected a period such as 2019)", header[periodColumn]);
            }

            if (codeColumn >= 0)
            {
                var code = csv.GetString(codeColumn);
                if (CbsCodes.ToAreaRef(code, registry) is { } area) Add(area, year, csv.LineNumber, i => csv.Span(i));
                else unknown.Add(code);
                rows.Add((csv.LineNumber, year, code, "", null, null, null));
                continue;
            }

            var cells = new string[header.Length];
            for (var i = 0; i < header.Length; i++)
            {
                if (roles[i] == Role.Data) cells[i] = csv.Span(i).ToString();
            }

            rows.Add((csv.LineNumber, year, "", nameColumn >= 0 ? csv.GetString(nameColumn) : "",
                typeColumn >= 0 ? csv.GetString(typeColumn) : null, municipalityColumn >= 0 ? csv.GetString(municipalityColumn) : null, cells));
        }

        if (unknown.Count > 0)
        {
            warnings.Add($"{file.DisplayPath}: {unknown.Count} rows with region codes outside the registry were not used ({Examples(unknown)})");
        }

        if (codeColumn < 0)
        {
            var areas = new AreaRef?[rows.Count];
            ResolveNames(file, registry, rows.Select(r => (r.Line, r.Year, r.Name, r.Type, r.Municipality)).ToList(), areas, warnings);
            for (var r = 0; r < rows.Count; r++)
            {
                var cells = rows[r].Cells!;
                if (areas[r] is { } area) Add(area, rows[r].Year, rows[r].Line, i => cells[i]);
            }
        }

        void Add(AreaRef area, int year, int line, SpanOf cell)
        {
            for (var i = 0; i < header.Length; i++)
            {
                if (roles[i] != Role.Data) continue;
                var (value, status) = Numbers.ParseCell(cell(i), style, file.DisplayPath, line, header[i]);
                observations.Add(new Observation(indicators[i]!, area, year, value, status, new SourceRef(file.DisplayPath, line)));
            }
        }

        var years = rows.Select(r => r.Year).Distinct().Order().ToList();
        var (table, tableId) = isSesWoa
            ? ("SES-WOA scores per wijk en buurt", "85163NED")
            : ($"Kerncijfers wijken en buurten {string.Join(", ", years)}", years.Count == 1 ? CbsCodes.KwbTableId(years[0]) : "");
        var variantName = string.Join(", ", new[]
        {
            variant switch
            {
                Variant.Newer => "newer download",
                Variant.RResave => "re-saved by R write.csv",
                _ => "",
            },
            codeColumn < 0 ? "regions by name" : "",
        }.Where(v => v.Length > 0));
        var format = (isSesWoa ? "CBS SES-WOA scores, StatLine CSV" : Format) + (variantName.Length > 0 ? $" ({variantName})" : "");
        var source = new SourceFile(file.DisplayPath, file.Sha256, format,
            tableId.Length > 0 ? $"{table} ({tableId})" : table, "CBS", "CC BY 4.0", isSesWoa ? string.Join(", ", years) : $"1 januari {string.Join(", ", years)}", false);
        return new ImportResult(source, observations, warnings) { NotRead = notRead };
    }

    /// <summary>What a column is, from its header in any variant (R's dots and the newer download's shortened paths included).</summary>
    private static Role RoleOf(string header)
    {
        var key = Letters(header);
        return key switch
        {
            "" => Role.Ignore, // R's row numbers
            "wijkenenbuurten" => Role.Name,
            "perioden" => Role.Period,
            "regioaanduidinggemeentenaamnaam" or "gemeentenaamnaam" => Role.Municipality,
            "regioaanduidingsoortregioomschrijving" or "soortregioomschrijving" => Role.RegionType,
            "regioaanduidingcoderingcode" or "coderingcode" or "regiocodegemeentewijkbuurtcode" => Role.Code,
            _ when key.StartsWith("regioaanduiding", StringComparison.Ordinal) || key.StartsWith("indelingswijziging", StringComparison.Ordinal) => Role.Ignore,
            _ => Role.Data,
        };
    }

    internal static void ResolveNames(TextFile file, AreaRegistry registry, List<(int Line, int Year, string Name, string? Type, string? Municipality)> rows,
        AreaRef?[] areas, List<string> warnings)
    {
        // CBS used the 2015 division's codes and names for Amsterdam until KWB 2022 (1 January 2022) and the new ones from KWB 2023.
        var otherMunicipality = 0;
        var problems = new List<string>();
        foreach (var group in rows.Select((r, i) => (Row: r, Index: i)).GroupBy(x => x.Row.Year >= 2023 ? Division.Indeling2022 : Division.Indeling2015))
        {
            var names = new AreaNames(registry, group.Key);
            var candidates = group.Where(x =>
            {
                var special = AreaNames.Special(x.Row.Name);
                if (special is not null && (x.Row.Municipality is null || AreaNames.Special(x.Row.Municipality) is not null))
                {
                    areas[x.Index] = special;
                    return false;
                }

                if (x.Row.Municipality is { } m && AreaNames.Special(m) != BoundaryReaders.Amsterdam)
                {
                    otherMunicipality++;
                    return false;
                }

                return true;
            }).ToList();
            var resolved = names.Resolve(candidates.Select(x => new AreaNames.Row(x.Row.Name, x.Row.Type, x.Row.Line)).ToList());
            for (var k = 0; k < candidates.Count; k++)
            {
                areas[candidates[k].Index] = resolved[k].Area;
                if (resolved[k].Problem is { } problem) problems.Add(problem);
            }
        }

        if (otherMunicipality > 0) warnings.Add($"{file.DisplayPath}: {otherMunicipality} rows of other gemeenten were not used");
        if (problems.Count > 0)
        {
            warnings.Add($"{file.DisplayPath}: {problems.Count} rows could not be matched to one area by name and were not used (a download with the code column avoids this): " +
                $"{string.Join("; ", problems.Take(8))}{(problems.Count > 8 ? "; …" : "")}");
        }
    }

    internal static string Examples(IReadOnlyCollection<string> items) =>
        string.Join(", ", items.Distinct().Take(5)) + (items.Distinct().Count() > 5 ? ", …" : "");

    private static string Letters(string text)
    {
        var chars = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c)) chars.Append(char.ToLowerInvariant(c));
        }

        return chars.ToString();
    }

    public static int? YearFromName(TextFile file)
    {
        var m = YearPattern().Match(System.IO.Path.GetFileName(file.Path));
        return m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"wijken[ _]en[ _]buurten[ _]((?:19|20)\d\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex YearPattern();
}
