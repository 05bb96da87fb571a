using System.Globalization;
using Buurtscan.Areas;
using Buurtscan.Build;
using Buurtscan.Catalogue;
using Buurtscan.Domain;
using Buurtscan.Import;

namespace Buurtscan.Cli;

/// <summary>`buurtscan sources` and `buurtscan indicators`: what the data folder holds, as plain text.</summary>
public static class DataReports
{
    /// <summary>Every file found: the format recognised and what it gave, or why it was skipped. Exit code 4 when a file was bad input.</summary>
    public static int Sources(string dataDirectory, TextWriter output)
    {
        var data = DataLoader.Load(dataDirectory, null, keepGoing: true);
        output.WriteLine($"Gegevensmap: {dataDirectory}");
        output.WriteLine();
        foreach (var file in data.Files)
        {
            output.WriteLine(file.Path);
            output.WriteLine($"  formaat: {file.Format}{(file.Table.Length > 0 ? $" — {file.Table}" : "")}");
            switch (file.Role)
            {
                case FileRole.Boundaries:
                    output.WriteLine($"  gebieden: {file.Areas} ({Levels(file.Levels)}; {string.Join(", ", file.Divisions.Select(d => d.Dutch()))})");
                    break;
                case FileRole.Metadata:
                    output.WriteLine($"  metadata: {file.Summary}");
                    break;
                default:
                    output.WriteLine($"  jaren: {Years(file.Years)}; niveaus: {Levels(file.Levels)}" +
                        (file.Divisions.Count > 0 ? $" ({string.Join(", ", file.Divisions.Select(d => d.Dutch()))})" : ""));
                    output.WriteLine($"  gebieden: {file.Areas}; indicatoren: {file.Indicators}; waarnemingen: {file.Observations}" +
                        (file.Forecasts > 0 ? $"; prognoses (apart gehouden): {file.Forecasts}" : ""));
                    if (file.NotRead.Count > 0)
                    {
                        output.WriteLine($"  niet in de catalogus ({file.NotRead.Count}): {string.Join(", ", file.NotRead.Take(6))}{(file.NotRead.Count > 6 ? ", …" : "")}");
                    }

                    break;
            }

            foreach (var warning in file.Warnings) output.WriteLine($"  let op: {Strip(warning, file.Path)}");
        }

        if (data.Skipped.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Overgeslagen:");
            foreach (var skipped in data.Skipped) output.WriteLine($"  {skipped.Path}: {skipped.Reason}");
        }

        var other = data.Warnings.Where(w => !data.Files.Any(f => f.Warnings.Contains(w))).ToList();
        if (other.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Tussen bestanden:");
            foreach (var warning in other) output.WriteLine($"  let op: {warning}");
        }

        output.WriteLine();
        output.WriteLine($"Samen: {data.Files.Count} bestanden gelezen ({data.Files.Count(f => f.Role == FileRole.Boundaries)} grenzen, " +
            $"{data.Files.Count(f => f.Role == FileRole.Data)} cijfers, {data.Files.Count(f => f.Role == FileRole.Metadata)} metadata), {data.Skipped.Count} overgeslagen; " +
            $"{data.Registry.All.Count} gebieden, {data.Observations.Select(o => o.IndicatorId).Distinct().Count()} indicatoren, {data.Observations.Count} waarnemingen, " +
            $"{data.Forecasts.Count} prognoses.");
        return data.Errors.Count > 0 ? ExitCodes.BadInput : ExitCodes.Ok;
    }

