using System.Globalization;
using System.Text;
using Buurtscan.Resolve;

namespace Buurtscan.Render;

/// <summary>A choropleth's data: the classes and every buurt's value and class. Golden-tested instead of pixels.</summary>
public sealed record ChoroplethData(string IndicatorId, string Label, string Unit, int? Year, string Method, IReadOnlyList<ChoroplethClass> Classes, IReadOnlyList<ChoroplethArea> Areas);

/// <summary>One class: the lowest and highest value in it, how many buurten, and its colour.</summary>
public sealed record ChoroplethClass(int Number, double From, double To, int Count, string Colour, string Label);

/// <summary>A buurt on the choropleth. Class is null when there is no figure (missing or suppressed).</summary>
public sealed record ChoroplethArea(string Code, string Name, double? Value, FigureStatus Status, int? Class, bool IsFocus);

/// <summary>
/// Class breaks for choropleths: quantiles, so each class holds about as many buurten. Buurt figures are skewed
/// (a few small buurten have extreme shares), and equal intervals would put nearly every buurt in one colour.
/// </summary>
public static class ChoroplethClasses
{
    public const int MaxClasses = 5;

    /// <summary>ColorBrewer YlGnBu, light (low) to dark (high): sequential and safe for colour-blind readers, per number of classes.</summary>
    private static readonly string[][] YlGnBu =
    [
        ["#41B6C4"],
        ["#A1DAB4", "#2C7FB8"],
        ["#EDF8B1", "#7FCDBB", "#2C7FB8"],
        ["#FFFFCC", "#A1DAB4", "#41B6C4", "#225EA8"],
        ["#FFFFCC", "#A1DAB4", "#41B6C4", "#2C7FB8", "#253494"],
    ];

    public static ChoroplethData For(Figure figure, string focusCode)
    {
        var values = figure.Neighbourhood.Where(a => a.Value is not null).Select(a => a.Value!.Value).Order().ToArray();
        var classOf = ClassesOf(values);
        var count = classOf.Count == 0 ? 0 : classOf.Values.Max();
        var colours = count == 0 ? [] : YlGnBu[count - 1];
        var ranges = Enumerable.Range(1, count).Select(c => values.Where(v => classOf[v] == c).ToList()).Select(m => (From: m[0], To: m[^1], Count: m.Count)).ToList();

        // One more decimal in the legend when rounding would make one class end where the next begins (19,2% – 19,2%).
        var extra = Enumerable.Range(0, 3).FirstOrDefault(e => ranges.Zip(ranges.Skip(1)).All(p => Format(p.First.To, figure, e) != Format(p.Second.From, figure, e)));
        var classes = new List<ChoroplethClass>();
        for (var c = 1; c <= count; c++)
        {
            var (from, to, members) = ranges[c - 1];
            var fromText = Format(from, figure, extra);
            var toText = Format(to, figure, extra);
            classes.Add(new ChoroplethClass(c, from, to, members, colours[c - 1], fromText == toText ? fromText : $"{fromText} – {toText}"));
        }

        var areas = figure.Neighbourhood
            .Select(a => new ChoroplethArea(a.Code, a.Name, a.Value, a.Status, a.Value is { } v ? classOf[v] : null, a.Code == focusCode))
            .ToList();
        var method = count == 0
            ? "Geen buurt in dit gebied heeft een cijfer."
            : $"Klassen: kwantielen. De {values.Length} buurten met een cijfer zijn naar hun waarde verdeeld over {count} " +
              (count == 1 ? "klasse" : "klassen van ongeveer even veel buurten") +
              (count < MaxClasses && values.Length >= MaxClasses ? " (er zijn minder verschillende waarden dan klassen)" : "") +
              "; gelijke waarden staan altijd in dezelfde klasse, en een klasse loopt van de laagste tot de hoogste waarde erin.";
        return new ChoroplethData(figure.IndicatorId, figure.Label, figure.Unit, figure.Year, method, classes, areas);
    }

    /// <summary>A value as the chapter shows it, with extra decimals when asked.</summary>
    private static string Format(double value, Figure figure, int extraDecimals)
    {
        if (extraDecimals == 0) return Dutch.Value(value, figure.Unit, figure.Kind);
        var decimals = (figure.Unit == "%" ? 1 : figure.Kind == Domain.IndicatorKind.Count || Math.Abs(value) >= 100 ? 0 : 1) + extraDecimals;
        var text = value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), Dutch.Numbers);
        return figure.Unit switch
        {
            "%" => text + "%",
            "aantal" or "" => text,
            _ => text + " " + figure.Unit,
        };
    }

    /// <summary>
    /// The class (1 = lowest) of each distinct value: quantiles that respect ties. The distinct values are taken in
    /// order and a class is closed once it holds its share of the buurten still to place (or when the values left
    /// are just enough for the classes left). So equal values always share a class, every class is used, and there
    /// are min(5, number of distinct values) classes.
    /// </summary>
    public static IReadOnlyDictionary<double, int> ClassesOf(IReadOnlyList<double> sorted)
    {
        var result = new Dictionary<double, int>();
        if (sorted.Count == 0) return result;
        var distinct = sorted.GroupBy(v => v).Select(g => (Value: g.Key, Count: g.Count())).ToList();
        var k = Math.Min(MaxClasses, distinct.Count);
        var current = 1;
        var inClass = 0;
        var toPlace = sorted.Count;
        for (var j = 0; j < distinct.Count; j++)
        {
            result[distinct[j].Value] = current;
            inClass += distinct[j].Count;
            var classesLeft = k - current;
            if (classesLeft == 0) continue;
            var share = (double)toPlace / (classesLeft + 1);
            if (inClass >= share || distinct.Count - j - 1 == classesLeft)
            {
                current++;
                toPlace -= inClass;
                inClass = 0;
            }
        }

        return result;
    }

    /// <summary>The CSV beside the map: one row per buurt with its value, status and class (with the class's range and colour).</summary>
    public static string ToCsv(ChoroplethData data)
    {
        var sb = new StringBuilder("code;naam;waarde;status;klasse;klasse_van;klasse_tot;kleur;focus\n");
        foreach (var a in data.Areas)
        {
            var c = a.Class is { } n ? data.Classes[n - 1] : null;
            sb.Append(Field(a.Code)).Append(';').Append(Field(a.Name)).Append(';')
              .Append(a.Value?.ToString("R", CultureInfo.InvariantCulture) ?? "").Append(';')
              .Append(a.Status.ToString().ToLowerInvariant()).Append(';')
              .Append(a.Class?.ToString(CultureInfo.InvariantCulture) ?? "").Append(';')
              .Append(c?.From.ToString("R", CultureInfo.InvariantCulture) ?? "").Append(';')
              .Append(c?.To.ToString("R", CultureInfo.InvariantCulture) ?? "").Append(';')
              .Append(c?.Colour ?? Maps.NoFigureFill).Append(';')
              .Append(a.IsFocus ? "ja" : "nee").Append('\n');
        }

        return sb.ToString();
    }

    internal static string Field(string text) =>
        text.AsSpan().IndexOfAny(";\"\n\r") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
