using System.Globalization;
using Buurtscan.Domain;
using Buurtscan.Render;
using Buurtscan.Resolve;

namespace Buurtscan.Diff;

/// <summary>The Dutch words and sentences for changes, shared by the Markdown and the JSON report.</summary>
public static class DiffText
{
    public static string KindName(Change change) => change.Kind switch
    {
        ChangeKind.NewPeriod => change.Nature == ChangeNature.Real ? "nieuwe periode" : "oudere periode",
        ChangeKind.Revised => change.Subject == "comparison" ? "herzien vergelijkingscijfer" : "herzien cijfer",
        ChangeKind.LevelChanged => "ander niveau",
        ChangeKind.BoundaryOrEstimation => change.IndicatorId is null ? "gebiedsindeling" : "grenswijziging of schatting",
        ChangeKind.NewlySuppressed => change.New?.Status == FigureStatus.Suppressed ? "nieuw onderdrukt" : "niet meer beschikbaar",
        ChangeKind.NewlyAvailable => "nieuw beschikbaar",
        ChangeKind.StatusChanged => "andere status",
        ChangeKind.IndicatorAdded => "indicator toegevoegd",
        ChangeKind.IndicatorRemoved => "indicator verwijderd",
        ChangeKind.SourceChanged => "bronbestand",
        _ => change.Kind.ToString(),
    };

    /// <summary>One or two plain sentences: what changed and why it changed.</summary>
    public static string Describe(Change change)
    {
        var o = change.Old;
        var n = change.New;
        return change.Kind switch
        {
            ChangeKind.NewPeriod when change.Nature == ChangeNature.Real =>
                $"Van {Shown(change, o)} naar {Shown(change, n)}: {Difference(change)}.{MeasuredAt(n)}{Context(change)}",
            ChangeKind.NewPeriod =>
                $"Het cijfer gaat nu over een oudere periode: {Shown(change, o)} → {Shown(change, n)}. De nieuwste periode ontbreekt in de nieuwe gegevens.",
            ChangeKind.Revised when change.Subject == "comparison" =>
                $"Het cijfer zelf is gelijk ({Shown(change, n)}); de bron heeft het herzien voor {ComparisonList(change)}.",
            ChangeKind.Revised =>
                $"De bron heeft het cijfer over {Year(n)} herzien: {Value(change, o?.Value)} → {Value(change, n?.Value)} ({Difference(change)}).{Context(change)}",
            ChangeKind.LevelChanged =>
                $"Kwam uit {Where(o)}, nu uit {Where(n)}{LevelReason(change)}: {Shown(change, o)} → {Shown(change, n)}. De waarden zijn niet met elkaar te vergelijken.",
            ChangeKind.BoundaryOrEstimation when change.IndicatorId is null => AreaSentence(change),
            ChangeKind.BoundaryOrEstimation =>
                $"{Capitalise(StatusWord(o))} {Shown(change, o)} → {StatusWord(n)} {Shown(change, n)}. Het verschil komt (deels) door de grenswijziging of de schatting, niet alleen door de buurt.",
            ChangeKind.NewlySuppressed =>
                $"Was {Shown(change, o)}; nu geen waarde: {Why(n?.Status ?? FigureStatus.Missing)}.",
            ChangeKind.NewlyAvailable =>
                $"Nu {Shown(change, n)}{MeasuredAtShort(n)}; eerder geen waarde: {Why(o?.Status ?? FigureStatus.Missing)}.",
            ChangeKind.StatusChanged when o?.Value is null && n?.Value is null =>
                $"Nog steeds geen waarde; de reden was \"{Why(o?.Status ?? FigureStatus.Missing)}\", nu \"{Why(n?.Status ?? FigureStatus.Missing)}\".",
            ChangeKind.StatusChanged when change.Subject == "comparison" =>
                $"Het cijfer zelf is gelijk; bij de vergelijking veranderde de status voor {ComparisonList(change)}.",
            ChangeKind.StatusChanged =>
                $"Zelfde waarde ({Shown(change, n)}), andere status: {Dutch.Status(o?.Status ?? FigureStatus.Missing)} → {Dutch.Status(n?.Status ?? FigureStatus.Missing)}.",
            ChangeKind.IndicatorAdded => $"Nieuw in het profiel: {Shown(change, n)}.",
            ChangeKind.IndicatorRemoved => $"Niet meer in het profiel (was {Shown(change, o)}).",
            ChangeKind.SourceChanged when change.IndicatorId is not null =>
                $"Zelfde waarde, uit een ander bestand: {string.Join(", ", o?.Sources ?? [])} → {string.Join(", ", n?.Sources ?? [])}.",
            ChangeKind.SourceChanged => SourceSentence(change),
            _ => "",
        };
    }

