using System.Text;
using Buurtscan.Areas;
using Buurtscan.Catalogue;
using Buurtscan.Domain;
using Buurtscan.Import;
using Buurtscan.Tests.Support;
using FsCheck;
using FsCheck.Fluent;

namespace Buurtscan.Tests.Import;

/// <summary>
/// Every parser is fed valid input in its real format, mangled at random (cut off, characters inserted, deleted
/// or replaced, lines doubled, delimiters swapped), with a fixed seed. Whatever it is given, a parser either
/// reads it or throws the documented InputException; any other exception is a bug.
/// </summary>
public sealed class ParserPropertyTests
{
    private static readonly Config Seeded = Config.QuickThrowOnFailure.WithReplay(20241128, 11).WithMaxTest(300);

    private static readonly Lazy<AreaRegistry> Registry = new(() =>
        AreaRegistry.Build(BoundaryReaders.ReadIndelingBuurt(TextFile.Read(Path.Combine(TestPaths.Samples, "gebieden", "INDELING_BUURT.csv"), "INDELING_BUURT.csv"))));

    /// <summary>One change to a text: what, where (as a fraction of the length) and with which character.</summary>
    private sealed record Mangle(int Kind, double At, char With);

    private const string Alphabet = ";,\"\r\n .x0123456789-NA\u00a0é|{}[]:";

    private static Gen<Mangle[]> Mangles =>
        Gen.ArrayOf(Gen.Choose(0, 6).SelectMany(kind => Gen.Choose(0, 1000).SelectMany(at => Gen.Elements(Alphabet.ToCharArray()).Select(c => new Mangle(kind, at / 1000.0, c)))))
            .Select(a => a.Take(4).ToArray());

    private static string Apply(string text, Mangle[] mangles)
    {
        var sb = new StringBuilder(text);
        foreach (var m in mangles)
        {
            if (sb.Length == 0) break;
            var i = Math.Min(sb.Length - 1, (int)(m.At * sb.Length));
            switch (m.Kind)
            {
                case 0: sb.Length = i; break; // cut off
                case 1: sb.Insert(i, m.With); break;
                case 2: sb.Remove(i, 1); break;
                case 3: sb[i] = m.With; break;
                case 4:
                    var lines = sb.ToString().Split('\n');
                    var l = Math.Min(lines.Length - 1, (int)(m.At * lines.Length));
                    sb.Clear().AppendJoin('\n', lines.Take(l + 1).Append(lines[l]).Concat(lines.Skip(l + 1)));
                    break;
                case 5: sb.Replace(';', ','); break;
                default: sb.Insert(i, "\"\""); break;
            }
        }

        return sb.ToString();
    }

    /// <summary>True when reading threw nothing, or only the documented error.</summary>
    private static bool OnlyInputErrors(Action read)
    {
        try
        {
            read();
            return true;
        }
        catch (InputException)
        {
            return true;
        }
    }

    private static TextFile Text(string name, string text) => new($"/data/{name}", name, text, "UTF-8", "0");

    private static void Check(string name, string valid, Action<TextFile> read) =>
        Prop.ForAll(Mangles.ToArbitrary(), m => OnlyInputErrors(() => read(Text(name, Apply(valid, m))))).Check(Seeded);

    private static void CheckBytes(string valid, Action<Stream> read) =>
        Prop.ForAll(Mangles.ToArbitrary(), m => OnlyInputErrors(() => read(new MemoryStream(Encoding.UTF8.GetBytes(Apply(valid, m)))))).Check(Seeded);

    private const string Kwb = "\uFEFF\"Wijken en buurten\";\"Regioaanduiding/Gemeentenaam (naam)\";\"Regioaanduiding/Soort regio (omschrijving)\";\"Regioaanduiding/Codering (code)\";" +
        "\"Bevolking/Aantal inwoners (aantal)\";\"Bevolking/Particuliere huishoudens/Gemiddelde huishoudensgrootte (aantal)\"\r\n" +
        "\"Amsterdam\";\"Amsterdam   \";\"Gemeente  \";\"GM0363    \";925000;     1.8\r\n\"Geuzenveld\";\"Amsterdam   \";\"Wijk      \";\"WK0363FB  \";13255;       .\r\n" +
        "\"Wegener Sleeswijkbuurt\";\"Amsterdam   \";\"Buurt     \";\"BU0363FB08\";1500;-99997\r\n";

