using System.CommandLine;
using System.CommandLine.Parsing;
using Buurtscan.Areas;
using Buurtscan.Build;
using Buurtscan.Domain;
using Buurtscan.Fetch;
using Buurtscan.Import;

namespace Buurtscan.Cli;

/// <summary>The command line: parsing into settings, then a plain handler per command.</summary>
public static partial class CommandLine
{
    public const string DefaultData = "data-samples";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = Create(output);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors) error.WriteLine($"buurtscan: {e.Message}");
            error.WriteLine("Run 'buurtscan --help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (BuurtscanException e)
        {
            error.WriteLine($"buurtscan: {e.Message}");
            return e.ExitCode;
        }
    }

    /// <summary>
    /// A command's check of how its options combine. Reading an option given twice, or with a value of the wrong
    /// type, throws (`-j 2 -j 3`, `-j two`); the parser reports that error itself, naming the option, so the
    /// check leaves such an option to it rather than ending the run with an unhandled exception.
    /// </summary>
    private static void AddCombinationCheck(Command command, Action<CommandResult> check) => command.Validators.Add(result =>
    {
        try
        {
            check(result);
        }
        catch (InvalidOperationException)
        {
            // An option that is wrong on its own: reported by the parser (see above).
        }
    });

    public static RootCommand Create(TextWriter output)
    {
        var data = new Option<string>("--data", "-d") { Description = "Folder with the source files, searched recursively", DefaultValueFactory = _ => DefaultData };

        var buurt = new Option<string?>("--buurt", "-b") { Description = "The buurt: slug (wegener-sleeswijk), code (FB08), CBS code (BU0363FB08) or name (or --all)" };
        var outDir = new Option<string?>("--out", "-o") { Description = "Output folder (default: out/<slug>; with --all: out, one folder per buurt)" };
        var profile = new Option<string?>("--profile") { Description = "Scan profile file (theme;title;indicator); default: the shipped profile" };
        var areasDir = new Option<string?>("--areas") { Description = "Folder with your own focus areas (*.json: a list of buurten or a polygon); default: areas" };
        var format = FormatOption();
        var noCache = new Option<bool>("--no-cache") { Description = "Build without the cache: read the data folder afresh and work every value out again (see BUURTSCAN_CACHE)" };
        var build = new Command("build", "Build the buurtscan chapter for one buurt or focus area, or for every buurt with --all") { buurt, data, outDir, profile, areasDir, format, noCache };
        var batch = AddBatchOptions(build, buurt, outDir);
        build.SetAction(pr =>
        {
            var settings = new BuildSettings(pr.GetValue(buurt) ?? "", pr.GetRequiredValue(data), pr.GetValue(outDir), pr.GetValue(profile), pr.GetValue(areasDir))
            {
                Charts = !pr.GetValue(batch.NoCharts),
                Formats = ParseFormats(pr.GetValue(format)),
                CacheDirectory = pr.GetValue(noCache) ? null : DataCache.DefaultDirectory(),
            };
            return pr.GetValue(batch.All) || pr.GetValue(batch.Scans) is not null
                ? RunBatch(pr, batch, settings, output, pr.InvocationConfiguration.Error)
                : RunBuild(settings, output);
        });

        var query = new Argument<string?>("query") { Description = "Part of a name or code (optional)", Arity = ArgumentArity.ZeroOrOne };
        var level = new Option<string?>("--level", "-l") { Description = "Only this level: buurt, wijk, gebied, stadsdeel, gemeente" };
        level.AcceptOnlyFromAmong("buurt", "wijk", "gebied", "stadsdeel", "gemeente");
        var areas = new Command("areas", "List areas with their codes and parents") { query, level, data };
        areas.SetAction(pr => RunAreas(pr.GetValue(query), pr.GetValue(level), pr.GetRequiredValue(data), output));

        var sources = new Command("sources", "List every file in the data folder: the format recognised and what it gave, or why it was skipped") { data };
        sources.SetAction(pr => DataReports.Sources(pr.GetRequiredValue(data), output));

        var indicatorQuery = new Argument<string?>("query") { Description = "Part of an id or label, a theme, or an OIS variable name (optional)", Arity = ArgumentArity.ZeroOrOne };
        var forBuurt = new Option<string?>("--buurt", "-b") { Description = "Show availability for this buurt's chain of areas" };
        var indicators = new Command("indicators", "List the indicator catalogue with the levels and years that have data") { indicatorQuery, data, forBuurt };
        indicators.SetAction(pr => DataReports.Indicators(pr.GetValue(indicatorQuery), pr.GetRequiredValue(data), pr.GetValue(forBuurt), output));

        return new RootCommand("buurtscan: the statistics chapter (buurtscan) of Amsterdam's Buurtbalans, from open CBS and OIS data")
        {
            build,
            areas,
            sources,
            indicators,
            FetchCommand.Create(output),
            CreateDiff(output),
        };
    }

    /// <summary>`--format md`, `--format html`, `--format md,html` or the option repeated; Markdown when absent.</summary>
    private static Option<string[]> FormatOption()
    {
        var format = new Option<string[]>("--format", "-f") { Description = "Chapter format: md (default), html (one self-contained page), or both: md,html" };
        format.Validators.Add(result =>
        {
            foreach (var value in result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries)))
            {
                if (value is not ("md" or "markdown" or "html")) result.AddError($"unknown format '{value}' for --format; use md, html or md,html");
            }
        });
        return format;
    }

    private static ChapterFormats ParseFormats(string[]? values)
    {
        var formats = (ChapterFormats)0;
        foreach (var value in (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            formats |= value == "html" ? ChapterFormats.Html : ChapterFormats.Markdown;
        }

        return formats == 0 ? ChapterFormats.Markdown : formats;
    }

    private static int RunBuild(BuildSettings settings, TextWriter output, BuildReport? built = null)
    {
        var report = built ?? ScanBuilder.Build(settings);
        foreach (var warning in report.Warnings) output.WriteLine($"let op: {warning}");
        foreach (var skipped in report.Skipped) output.WriteLine($"overgeslagen: {skipped.Path}: {skipped.Reason}");
        var figures = report.Scan.Themes.Sum(t => t.Figures.Count);
        var atFocus = report.Scan.Themes.Sum(t => t.Figures.Count(f => f.Level == report.Scan.Focus.Level));
        output.WriteLine($"buurtscan {report.Scan.Focus.Name} ({report.Scan.Focus.Code}) geschreven naar {report.OutDirectory}: " +
            $"{figures} cijfers, {atFocus} op buurtniveau, {report.Files.Count} bestanden" + (report.Scan.ExampleData ? " (voorbeelddata)" : ""));
        return ExitCodes.Ok;
    }

    private static int RunAreas(string? query, string? levelText, string dataDirectory, TextWriter output)
    {
        var data = DataLoader.Load(dataDirectory, requireBoundaries: true);
        var registry = data.Registry;
        var level = levelText is null ? (Level?)null : LevelNames.Parse(levelText);
        IEnumerable<Area> matches = registry.All.Where(a => a.Division == Division.Indeling2022 && a.Level != Level.Land && (level is null || a.Level == level));
        if (!string.IsNullOrWhiteSpace(query))
        {
            var key = AreaFinder.Normalise(query);
            var list = matches.Where(a => AreaFinder.Normalise(a.Name).Contains(key, StringComparison.Ordinal) || AreaFinder.Normalise(a.Code) == key ||
                (a.CbsCode is not null && AreaFinder.Normalise(a.CbsCode) == key) || AreaFinder.Slug(a.Name) == query.Trim().ToLowerInvariant()).ToList();
            if (list.Count == 0)
            {
                var suggestions = AreaFinder.Find(registry, query, level) is FindResult.NotFound nf ? nf.Suggestions : [];
                throw new BuurtscanException($"no area matches '{query}'" +
                    (suggestions.Count > 0 ? $"; did you mean {string.Join(", ", suggestions.Select(ScanBuilder.Describe))}?" : ""), ExitCodes.UnknownArea);
            }

            matches = list;
        }

        output.WriteLine("code\tCBS-code\tnaam\tniveau\tslug\tligt in");
        foreach (var area in matches)
        {
            var parents = string.Join(" > ", registry.Chain(area.Ref).Skip(1).Select(p => $"{p.Level.Dutch()} {p.Code} {p.Name}"));
            output.WriteLine($"{area.Code}\t{area.CbsCode ?? "-"}\t{area.Name}\t{area.Level.Dutch()}\t{AreaFinder.Slug(area.Name)}\t{parents}");
        }

        return ExitCodes.Ok;
    }
}
