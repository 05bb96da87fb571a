using System.Text;
using System.Text.Json;
using Buurtscan.Build;
using Buurtscan.Domain;
using Buurtscan.Render;
using Buurtscan.Resolve;

namespace Buurtscan.Diff;

/// <summary>One run read back from disk: its scan, its manifest when there is one, and the label the report uses.</summary>
public sealed record LoadedRun(string Label, string Folder, Scan Scan, Manifest? Manifest);

/// <summary>The parameters of `buurtscan diff`.</summary>
public sealed record DiffSettings(string? Old, string? New, string? Previous, bool All, string? Out, bool Json, DiffOptions Options, bool ExitZero);

/// <summary>
/// `buurtscan diff`: reads two runs (or the two newest of a buurt's folder, or of every buurt), compares
/// them and writes the report. Every problem with the inputs is found before anything is written.
/// </summary>
public static class DiffRunner
{
    public const string OverviewName = "overzicht";

    public static int Run(DiffSettings settings, TextWriter output)
    {
        try
        {
            return settings.All ? RunAll(settings, output) : RunOne(settings, output);
        }
        catch (BuurtscanException e) when (e.ExitCode != ScanDiff.Trouble)
        {
            // diff(1)'s convention: every kind of trouble is 2, so jobs can tell it from "changes found".
            throw new BuurtscanException(e.Message, ScanDiff.Trouble);
        }
    }

    private static int RunOne(DiffSettings settings, TextWriter output)
    {
        var (old, @new) = settings.Previous is { } folder ? NewestTwo(folder) : (Load(settings.Old!), Load(settings.New!));
        var diff = ScanDiff.Compare(old.Scan, @new.Scan, old.Manifest, @new.Manifest, settings.Options);
        var labels = Labels(old, @new);
        var text = settings.Json ? DiffReport.Json(diff, labels) : DiffReport.Markdown(diff, labels);
        if (settings.Out is null)
        {
            output.Write(text);
        }
        else
        {
            WriteFileAtomically(settings.Out, text);
            output.WriteLine($"wijzigingen {diff.New.AreaName} ({labels.Old} → {labels.New}) geschreven naar {settings.Out}: {Counts(diff)}");
        }

        return ExitCode(diff.HasNotableChanges, settings.ExitZero);
    }