    private const string NewerKwb = "\"Wijken en buurten\",\"Regioaanduiding Gemeentenaam (naam)\",\"Soort regio (omschrijving)\",\"Codering (code)\",\"Bevolking Aantal inwoners (aantal)\",\"Particuliere huishoudens Gemiddelde\nhuishoudensgrootte (aantal)\"\n" +
        "\"Nederland\",\"Nederland\",\"Land\",\"NL00\",\"17.942.942\",\"2,1\"\n\"Wegener Sleeswijkbuurt\",\"Amsterdam\",\"Buurt\",\"BU0363FB08\",\"1.485\",\".\"\n\"Bron: CBS.\"";

    private const string TableLayout = "\uFEFF\"Kerncijfers wijken en buurten 2015\"\r\n\"\"\r\n\"\";\"Onderwerp\"\r\n\"\";\"Inkomen|Inkomen van personen|Gemiddeld inkomen per inwoner \";\"Inkomen|Inkomen van huishoudens|Huishoudens met een laag inkomen\"\r\n" +
        "\"Wijken en buurten\";\"x 1 000 euro\";\"%\"\r\n\"Amsterdam\";\"26,9\";\"14,9\"\r\n\"Geuzenveld\";\"16,8\";\"18,8\"\r\n\"Bron: CBS\"\r\n";

    private const string TypedDataSet = "\"ID\",\"SoortMisdrijf\",\"WijkenEnBuurten\",\"Perioden\",\"GeregistreerdeMisdrijven_1\",\"Gemeentenaam_2\",\"SoortRegio_3\"\n" +
        "14075,\"0.0.0 \",\"BU0363FB08\",\"2023JJ00\",78,\"Amsterdam   \",\"Buurt   \"\n14087,\"0.0.0 \",\"BU0363FB07\",\"2023JJ00\",,\"Amsterdam   \",\"Buurt   \"\n";

    private const string Bbga = "jaar;gebiedcode15;variabele;waarde\n2017;DX06;BEVTOTAAL;45124\n2018;F78a;BEV65PLUS_P;16.5\n2025;STAD;BEV_PROG2018;900000\n2018;ZX99;BEVTOTAAL;\n";

    private const string Statistieken = "\"\";\"spatial_code\";\"spatial_name\";\"spatial_type\";\"spatial_date\";\"temporal_date\";\"temporal_type\";\"measure\";\"value\"\n" +
        "\"1\";\"GF07\";\"Geuzenveld, Slotermeer\";\"gebieden\";\"20220324\";\"20240101\";\"peildatum\";\"BHDG_BINDGEB_P\";65,36\n" +
        "\"2\";\"0363\";\"Amsterdam\";\"Gemeente\";\"20220401\";\"20200101\";\"peildatum\";\"BHDG_BINDAMS_P\";94,18\n";

    private const string OisIndicatoren = "\uFEFF\"Id\",\"Naam\",\"Label\"\n2067,\"BEVTOTAAL\",\"Inwoners\"\n3001,\"WLABELEFG_P\",\"Energielabel E, F of G (%)\"\n";

    private const string OisCijfers = "\"Id\",\"Gebiedtype\",\"Gebieddatum\",\"Gebiedcode\",\"Begindatum\",\"Indicatorid\",\"Waarde\"\n" +
        "1,\"Buurten\",\"2022-03-24\",\"FB08\",\"2025-01-01\",3001,23.4\n2,\"Gemeente\",\"2022-03-24\",\"0363\",\"2025-01-01\",2067,\n" +
        "3,\"Buurten\",\"2015-01-01\",\"F78a\",\"2020-01-01\",2067,1560\n";

