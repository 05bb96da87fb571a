using System.CommandLine;
using Buurtscan.Build;
using Buurtscan.Diff;
using Buurtscan.Render;

namespace Buurtscan.Cli;

/// <summary>`build --all`, the kept-over-time layout (`--scans`, `--period`) and `diff`.</summary>
public static partial class CommandLine
{
    private sealed record BatchOptions(
        Option<bool> All,
        Option<string?> Stadsdeel,
        Option<string?> Gebied,
        Option<string?> Wijk,
        Option<string?> Scans,
        Option<string?> Period,
        Option<bool> NoCharts,
        Option<int?> Jobs);

    private static BatchOptions AddBatchOptions(Command build, Option<string?> buurt, Option<string?> outDir)
    {
        var options = new BatchOptions(
            new Option<bool>("--all") { Description = "Build every buurt (or every buurt of --stadsdeel, --gebied, --wijk), in parallel" },
            new Option<string?>("--stadsdeel") { Description = "With --all: only the buurten of this stadsdeel (code or name, e.g. F)" },
            new Option<string?>("--gebied") { Description = "With --all: only the buurten of this gebied (code or name, e.g. GF07)" },
            new Option<string?>("--wijk") { Description = "With --all: only the buurten of this wijk (code or name, e.g. FB)" },
            new Option<string?>("--scans") { Description = "Keep runs over time: write to <scans>/<buurt>/<YYYY-Qn>/ instead of --out" },
            new Option<string?>("--period") { Description = "With --scans: the label of this run, YYYY-Qn (default: the quarter of the newest data used)" },
            new Option<bool>("--no-charts") { Description = "No charts and no maps: tables only, much faster over many buurten" },
            new Option<int?>("--jobs", "-j") { Description = "With --all: buurten built at the same time (default: the number of cores)" });
        foreach (var option in new Option[] { options.All, options.Stadsdeel, options.Gebied, options.Wijk, options.Scans, options.Period, options.NoCharts, options.Jobs })
        {
            build.Options.Add(option);
        }

        AddCombinationCheck(build, result =>
        {
            var all = result.GetValue(options.All);
            if (all == (result.GetValue(buurt) is not null)) result.AddError("give either --buurt or --all (exactly one of them)");
            if (!all && (result.GetValue(options.Stadsdeel) ?? result.GetValue(options.Gebied) ?? result.GetValue(options.Wijk)) is not null)
            {
                result.AddError("--stadsdeel, --gebied and --wijk select buurten for --all");
            }

            if (result.GetValue(options.Scans) is not null && result.GetValue(outDir) is not null) result.AddError("give either --scans or --out, not both");
            if (result.GetValue(options.Period) is { } period)
            {
                if (result.GetValue(options.Scans) is null) result.AddError("--period labels a run in --scans; give --scans too");
                else if (!Build.Period.TryParse(period, out _)) result.AddError($"--period '{period}' is not a quarter (expected YYYY-Qn, e.g. 2024-Q1)");
            }

            if (result.GetValue(options.Jobs) is < 1) result.AddError("--jobs must be at least 1");
        });
        return options;
    }

