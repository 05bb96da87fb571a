using System.Globalization;
using System.Text;
using Buurtscan.Catalogue;

namespace Buurtscan.Bench;

/// <summary>
/// A generated data set of national size in the real file formats: the city's INDELING_BUURT.csv (one
/// square per buurt) and one CBS Kerncijfers wijken en buurten StatLine CSV per year. The areas are
/// shaped like Amsterdam's (5 buurten a wijk, 5 wijken a gebied, 20 gebieden a stadsdeel, one
/// gemeente), the figures are random but plausible (counts that add up, shares between 0 and 100, a
/// few suppressed or missing cells). Written to a temporary folder at bench time, never committed.
/// </summary>
internal static class NationalData
{
    public const int BuurtenPerWijk = 5;
    public const int WijkenPerGebied = 5;
    public const int GebiedenPerStadsdeel = 20;
    public const int FirstYear = 2015;

    /// <summary>Counts read from the files (the first is the number of inwoners), and shares computed from them.</summary>
    public const int Counts = 60;
    public const int Shares = 40;

    public static int Indicators => Counts + Shares;

    /// <summary>The catalogue of the generated indicators, written in the catalogue's own file formats and read as an analyst's extended copy would be.</summary>
    public static IndicatorCatalogue Catalogue()
    {
        var themes = IndicatorCatalogue.Themes;
        var indicators = new StringBuilder("id;label;theme;unit;kind;numerator;denominator;direction;definition;source;reference_date;same_as\n");
        indicators.Append("g_inwoners;Inwoners;bevolking;aantal;count;;;neutral;Gegenereerd aantal inwoners.;gegenereerd;1 januari;\n");
        for (var c = 1; c < Counts; c++)
        {
            indicators.Append(CultureInfo.InvariantCulture, $"g_c{c:00};Telling {c:00};{themes[c % themes.Count]};aantal;count;;;neutral;Gegenereerd aantal.;gegenereerd;1 januari;\n");
        }

        for (var s = 1; s <= Shares; s++)
        {
            var direction = (s % 3) switch { 0 => "neutral", 1 => "higher-is-better", _ => "higher-is-worse" };
            indicators.Append(CultureInfo.InvariantCulture,
                $"g_s{s:00};Aandeel {s:00};{themes[s % themes.Count]};%;share;g_c{s:00};g_inwoners;{direction};Gegenereerd aandeel, berekend uit twee aantallen.;gegenereerd;1 januari;\n");
        }

        var columns = new StringBuilder("header;indicator\n");
        for (var c = 0; c < Counts; c++) columns.Append(CultureInfo.InvariantCulture, $"{Header(c)};{(c == 0 ? "g_inwoners" : $"g_c{c:00}")}\n");
        var files = new Dictionary<string, string>
        {
            ["indicators.csv"] = indicators.ToString(),
            ["cbs-kwb-columns.csv"] = columns.ToString(),
            ["cbs-statline-columns.csv"] = "table;header;indicator\n",
            ["bbga-variables.csv"] = "variabele;indicator;role\n",
        };
        return IndicatorCatalogue.Load(name => files.TryGetValue(name, out var text) ? text : throw new FileNotFoundException($"the generated catalogue has no {name}"));
    }

    /// <summary>Ten themes of ten indicators, in catalogue order.</summary>
    public static ScanProfile Profile(IndicatorCatalogue catalogue) => new(
        "generated",
        catalogue.Indicators.Select((indicator, i) => (indicator, i)).GroupBy(x => x.i / 10)
            .Select(g => new ProfileTheme($"t{g.Key + 1:00}", $"Thema {g.Key + 1}", g.Select(x => x.indicator.Id).ToList(), [g.First().indicator.Id]))
            .ToList());