    /// <summary>
    /// The catalogue (optionally filtered), with per indicator the levels and years that have data; for a buurt,
    /// per area of its chain (and of the 2015 division's areas it lay in).
    /// </summary>
    public static int Indicators(string? query, string dataDirectory, string? buurt, TextWriter output)
    {
        var data = DataLoader.Load(dataDirectory, null, keepGoing: true);
        var catalogue = data.Catalogue;
        var indicators = catalogue.Indicators.Where(i => Matches(i, query, catalogue)).ToList();
        if (indicators.Count == 0)
        {
            throw new BuurtscanException($"no indicator matches '{query}' (try a theme such as wonen, or part of a label)", ExitCodes.Usage);
        }

        IReadOnlyList<Area>? chain = null;
        if (buurt is not null)
        {
            if (data.Registry.IsEmpty)
            {
                throw new BuurtscanException($"{dataDirectory}: no area boundaries found (expected the city's INDELING_BUURT.csv somewhere in the data folder)", ExitCodes.MissingData);
            }

            var focus = ScanBuilder.FindBuurt(data.Registry, buurt);
            chain = [.. data.Registry.Chain(focus.Ref), .. PredecessorChain(data.Registry, focus)];
            output.WriteLine($"Beschikbaarheid voor {focus.Name} ({focus.Code}) en de gebieden erboven" +
                (chain.Any(a => a.Division == Division.Indeling2015) ? "; vóór 2022 de gebieden van de indeling 2015 waarin de buurt lag" : "") + ".");
            output.WriteLine();
        }

        var byIndicator = data.Observations.Where(o => o.Value is not null).ToLookup(o => o.IndicatorId);
        var forecasts = data.Forecasts.ToLookup(f => f.IndicatorId);
        foreach (var theme in IndicatorCatalogue.Themes)
        {
            var inTheme = indicators.Where(i => i.Theme == theme).ToList();
            if (inTheme.Count == 0) continue;
            output.WriteLine($"== {theme} ==");
            foreach (var indicator in inTheme)
            {
                output.WriteLine($"{indicator.Id} — {indicator.Label}");
                output.WriteLine($"  {indicator.Unit} · {indicator.Kind.ToString().ToLowerInvariant()} · {Direction(indicator.Direction)}" +
                    (indicator.ReferenceDate.Length > 0 ? $" · peildatum {indicator.ReferenceDate}" : "") + $" · {indicator.Source}");
                if (indicator.IsRatio) output.WriteLine($"  berekend als {indicator.Numerator} / {indicator.Denominator}");
                if (indicator.SameAs is { } s) output.WriteLine($"  zelfde begrip als {s}, dat de voorkeur heeft");
                if (indicator.MinPopulation is { } minPop) output.WriteLine($"  niet tonen bij minder dan {minPop} inwoners (OIS)");
                if (indicator.MinDwellings is { } minDw) output.WriteLine($"  niet tonen bij minder dan {minDw} woningen (OIS)");
                foreach (var meta in catalogue.MetadataOf(indicator.Id).Where(m => catalogue.ForOisVariable(m.Variable, out _)?.Role != VariableRole.Forecast))
                {
                    output.WriteLine($"  volgens {meta.Source}: {meta.Variable} \"{meta.Label}\"" + (meta.Unit.Length > 0 ? $", eenheid {meta.Unit}" : "") +
                        (meta.ReferenceDate.Length > 0 ? $", peildatum {meta.ReferenceDate}" : ""));
                }

                var values = (indicator.IsRatio ? byIndicator[indicator.Numerator!] : byIndicator[indicator.Id]).ToList();
                if (chain is null)
                {
                    var perLevel = values.GroupBy(o => (Division: o.Area.Division, Level: LevelOf(data.Registry, o.Area)))
                        .OrderBy(g => g.Key.Level >= Level.Gemeente ? Division.Indeling2022 : g.Key.Division).ThenBy(g => g.Key.Level)
                        .Select(g => $"{g.Key.Level.Dutch()}{(g.Key.Division == Division.Indeling2015 && g.Key.Level < Level.Gemeente ? " (indeling 2015)" : "")} " +
                            $"{Years(g.Select(o => o.Year))} ({g.Select(o => o.Area).Distinct().Count()})")
                        .ToList();
                    output.WriteLine($"  gegevens: {(perLevel.Count == 0 ? "geen" : string.Join("; ", perLevel))}");
                }
                else
                {
                    foreach (var division in new[] { Division.Indeling2022, Division.Indeling2015 })
                    {
                        var found = chain.Where(a => a.Division == division)
                            .Select(a => (Area: a, Years: values.Where(o => o.Area == a.Ref).Select(o => o.Year).ToList()))
                            .Where(x => x.Years.Count > 0)
                            .Select(x => $"{x.Area.Level.Dutch()} {x.Area.Code} {Years(x.Years)}")
                            .ToList();
                        if (found.Count > 0) output.WriteLine($"  {division.Dutch()}: {string.Join("; ", found)}");
                        else if (division == Division.Indeling2022) output.WriteLine("  indeling 2022: geen gegevens voor deze gebieden");
                    }
                }

                if (forecasts[indicator.Id].Any())
                {
                    var f = forecasts[indicator.Id].ToList();
                    output.WriteLine($"  prognoses (apart gehouden): edities {string.Join(", ", f.Select(x => x.Edition).Distinct().Order())}, jaren {Years(f.Select(x => x.Year))}");
                }
            }

            output.WriteLine();
        }

        return ExitCodes.Ok;
    }