    /// <summary>Why a kind of change is or is not a change in the buurt itself, for the report's legend.</summary>
    public static string Legend(ChangeKind kind) => kind switch
    {
        ChangeKind.NewPeriod => "cijfers over een nieuwere periode, op hetzelfde niveau en op dezelfde manier bepaald: de buurt zelf is veranderd",
        ChangeKind.Revised => "zelfde periode, andere waarde: de bron heeft het cijfer gecorrigeerd",
        ChangeKind.LevelChanged => "het cijfer komt van een ander niveau (bijvoorbeeld de wijk in plaats van de buurt)",
        ChangeKind.BoundaryOrEstimation => "het verschil komt door de nieuwe gebiedsindeling of door een schatting",
        ChangeKind.NewlySuppressed => "er was een waarde, nu niet meer (onderdrukt, nog niet gepubliceerd of ontbrekend)",
        ChangeKind.NewlyAvailable => "er was geen waarde, nu wel",
        ChangeKind.StatusChanged => "zelfde waarde, andere status (gepubliceerd of berekend), of een andere reden waarom er geen waarde is",
        ChangeKind.IndicatorAdded => "de indicator staat nieuw in het profiel",
        ChangeKind.IndicatorRemoved => "de indicator staat niet meer in het profiel",
        ChangeKind.SourceChanged => "een bronbestand is nieuw, verdwenen of heeft een andere inhoud (SHA-256)",
        _ => "",
    };

    /// <summary>Why there is no value, in the chapter's words.</summary>
    public static string Why(FigureStatus status) => status switch
    {
        FigureStatus.Suppressed => "geheim of te klein om te tonen",
        FigureStatus.Later => "nog niet gepubliceerd",
        FigureStatus.NotAtLevel => "niet gepubliceerd op dit niveau",
        _ => "geen gegevens",
    };

    public static string Value(Change change, double? value) =>
        Dutch.Value(value, change.Unit ?? "", change.IndicatorKind ?? IndicatorKind.Count);

    /// <summary>The value with its year, or the reason there is none: "12,0% (2024)", "onderdrukt".</summary>
    public static string Shown(Change change, FigureSnapshot? snapshot)
    {
        if (snapshot is null) return "–";
        if (snapshot.Value is null) return Dutch.Status(snapshot.Status);
        return $"{Value(change, snapshot.Value)} ({Year(snapshot)})";
    }

    /// <summary>"+120 (+8,0%)" for counts and means, "+0,5 procentpunt" for percentages.</summary>
    public static string Difference(Change change)
    {
        if (change.Difference is not { } d) return "verschil onbekend";
        if (change.Unit == "%") return Signed(d, 1) + " procentpunt";
        var decimals = change.IndicatorKind == IndicatorKind.Count ? 0 : 1;
        var text = Signed(d, decimals) + (change.Unit is null or "aantal" or "" or "%" ? "" : " " + change.Unit);
        return change.RelativeDifference is { } r ? $"{text} ({Signed(r, 1)}%)" : text;
    }

    public static string Signed(double value, int decimals)
    {
        var format = "N" + decimals.ToString(CultureInfo.InvariantCulture);
        if (value != 0 && Math.Round(value, decimals) == 0)
        {
            // A change too small for the usual decimals gets up to two more, never a misleading ±0.
            format = "#,##0." + new string('0', decimals) + "##";
            decimals += 2;
        }

        var rounded = Math.Round(value, decimals);
        return rounded switch
        {
            > 0 => "+" + rounded.ToString(format, Dutch.Numbers),
            < 0 => "-" + (-rounded).ToString(format, Dutch.Numbers),
            _ => "±" + 0.0.ToString(format, Dutch.Numbers),
        };
    }