    public static void Generate(string folder, int buurten, int years, int seed = 20240101)
    {
        var random = new Random(seed);
        var wijken = (buurten + BuurtenPerWijk - 1) / BuurtenPerWijk;
        var inwoners = Enumerable.Range(0, buurten).Select(_ => (double)random.Next(20, 5000)).ToArray();
        // Per buurt and count, its fraction of the inwoners; the counts then add up over wijk and city.
        var fractions = new double[buurten, Counts];
        for (var b = 0; b < buurten; b++)
        {
            for (var c = 1; c < Counts; c++) fractions[b, c] = random.NextDouble() * 0.6;
        }

        WriteBoundaries(Path.Combine(folder, "gebieden", "INDELING_BUURT.csv"), buurten);
        for (var y = 0; y < years; y++)
        {
            var year = FirstYear + y;
            var growth = 1 + 0.01 * y;
            var path = Path.Combine(folder, "cbs", $"Kerncijfers_wijken_en_buurten_{year}_gegenereerd.csv");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var writer = new StreamWriter(path, false, new UTF8Encoding(true)) { NewLine = "\r\n" };
            writer.Write("\"Wijken en buurten\";\"Regioaanduiding/Gemeentenaam (naam)\";\"Regioaanduiding/Soort regio (omschrijving)\";\"Regioaanduiding/Codering (code)\";\"Regioaanduiding/Indelingswijziging gemeente, wijk, buurt (code)\"");
            for (var c = 0; c < Counts; c++) writer.Write($";\"{Header(c)}\"");
            writer.WriteLine();

            var values = new double[buurten, Counts];
            var wijkTotals = new double[wijken, Counts];
            var cityTotals = new double[Counts];
            for (var b = 0; b < buurten; b++)
            {
                for (var c = 0; c < Counts; c++)
                {
                    var people = RoundTo5(inwoners[b] * growth * (0.97 + 0.06 * random.NextDouble()));
                    values[b, c] = c == 0 ? people : RoundTo5(people * fractions[b, c]);
                    wijkTotals[b / BuurtenPerWijk, c] += values[b, c];
                    cityTotals[c] += values[b, c];
                }
            }

            Row(writer, "Nederland", "Land", "NL00", cityTotals.Select(v => v * 20).ToArray(), random, 0);
            Row(writer, "Amsterdam", "Gemeente", "GM0363", cityTotals, random, 0);
            for (var w = 0; w < wijken; w++)
            {
                Row(writer, $"Wijk {w}", "Wijk", $"WK0363{WijkCode(w)}", Enumerable.Range(0, Counts).Select(c => wijkTotals[w, c]).ToArray(), random, 0);
                for (var b = w * BuurtenPerWijk; b < Math.Min(buurten, (w + 1) * BuurtenPerWijk); b++)
                {
                    Row(writer, $"Buurt {b}", "Buurt", $"BU0363{BuurtCode(b)}", Enumerable.Range(0, Counts).Select(c => values[b, c]).ToArray(), random, 0.02);
                }
            }
        }
    }

    private static string Header(int count) => count == 0 ? "Bevolking/Aantal inwoners gegenereerd (aantal)" : $"Gegenereerd/Telling {count:00} (aantal)";

    private static string WijkCode(int w) => $"W{w:0000}";

    private static string BuurtCode(int b) => $"{WijkCode(b / BuurtenPerWijk)}{b % BuurtenPerWijk:00}";

    private static double RoundTo5(double value) => Math.Round(value / 5) * 5;

    /// <summary>A StatLine row: padded text, then the values; a few cells secret (-99997) or not known (.).</summary>
    private static void Row(StreamWriter writer, string name, string kind, string code, double[] values, Random random, double gaps)
    {
        writer.Write($"\"{name}\";\"Amsterdam                               \";\"{kind,-10}\";\"{code,-10}\";\"1\"");
        foreach (var value in values)
        {
            var roll = gaps == 0 ? 1 : random.NextDouble();
            writer.Write(roll < gaps / 2 ? ";-99997" : roll < gaps ? ";." : ";" + value.ToString("0", CultureInfo.InvariantCulture));
        }

        writer.WriteLine();
    }

    private static void WriteBoundaries(string path, int buurten)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(true)) { NewLine = "\n" };
        writer.WriteLine("OBJECTNUMMER;CBS_Buurtcode;Buurtcode;Buurt;Wijkcode;Wijk;Gebiedcode;Gebied;Stadsdeelcode;Stadsdeel;Oppervlakte_m2;WKT_LNG_LAT;WKT_LAT_LNG;LNG;LAT");
        const int columns = 120;
        const double width = 0.002;
        const double height = 0.0015;
        for (var b = 0; b < buurten; b++)
        {
            // Buurten in rows of squares, so a wijk (five buurten in a row) is one strip and its parts touch.
            var x0 = 4.6 + b % columns * width;
            var y0 = 52.2 + b / columns * height;
            var (x1, y1) = (x0 + width, y0 + height);
            var wijk = b / BuurtenPerWijk;
            var gebied = wijk / WijkenPerGebied;
            var stadsdeel = gebied / GebiedenPerStadsdeel;
            string F(double v) => v.ToString("0.0000000", CultureInfo.InvariantCulture);
            var lngLat = $"POLYGON(({F(x0)} {F(y0)},{F(x1)} {F(y0)},{F(x1)} {F(y1)},{F(x0)} {F(y1)},{F(x0)} {F(y0)}))";
            var latLng = $"POLYGON(({F(y0)} {F(x0)},{F(y0)} {F(x1)},{F(y1)} {F(x1)},{F(y1)} {F(x0)},{F(y0)} {F(x0)}))";
            writer.WriteLine($"{b + 1};\"BU0363{BuurtCode(b)}\";\"{BuurtCode(b)}\";\"Buurt {b}\";\"{WijkCode(wijk)}\";\"Wijk {wijk}\";\"G{gebied:0000}\";\"Gebied {gebied}\";" +
                $"\"S{stadsdeel:00}\";\"Stadsdeel {stadsdeel}\";30000;\"{lngLat}\";\"{latLng}\";{F(x0 + width / 2)};{F(y0 + height / 2)}");
        }
    }
}
