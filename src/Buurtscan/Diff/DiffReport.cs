using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Buurtscan.Domain;
using Buurtscan.Render;

namespace Buurtscan.Diff;

/// <summary>How the report names the two runs: their folder labels (`2024-Q1`), never their full paths, so reports are reproducible.</summary>
public sealed record RunLabels(string Old, string New);

/// <summary>The change report in Markdown (for analysts, in Dutch) and in JSON (for jobs). Pure functions of the diff.</summary>
public static class DiffReport
{
    /// <summary>Version of the JSON report's shape.</summary>
    public const string JsonSchemaVersion = "1";

    private static readonly ChangeKind[] LegendOrder =
    [
        ChangeKind.NewPeriod, ChangeKind.Revised, ChangeKind.LevelChanged, ChangeKind.BoundaryOrEstimation, ChangeKind.NewlySuppressed,
        ChangeKind.NewlyAvailable, ChangeKind.StatusChanged, ChangeKind.IndicatorAdded, ChangeKind.IndicatorRemoved, ChangeKind.SourceChanged,
    ];

    public static string Markdown(ScanDiffResult diff, RunLabels labels)
    {
        var md = new StringBuilder();
        var (real, data, minor, sources) = Split(diff);
        md.Append("# Wijzigingen in de buurtscan ").Append(MarkdownText.Escape(diff.New.AreaName)).Append(" (").Append(MarkdownText.Escape(diff.New.AreaCode)).Append(")\n\n");
        md.Append("| | Oud | Nieuw |\n|---|---|---|\n");
        Row(md, "Run", labels.Old, labels.New);
        Row(md, "Nieuwste gegevens", Year(diff.Old.NewestYear), Year(diff.New.NewestYear));
        Row(md, "Versie van buurtscan", diff.Old.ToolVersion, diff.New.ToolVersion);
        if (diff.Old.ExampleData || diff.New.ExampleData) Row(md, "Voorbeelddata", diff.Old.ExampleData ? "ja" : "nee", diff.New.ExampleData ? "ja" : "nee");
        md.Append('\n');

        md.Append("**Kort:** ").Append(Summary(real, data, minor, sources)).Append("\n\n");
        md.Append("Een wijziging is opvallend vanaf ").Append(Threshold(diff.MinChange)).Append(" (`--min-change ")
          .Append(diff.MinChange.ToString(CultureInfo.InvariantCulture)).Append("`), en altijd als een cijfer verschijnt, verdwijnt, ")
          .Append("van niveau verandert of de gebiedsindeling anders is.\n\n");

        md.Append("## Echte veranderingen in de buurt\n\n");
        md.Append("Cijfers over een nieuwere periode, op hetzelfde niveau en op dezelfde manier bepaald: hier is de buurt (of het gebied waarvoor het cijfer geldt) zelf veranderd.\n\n");
        if (real.Count == 0)
        {
            md.Append("Geen.\n\n");
        }
        else
        {
            md.Append("| Indicator | Oud | Nieuw | Verschil | Niveau | Opmerking |\n|---|---:|---:|---:|---|---|\n");
            foreach (var c in real)
            {
                md.Append("| ").Append(Esc(c.Label)).Append(" | ").Append(Esc(DiffText.Shown(c, c.Old))).Append(" | ").Append(Esc(DiffText.Shown(c, c.New)))
                  .Append(" | ").Append(Esc(DiffText.Difference(c))).Append(" | ").Append(Esc(LevelName(c))).Append(" | ").Append(Esc(DiffText.Remarks(c))).Append(" |\n");
            }

            md.Append('\n');
        }

        md.Append("## Veranderingen in de gegevens\n\n");
        md.Append("Deze verschillen komen door de bron, de gebiedsindeling, een schatting of het profiel, niet door de buurt zelf.\n\n");
        AppendTable(md, data);

        if (minor.Count > 0)
        {
            md.Append("## Kleine wijzigingen\n\n");
            md.Append("Onder de drempel, of zonder gevolg voor wat de buurtscan laat zien.\n\n");
            AppendTable(md, minor);
        }

        if (sources.Count > 0)
        {
            md.Append("## Bronbestanden\n\n| Bestand | Wijziging |\n|---|---|\n");
            foreach (var c in sources)
            {
                md.Append("| `").Append(c.Subject.Replace("`", "'", StringComparison.Ordinal)).Append("` | ").Append(Esc(DiffText.Describe(c))).Append(" |\n");
            }

            md.Append('\n');
        }

        if (diff.Notes.Count > 0)
        {
            md.Append("## Opmerkingen\n\n");
            foreach (var note in diff.Notes) md.Append("- ").Append(Esc(Note(note))).Append('\n');
            md.Append('\n');
        }

        var kinds = diff.Changes.Select(c => c.Kind).ToHashSet();
        if (kinds.Count > 0)
        {
            md.Append("## Soorten wijzigingen\n\n");
            foreach (var kind in LegendOrder.Where(kinds.Contains))
            {
                var sample = diff.Changes.First(c => c.Kind == kind);
                md.Append("- **").Append(Esc(KindTitle(kind, sample))).Append("**: ").Append(DiffText.Legend(kind)).Append(".\n");
            }

            md.Append('\n');
        }

        return md.ToString();
    }