    public static string Year(FigureSnapshot? snapshot) => snapshot?.Year?.ToString(CultureInfo.InvariantCulture) ?? "onbekend jaar";

    private static string Where(FigureSnapshot? snapshot) => snapshot?.Level is { } level
        ? $"{level.WithArticle()}{(snapshot.AreaName is { Length: > 0 } name ? $" ({name})" : "")}"
        : "geen niveau";

    /// <summary>Why the figure moved: the lower level lost its value (often suppression), or gained one.</summary>
    private static string LevelReason(Change change)
    {
        if (change.Old?.Level is not { } before || change.New?.Level is not { } after) return "";
        if (after < before) return $", want nu is er een waarde voor {Where(change.New)}";
        var lost = change.Comparisons.FirstOrDefault(c => c.Level == before && c.Code == change.Old.AreaCode && c.NewValue is null);
        return lost is null ? "" : $", want voor {Where(change.Old)} is er nu geen waarde ({Why(lost.NewStatus)})";
    }

    private static string MeasuredAt(FigureSnapshot? snapshot) => snapshot?.Level is { } level and not Level.Buurt
        ? $" Gemeten voor {Where(snapshot)}: de verandering geldt voor dat hele gebied."
        : "";

    private static string MeasuredAtShort(FigureSnapshot? snapshot) => snapshot?.Level is { } level and not Level.Buurt ? $", voor {Where(snapshot)}" : "";

    /// <summary>For the table of real changes, whose columns already show the values: where it was measured, and the parents beside it.</summary>
    public static string Remarks(Change change) => (MeasuredAt(change.New) + Context(change)).Trim();

    /// <summary>The parents' movement beside the buurt's, so that a reader sees whether the buurt moved with the city.</summary>
    private static string Context(Change change)
    {
        var parts = change.Comparisons.Where(c => c.OldValue is not null && c.NewValue is not null && c.Level != Level.Land)
            .Select(c => $"{c.Name} {Value(change, c.OldValue)} → {Value(change, c.NewValue)}").ToList();
        return parts.Count == 0 ? "" : $" Ter vergelijking: {string.Join("; ", parts)}.";
    }

    private static string ComparisonList(Change change) => string.Join("; ", change.Comparisons.Select(c =>
        $"{c.Level.Dutch()} {c.Name} ({(c.OldValue is null ? Dutch.Status(c.OldStatus) : Value(change, c.OldValue))} → {(c.NewValue is null ? Dutch.Status(c.NewStatus) : Value(change, c.NewValue))})"));

    private static string StatusWord(FigureSnapshot? snapshot) => snapshot is null ? "" : Dutch.Status(snapshot.Status);

    private static string AreaSentence(Change change) => change.Subject switch
    {
        "name" => $"De naam is veranderd: {change.OldText} → {change.NewText}.",
        "chain" => $"De buurt ligt nu in {Or(change.NewText)} (was {Or(change.OldText)}): de vergelijkingsgebieden zijn andere.",
        "parts" => $"Het gebied bestaat nu uit {Or(change.NewText)} (was {Or(change.OldText)}): cijfers van voor en na zijn niet zonder meer vergelijkbaar.",
        "area-m2" => $"De oppervlakte is veranderd van {Hectares(change.OldText)} naar {Hectares(change.NewText)} hectare: de grens van de buurt is gewijzigd, " +
            "dus cijfers van voor en na de wijziging zijn niet zonder meer vergelijkbaar.",
        _ => $"{change.Subject}: {change.OldText} → {change.NewText}.",
    };

    private static string SourceSentence(Change change) => (change.OldText, change.NewText) switch
    {
        (null, _) => "Nieuw bestand.",
        (_, null) => "Wordt niet meer gebruikt.",
        _ => $"Andere inhoud (SHA-256 {Short(change.OldText)} → {Short(change.NewText)}).",
    };

    private static string Hectares(string? m2) =>
        double.TryParse(m2, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? Dutch.Number(v / 10_000, 1) : "?";

    private static string Short(string? hash) => hash is null ? "–" : hash.Length > 12 ? hash[..12] + "…" : hash;

    private static string Or(string? text) => string.IsNullOrEmpty(text) ? "geen grotere gebieden" : text;

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