    private const string OisApiCijfers = "gebiedType;gebiedCode;begindatum;indicatorId;waarde\nBuurten;FB08;2025-01-01;3001;23,4\nWijken;FB;2025-01-01;3001;x\n";

    private const string BbgaMetadata = "\"SORT\",\"THEMA\",\"Variabele\",\"Label\",\"Definitie\",\"Bron\",\"Peildatum\",\"Rekeneenheid\",\"Symbool\",\"SD minimum Bevtotaal\",\"SD minimum WvoorrBAG\"\n" +
        "\"1\",\"Bevolking\",\"BEVTOTAAL\",\"Bevolking totaal\",\"Personen die op 1 januari\nzijn ingeschreven.\",\"OIS\",\"1  januari\",\"2\",\"\",\".\",\".\"\n" +
        "\"2\",\"Welzijn\",\"WZWELZIJN_1000INW\",\"Welzijn\",\"Per 1.000\",\"OIS\",\"1 januari\",\"6\",\"/1.000 inw.\",\"500\",\".\"\n";

    private const string DataProperties = "[{\"odata.type\":\"Cbs.OData.TopicGroup\",\"ID\":6,\"ParentID\":null,\"Type\":\"TopicGroup\",\"Key\":\"\",\"Title\":\"Bevolking\"}," +
        "{\"odata.type\":\"Cbs.OData.Topic\",\"ID\":7,\"ParentID\":6,\"Type\":\"Topic\",\"Key\":\"AantalInwoners_5\",\"Title\":\"Aantal inwoners\",\"Description\":null,\"Unit\":\"aantal\"}]";

    private const string Lookup2015 = "BRT_NAAM;BRT_CODE;BRT_VOLLCODE;BCE_NAAM;BCE_CODE;BCE_VOLLCODE;SDL_NAAM;SDL_CODE;GGW_NAAM;GGW_CODE\r\n" +
        "Buurt 6;a;F78a;Geuzenveld;78;F78;Nieuw-West;F;Geuzenveld-Slotermeer-Sloterdijken;DX06\r\nAlfa-driehoek;b;B10b;Westelijk Havengebied;10;B10;Westpoort;B;;\r\n";

    private const string Buurten2015 = "\uFEFFOBJECTNUMMER;Buurt_code;Buurt;Buurtcombinatie_code;Stadsdeel_code;Opp_m2;WKT_LNG_LAT;WKT_LAT_LNG;LNG;LAT;\n" +
        "1;\"F78a\";\"Buurt 6\";\"F78\";\"F\";240000;\"POLYGON((4.792 52.372,4.798 52.372,4.798 52.377,4.792 52.377,4.792 52.372))\";\"\";4.795;52.374;\n";