    /// <summary>Reads `scan.json` (and `manifest.json` beside it) from a run folder or from the path of a scan.json.</summary>
    public static LoadedRun Load(string path)
    {
        string folder, scanFile;
        if (Directory.Exists(path))
        {
            folder = path;
            scanFile = Path.Combine(path, "scan.json");
        }
        else if (File.Exists(path))
        {
            scanFile = path;
            folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        }
        else
        {
            throw new BuurtscanException($"{path}: no such run (expected a run folder with scan.json, or the path of a scan.json)", ScanDiff.Trouble);
        }

        if (!File.Exists(scanFile)) throw new BuurtscanException($"{scanFile}: missing (expected the scan.json that `buurtscan build` writes in every run folder)", ScanDiff.Trouble);
        var scan = Parse<Scan>(scanFile, "scan.json");
        if (string.IsNullOrEmpty(scan.SchemaVersion) || scan.Focus?.Code is null || scan.Themes is null)
        {
            throw new BuurtscanException($"{scanFile}: not a buurtscan scan.json (expected schemaVersion, focus and themes)", ScanDiff.Trouble);
        }

        var manifestFile = Path.Combine(folder, "manifest.json");
        Manifest? manifest = null;
        if (File.Exists(manifestFile))
        {
            manifest = Parse<Manifest>(manifestFile, "manifest.json");
            if (manifest.Tool != "buurtscan" || manifest.Parameters is null)
            {
                throw new BuurtscanException($"{manifestFile}: not a buurtscan manifest.json (expected tool \"buurtscan\" and parameters)", ScanDiff.Trouble);
            }

            if (manifest.SchemaVersion != scan.SchemaVersion || manifest.Parameters.AreaCode != scan.Focus.Code)
            {
                throw new BuurtscanException($"{manifestFile}: belongs to another run than {scanFile} (schema version or area code differ); the run folder is damaged", ScanDiff.Trouble);
            }
        }

        return new LoadedRun(Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder))), folder, scan, manifest);
    }

    /// <summary>The newest run of a buurt's folder and the one before it.</summary>
    public static (LoadedRun Old, LoadedRun New) NewestTwo(string buurtFolder)
    {
        if (!Directory.Exists(buurtFolder)) throw new BuurtscanException($"{buurtFolder}: no such folder (expected a buurt's folder of the scans layout, e.g. scans/wegener-sleeswijkbuurt)", ScanDiff.Trouble);
        var runs = RunLayout.Runs(buurtFolder);
        if (runs.Count < 2)
        {
            throw new BuurtscanException(
                $"{buurtFolder}: {(runs.Count == 0 ? "no runs" : "only one run")} (expected at least two quarter folders such as 2024-Q1 and 2024-Q2 to compare)", ScanDiff.Trouble);
        }

        return (Load(runs[^2].Path), Load(runs[^1].Path));
    }

    private static int RunAll(DiffSettings settings, TextWriter output)
    {
        var root = settings.Previous!;
        if (!Directory.Exists(root)) throw new BuurtscanException($"{root}: no such folder (expected the scans folder of `build --scans`)", ScanDiff.Trouble);
        var buurten = Directory.EnumerateDirectories(root)
            .Where(d => !Path.GetFileName(d).StartsWith('.'))
            .OrderBy(d => Path.GetFileName(d), StringComparer.Ordinal)
            .ToList();

        var entries = new List<OverviewEntry>();
        var reports = new List<(string Name, string Markdown, string Json)>();
        foreach (var folder in buurten)
        {
            var name = Path.GetFileName(folder);
            var runs = RunLayout.Runs(folder);
            if (runs.Count < 2)
            {
                entries.Add(new OverviewEntry(name, null, runs.Count == 1 ? runs[0].Period.ToString() : null, null, null));
                continue;
            }

            try
            {
                var (old, @new) = NewestTwo(folder);
                var diff = ScanDiff.Compare(old.Scan, @new.Scan, old.Manifest, @new.Manifest, settings.Options);
                var labels = Labels(old, @new);
                reports.Add((name, DiffReport.Markdown(diff, labels), DiffReport.Json(diff, labels)));
                entries.Add(new OverviewEntry(name, labels.Old, labels.New, diff, null));
            }
            catch (BuurtscanException e)
            {
                entries.Add(new OverviewEntry(name, runs[^2].Period.ToString(), runs[^1].Period.ToString(), null, e.Message));
            }
        }

        OutputFolder.WriteAtomically(settings.Out!, folder =>
        {
            foreach (var (name, markdown, json) in reports)
            {
                WriteText(Path.Combine(folder, name + ".md"), markdown);
                WriteText(Path.Combine(folder, name + ".json"), json);
            }

            WriteText(Path.Combine(folder, OverviewName + ".md"), Overview(entries, settings.Options));
        });

        var errors = entries.Count(e => e.Error is not null);
        var notable = entries.Count(e => e.Diff?.HasNotableChanges == true);
        output.WriteLine($"wijzigingen van {reports.Count} buurten geschreven naar {settings.Out}: {notable} met opvallende wijzigingen" +
            $", {entries.Count(e => e.Diff is null && e.Error is null)} zonder eerdere run" + (errors > 0 ? $", {errors} niet te vergelijken" : ""));
        return errors > 0 ? ScanDiff.Trouble : ExitCode(notable > 0, settings.ExitZero);
    }

    private sealed record OverviewEntry(string Folder, string? Old, string? New, ScanDiffResult? Diff, string? Error);

    /// <summary>One line per buurt: the buurten with the most notable changes first.</summary>
    private static string Overview(List<OverviewEntry> entries, DiffOptions options)
    {
        var md = new StringBuilder("# Wijzigingen per buurt\n\n");
        md.Append("Per buurt de nieuwste run vergeleken met de run daarvoor. Drempel: `--min-change ")
          .Append(options.MinChange.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("`.\n\n");
        md.Append("| Buurt | Code | Oud | Nieuw | Echt | Gegevens | Klein | Bronbestanden | Rapport |\n|---|---|---|---|---:|---:|---:|---:|---|\n");
        var ordered = entries
            .OrderByDescending(e => e.Error is not null)
            .ThenByDescending(e => e.Diff?.Changes.Count(c => c.Notable) ?? -1)
            .ThenBy(e => e.Folder, StringComparer.Ordinal);
        foreach (var e in ordered)
        {
            md.Append("| ");
            if (e.Diff is { } diff)
            {
                var (real, data, minor, sources) = DiffReport.Split(diff);
                md.Append(MarkdownText.Escape(diff.New.AreaName)).Append(" | ").Append(MarkdownText.Escape(diff.New.AreaCode)).Append(" | ")
                  .Append(e.Old).Append(" | ").Append(e.New).Append(" | ").Append(real.Count).Append(" | ").Append(data.Count).Append(" | ")
                  .Append(minor.Count).Append(" | ").Append(sources.Count).Append(" | [").Append(e.Folder).Append(".md](").Append(e.Folder).Append(".md) |\n");
            }
            else if (e.Error is not null)
            {
                md.Append(MarkdownText.Escape(e.Folder)).Append(" | | ").Append(e.Old).Append(" | ").Append(e.New)
                  .Append(" | | | | | niet te vergelijken: ").Append(MarkdownText.Escape(e.Error)).Append(" |\n");
            }
            else
            {
                md.Append(MarkdownText.Escape(e.Folder)).Append(" | | – | ").Append(e.New ?? "–").Append(" | | | | | eerste run, niets te vergelijken |\n");
            }
        }

        return md.ToString();
    }

    private static RunLabels Labels(LoadedRun old, LoadedRun @new)
    {
        if (old.Label != @new.Label) return new RunLabels(old.Label, @new.Label);
        // Two runs in folders of the same name (out-a/fb08, out-b/fb08): name them by their parent folders too.
        static string Longer(LoadedRun run) =>
            $"{Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(run.Folder))))}/{run.Label}";
        return new RunLabels(Longer(old), Longer(@new));
    }

    private static string Counts(ScanDiffResult diff)
    {
        var (real, data, minor, sources) = DiffReport.Split(diff);
        return $"{real.Count} echte veranderingen, {data.Count} opvallende veranderingen in de gegevens, {minor.Count} kleine, {sources.Count} bronbestanden";
    }

    private static int ExitCode(bool notable, bool exitZero) => notable && !exitZero ? ExitCodes.Changes : ExitCodes.Ok;

    private static T Parse<T>(string file, string what)
        where T : class
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (IOException e)
        {
            throw new BuurtscanException($"{file}: cannot read {what}: {e.Message}", ScanDiff.Trouble);
        }

        try
        {
            return JsonSerializer.Deserialize(text, ScanJson.Info<T>()) ?? throw new BuurtscanException($"{file}: {what} is empty (null)", ScanDiff.Trouble);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}" : "";
            throw new BuurtscanException($"{file}: {what} is damaged{where}: {e.Message.Split(" Path:")[0]} (rebuild the run)", ScanDiff.Trouble);
        }
    }

    /// <summary>Writes next to the target and renames, so a failed write never leaves half a report nor removes the old one.</summary>
    private static void WriteFileAtomically(string path, string text)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new BuurtscanException($"'{path}' is a folder; --out must name a file (or use --all for a folder of reports)", ScanDiff.Trouble);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.tmp-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            WriteText(temporary, text);
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(temporary)) File.Delete(temporary);
            throw new BuurtscanException($"could not write '{path}': {e.Message}", ScanDiff.Trouble);
        }
    }

    private static void WriteText(string path, string text) => File.WriteAllText(path, text, new UTF8Encoding(false));
}