    /// <summary>The same diff for jobs: every change as a record (kebab-case enums), with its Dutch description beside it.</summary>
    public static string Json(ScanDiffResult diff, RunLabels labels)
    {
        var (real, data, minor, sources) = Split(diff);
        var changes = new JsonArray();
        foreach (var change in diff.Changes)
        {
            var node = JsonSerializer.SerializeToNode(change, ScanJson.Info<Change>())!.AsObject();
            node["description"] = DiffText.Describe(change);
            changes.Add((JsonNode)node);
        }

        var root = new JsonObject
        {
            ["schemaVersion"] = JsonSchemaVersion,
            ["areaCode"] = diff.New.AreaCode,
            ["areaName"] = diff.New.AreaName,
            ["old"] = Run(diff.Old, labels.Old),
            ["new"] = Run(diff.New, labels.New),
            ["minChange"] = diff.MinChange,
            ["notable"] = diff.HasNotableChanges,
            ["counts"] = new JsonObject
            {
                ["real"] = real.Count,
                ["data"] = data.Count,
                ["minor"] = minor.Count,
                ["sources"] = sources.Count,
            },
            ["changes"] = changes,
            ["notes"] = JsonSerializer.SerializeToNode(diff.Notes, ScanJson.Info<IReadOnlyList<DiffNote>>()),
        };
        return root.ToJsonString(ScanJson.Options) + "\n";
    }

    /// <summary>Notable real changes; notable data changes; the rest of the figure and area changes; source files.</summary>
    public static (List<Change> Real, List<Change> Data, List<Change> Minor, List<Change> Sources) Split(ScanDiffResult diff)
    {
        var sources = diff.Changes.Where(c => c.Kind == ChangeKind.SourceChanged && c.IndicatorId is null).ToList();
        var rest = diff.Changes.Where(c => !sources.Contains(c)).ToList();
        return (
            rest.Where(c => c.Notable && c.Nature == ChangeNature.Real).ToList(),
            rest.Where(c => c.Notable && c.Nature == ChangeNature.Data).ToList(),
            rest.Where(c => !c.Notable).ToList(),
            sources);
    }

    private static JsonObject Run(RunSummary run, string label)
    {
        var node = JsonSerializer.SerializeToNode(run, ScanJson.Info<RunSummary>())!.AsObject();
        node.Insert(0, "label", label);
        return node;
    }