    private const string Buurtcombinaties = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[4.78,52.37],[4.80,52.37],[4.80,52.38],[4.78,52.37]]]}," +
        "\"properties\":{\"Buurtcombinatie_code\":\"F78\",\"Buurtcombinatie\":\"Geuzenveld\",\"Stadsdeel_code\":\"F\"}}]}";

    [Fact]
    public void Kwb_classic_download() => Check("Kerncijfers_wijken_en_buurten_2024_x.csv", Kwb, f => KwbStatLineCsv.Read(f, Registry.Value, IndicatorCatalogue.Default));

    [Fact]
    public void Kwb_newer_download() => Check("Kerncijfers wijken en buurten 2024.csv", NewerKwb, f => KwbStatLineCsv.Read(f, Registry.Value, IndicatorCatalogue.Default));

    [Fact]
    public void Kwb_table_layout() => Check("t.csv", TableLayout, f => StatLineTableCsv.Read(f, Registry.Value, IndicatorCatalogue.Default));

    [Fact]
    public void Cbs_typed_data_set() => Check("47018NED_data.csv", TypedDataSet, f => CbsTypedDataSetCsv.Read(f, Registry.Value, IndicatorCatalogue.Default));

    [Fact]
    public void Bbga_long_format() => CheckBytes(Bbga, s => BbgaLongCsv.Read(s, (byte)';', "bbga.csv", Registry.Value, IndicatorCatalogue.Default));

    [Fact]
    public void Ois_statistieken() => CheckBytes(Statistieken, s => OisStatistiekenCsv.Read(s, (byte)';', "stat.csv", Registry.Value, IndicatorCatalogue.Default));

    [Fact]
    public void Ois_bulk_indicatoren() => CheckBytes(OisIndicatoren, s => OisBulkCsv.ReadIndicatoren(s, (byte)',', "ind.csv"));

    [Fact]
    public void Ois_bulk_cijfers()
    {
        var names = OisBulkCsv.ReadIndicatoren(new MemoryStream(Encoding.UTF8.GetBytes(OisIndicatoren)), (byte)',', "ind.csv");
        CheckBytes(OisCijfers, s => OisBulkCsv.ReadCijfers(s, (byte)',', "cijfers.csv", Registry.Value, IndicatorCatalogue.Default, names));
        CheckBytes(OisApiCijfers, s => OisBulkCsv.ReadCijfers(s, (byte)';', "cijfers.csv", Registry.Value, IndicatorCatalogue.Default, names));
    }

    [Fact]
    public void Bbga_metadata() => Check("metadata.csv", BbgaMetadata, f => BbgaMetadataCsv.Read(f, IndicatorCatalogue.Default));

    [Fact]
    public void Cbs_data_properties() => Check("85984NED_DataProperties.json", DataProperties, f => CbsMetadata.Read(f, IndicatorCatalogue.Default));

    [Fact]
    public void Boundaries_of_2015() =>
        Prop.ForAll(Mangles.ToArbitrary(), m => OnlyInputErrors(() =>
        {
            _ = Boundaries2015.ReadLookup(Text("l.csv", Apply(Lookup2015, m))).ToList();
            _ = Boundaries2015.ReadBuurten(Text("b.csv", Apply(Buurten2015, m))).ToList();
            _ = Boundaries2015.ReadBuurtcombinatiesGeoJson(Text("c.geojson", Apply(Buurtcombinaties, m))).ToList();
        })).Check(Seeded);

    [Fact]
    public void Xlsx_workbooks_with_damaged_bytes()
    {
        var valid = XlsxWriter.Write(XlsxStrings.Shared, ("data", [["Jaar", "Gebiedsindeling", "Code", "Naam", "X (%)"], [2024, "buurten", "FB08", "W", 1.5]]));
        using var temp = new TempFolder();
        var path = temp.Combine("w.xlsx");
        var damage = Gen.ArrayOf(Gen.Choose(0, valid.Length - 1).SelectMany(i => Gen.Choose(0, 255).Select(b => (i, (byte)b)))).Select(a => a.Take(6).ToArray());
        Prop.ForAll(damage.ToArbitrary(), Gen.Choose(1, valid.Length).ToArbitrary(), (changes, length) =>
        {
            var bytes = valid[..length];
            foreach (var (i, b) in changes) if (i < bytes.Length) bytes[i] = b;
            File.WriteAllBytes(path, bytes);
            return OnlyInputErrors(() =>
            {
                var sheets = Xlsx.Read(path, "w.xlsx");
                if (GebiedInBeeldXlsx.Recognises(sheets)) GebiedInBeeldXlsx.Read(sheets, path, "w.xlsx", "0", Registry.Value, IndicatorCatalogue.Default);
            });
        }).Check(Seeded);
    }

    [Fact]
    public void Mangled_text_Should_still_give_the_figures_it_does_give_from_the_source_rows()
    {
        // Whatever survives mangling, a figure that is read is a figure of the input: never a zero made up for a missing cell.
        Prop.ForAll(Mangles.ToArbitrary(), m =>
        {
            try
            {
                var result = BbgaLongCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes(Apply(Bbga, m))), (byte)';', "bbga.csv", Registry.Value, IndicatorCatalogue.Default);
                return result.Observations.All(o => o.Value is null ? o.Status != Status.Ok : o.Status == Status.Ok);
            }
            catch (InputException)
            {
                return true;
            }
        }).Check(Seeded);
    }
}