    /// <summary>The 2015 areas the buurt lay in: the 2015 buurt holding most of its surface, and that buurt's chain (without the gemeente, which is shared).</summary>
    private static IEnumerable<Area> PredecessorChain(AreaRegistry registry, Area focus)
    {
        var overlaps = registry.Overlaps(focus, Division.Indeling2015);
        if (overlaps.Count == 0) return [];
        return registry.Chain(overlaps[0].Area.Ref).Where(a => a.Division == Division.Indeling2015);
    }

    private static bool Matches(Indicator indicator, string? query, IndicatorCatalogue catalogue)
    {
        if (string.IsNullOrWhiteSpace(query)) return true;
        var q = query.Trim();
        return indicator.Id.Contains(q, StringComparison.OrdinalIgnoreCase) || indicator.Label.Contains(q, StringComparison.OrdinalIgnoreCase) ||
            indicator.Theme.Equals(q, StringComparison.OrdinalIgnoreCase) || catalogue.OisVariablesOf(indicator.Id).Any(v => v.Equals(q, StringComparison.OrdinalIgnoreCase));
    }

    private static Level LevelOf(AreaRegistry registry, AreaRef area) =>
        registry.Find(area)?.Level ?? (area == CbsCodes.Nederland ? Level.Land : OisCodes.LevelOf(area.Code, area.Division) ?? Level.Buurt);

    /// <summary>2015–2018, 2020, 2022–2024: runs of consecutive years collapsed.</summary>
    public static string Years(IEnumerable<int> years)
    {
        var list = years.Distinct().Order().ToList();
        if (list.Count == 0) return "-";
        var parts = new List<string>();
        var start = list[0];
        for (var i = 1; i <= list.Count; i++)
        {
            if (i < list.Count && list[i] == list[i - 1] + 1) continue;
            var end = list[i - 1];
            parts.Add(end == start ? start.ToString(CultureInfo.InvariantCulture) : $"{start.ToString(CultureInfo.InvariantCulture)}–{end.ToString(CultureInfo.InvariantCulture)}");
            if (i < list.Count) start = list[i];
        }

        return string.Join(", ", parts);
    }

    private static string Levels(IEnumerable<Level> levels) => string.Join(", ", levels.Select(l => l.Dutch())) is { Length: > 0 } s ? s : "-";

    private static string Direction(Direction direction) => direction switch
    {
        Domain.Direction.HigherIsBetter => "hoger is beter",
        Domain.Direction.HigherIsWorse => "hoger is slechter",
        _ => "neutraal",
    };

    private static string Strip(string warning, string path) => warning.StartsWith(path + ": ", StringComparison.Ordinal) ? warning[(path.Length + 2)..] : warning;
}