    private static int RunBatch(ParseResult pr, BatchOptions options, BuildSettings single, TextWriter output, TextWriter error)
    {
        var scans = pr.GetValue(options.Scans);
        var period = pr.GetValue(options.Period);
        if (!pr.GetValue(options.All))
        {
            return RunBuild(single, output, BatchBuilder.BuildIntoLayout(single, scans!, period));
        }

        var settings = new BatchSettings(
            single.DataDirectory,
            single.OutDirectory,
            scans,
            period,
            single.ProfileFile,
            new BatchSelection(pr.GetValue(options.Stadsdeel), pr.GetValue(options.Gebied), pr.GetValue(options.Wijk)),
            single.Charts,
            pr.GetValue(options.Jobs) ?? Environment.ProcessorCount)
        {
            Formats = single.Formats,
            CacheDirectory = single.CacheDirectory,
        };
        var report = BatchBuilder.Run(settings, BuildProgress.For(error, BuildProgress.IsTerminal(error)));

        foreach (var warning in report.Warnings) output.WriteLine($"let op: {warning}");
        foreach (var skipped in report.Skipped) output.WriteLine($"overgeslagen: {skipped.Path}: {skipped.Reason}");
        foreach (var failed in report.Failed)
        {
            // A bug keeps its stack trace; an expected problem is one line.
            error.WriteLine($"buurtscan: {failed.Buurt.Code} {failed.Buurt.Name}: {(failed.Bug is null ? failed.Error : failed.Bug.ToString())}");
        }

        var seconds = report.BuildTime.TotalSeconds;
        output.WriteLine($"buurtscan --all: {report.Outcomes.Count} buurten in {Dutch.Number(seconds, 1)} s (gegevens lezen {Dutch.Number(report.LoadTime.TotalSeconds, 1)} s, " +
            $"{Dutch.Number(report.Outcomes.Count / Math.Max(seconds, 0.001), 1)} buurten per seconde): {report.Succeeded} gelukt, {report.Failed.Count} mislukt; " +
            $"geschreven naar {report.OutRoot}" + (report.Period is { } p ? $"/<buurt>/{p}" : "/<buurt>"));
        return report.ExitCode;
    }

    private static Command CreateDiff(TextWriter output)
    {
        var oldRun = new Argument<string?>("old") { Description = "The old run: a run folder or its scan.json", Arity = ArgumentArity.ZeroOrOne };
        var newRun = new Argument<string?>("new") { Description = "The new run: a run folder or its scan.json", Arity = ArgumentArity.ZeroOrOne };
        var previous = new Option<string?>("--previous") { Description = "A buurt's folder in the scans layout (scans/<buurt>): compare its newest run with the one before" };
        var all = new Option<bool>("--all") { Description = "With --previous <scans>: every buurt's newest run against the one before; reports in the folder --out" };
        var outPath = new Option<string?>("--out", "-o") { Description = "Write the report to this file (default: standard output); with --all, a folder" };
        var json = new Option<bool>("--json") { Description = "The report as JSON instead of Markdown" };
        var minChange = new Option<double>("--min-change")
        {
            Description = "Notable from this many percentage points (figures in %) or percent of the old value (other figures)",
            DefaultValueFactory = _ => DiffOptions.DefaultMinChange,
        };
        var exitZero = new Option<bool>("--exit-zero") { Description = "Exit 0 also when there are notable changes (for jobs that must not fail on change)" };
        var diff = new Command("diff", "Compare two runs (scan.json): what changed in the buurt, and what changed in the data. Exit 0 no notable change, 1 notable changes, 2 trouble")
        {
            oldRun, newRun, previous, all, outPath, json, minChange, exitZero,
        };
        AddCombinationCheck(diff, result =>
        {
            var pair = result.GetValue(oldRun) is not null && result.GetValue(newRun) is not null;
            var one = result.GetValue(oldRun) is not null || result.GetValue(newRun) is not null;
            var fromPrevious = result.GetValue(previous) is not null;
            if (one && !pair) result.AddError("give two runs to compare (OLD NEW), or --previous <folder>");
            else if (pair == fromPrevious) result.AddError("give either two runs (OLD NEW) or --previous <folder>, not both");
            if (result.GetValue(all))
            {
                if (!fromPrevious) result.AddError("--all works with --previous <scans folder>");
                if (result.GetValue(outPath) is null) result.AddError("--all writes one report per buurt; give a folder with --out");
                if (result.GetValue(json)) result.AddError("--all writes both Markdown and JSON; leave out --json");
            }

            if (result.GetValue(minChange) is < 0 or double.NaN) result.AddError("--min-change must be 0 or more");
        });
        diff.SetAction(pr => DiffRunner.Run(
            new DiffSettings(pr.GetValue(oldRun), pr.GetValue(newRun), pr.GetValue(previous), pr.GetValue(all), pr.GetValue(outPath), pr.GetValue(json),
                new DiffOptions { MinChange = pr.GetValue(minChange) }, pr.GetValue(exitZero)),
            output));
        return diff;
    }
}