    private static void AppendTable(StringBuilder md, List<Change> changes)
    {
        if (changes.Count == 0)
        {
            md.Append("Geen.\n\n");
            return;
        }

        md.Append("| Soort | Indicator | Oud | Nieuw | Toelichting |\n|---|---|---:|---:|---|\n");
        foreach (var c in changes)
        {
            var isArea = c.IndicatorId is null;
            md.Append("| ").Append(Esc(DiffText.KindName(c))).Append(" | ").Append(Esc(isArea ? AreaSubject(c.Subject) : c.Label ?? c.IndicatorId ?? ""))
              .Append(" | ").Append(Esc(isArea ? "" : DiffText.Shown(c, c.Old))).Append(" | ").Append(Esc(isArea ? "" : DiffText.Shown(c, c.New)))
              .Append(" | ").Append(Esc(DiffText.Describe(c))).Append(" |\n");
        }

        md.Append('\n');
    }

    private static string Summary(List<Change> real, List<Change> data, List<Change> minor, List<Change> sources)
    {
        if (real.Count + data.Count + minor.Count + sources.Count == 0)
        {
            return "geen wijzigingen: beide runs geven dezelfde cijfers uit dezelfde bestanden.";
        }

        var parts = new List<string>
        {
            Count(real.Count, "echte verandering", "echte veranderingen") + " in de buurt",
            Count(data.Count, "opvallende verandering", "opvallende veranderingen") + " in de gegevens",
        };
        if (minor.Count > 0) parts.Add(Count(minor.Count, "kleine wijziging", "kleine wijzigingen"));
        if (sources.Count > 0) parts.Add(Count(sources.Count, "gewijzigd bronbestand", "gewijzigde bronbestanden"));
        return DutchText.Join(parts) + ".";
    }

    private static string Count(int n, string one, string many) => n == 0 ? "geen " + many : n == 1 ? "1 " + one : $"{n} {many}";

    private static string Threshold(double minChange)
    {
        var text = minChange.ToString("0.##", Render.Dutch.Numbers);
        return $"{text} procentpunt bij percentages en {text}% van de oude waarde bij andere cijfers";
    }

    private static string LevelName(Change c) => c.New?.Level is { } level ? Domain.LevelNames.Dutch(level) : "–";

    private static string KindTitle(ChangeKind kind, Change sample) => kind switch
    {
        ChangeKind.NewPeriod => "nieuwe periode",
        ChangeKind.Revised => "herzien cijfer",
        ChangeKind.BoundaryOrEstimation => "grenswijziging of schatting",
        ChangeKind.NewlySuppressed => "nieuw onderdrukt of niet meer beschikbaar",
        _ => DiffText.KindName(sample),
    };

    private static string AreaSubject(string subject) => subject switch
    {
        "name" => "naam",
        "chain" => "ligging",
        "area-m2" => "oppervlakte",
        "parts" => "samenstelling",
        _ => subject,
    };

    private static string Note(DiffNote note) => note.Kind switch
    {
        DiffNoteKind.ToolVersionChanged => $"De runs zijn gemaakt met verschillende versies van buurtscan ({note.Old} en {note.New}); een verschil kan ook door de nieuwe versie komen.",
        DiffNoteKind.ExampleDataChanged => $"De ene run gebruikt voorbeelddata en de andere niet (oud: {note.Old}, nieuw: {note.New}).",
        DiffNoteKind.ManifestMissing => "manifest.json ontbreekt bij " + (note.Old is not null && note.New is not null ? "beide runs" : note.Old is not null ? "de oude run" : "de nieuwe run") +
            ": de bronbestanden zijn vergeleken zoals scan.json ze noemt, en het profiel is niet gecontroleerd.",
        _ => note.Kind.ToString(),
    };

    private static void Row(StringBuilder md, string name, string old, string @new) =>
        md.Append("| ").Append(name).Append(" | ").Append(Esc(old)).Append(" | ").Append(Esc(@new)).Append(" |\n");

    private static string Year(int? year) => year?.ToString(CultureInfo.InvariantCulture) ?? "–";

    private static string Esc(string? text) => MarkdownText.Escape(text ?? "");
}
