using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Buurtscan.Fetch;
using Buurtscan.Import;
using Buurtscan.Tests.Support;

namespace Buurtscan.Tests.Fetch;

/// <summary>
/// A fake portal on 127.0.0.1 holding the example data in the portals' formats, a working folder with a
/// sources file that points at it, and the same files laid out as fetch lays them out ("the files directly").
/// </summary>
internal sealed class PortalFixture : IDisposable
{
    public const string BuurtUrl = "/open_geodata/excel.php?KAARTLAAG=INDELING_BUURT&THEMA=gebiedsindeling";
    public const string WijkUrl = "/open_geodata/excel.php?KAARTLAAG=INDELING_WIJK&THEMA=gebiedsindeling";
    public const string StadsdeelUrl = "/open_geodata/excel.php?KAARTLAAG=INDELING_STADSDEEL&THEMA=gebiedsindeling";
    public const string OisUrl = "/bulk-data/csv/statistieken_v2_all_openbaar.csv.zip";

    /// <summary>FB08's share of dwellings with energy label E, F or G in the bulk zip: no other file of the portal gives that indicator.</summary>
    public const string OisEnergielabelFB08 = "27.5";

    public PortalFixture()
    {
        Server = new FakePortal();
        Directory.CreateDirectory(Files.Combine("gebieden"));
        foreach (var (name, url) in new[] { ("INDELING_BUURT.csv", BuurtUrl), ("INDELING_WIJK.csv", WijkUrl), ("INDELING_STADSDEEL.csv", StadsdeelUrl) })
        {
            var bytes = File.ReadAllBytes(Path.Combine(TestPaths.Samples, "gebieden", name));
            File.WriteAllBytes(Files.Combine("gebieden", name), bytes);
            Server.SetFile(url, bytes, "text/csv; charset=utf-8");
        }

        Import.KwbODataJsonTests.CopyFolder(Path.Combine(TestPaths.Samples, "cbs", "odata", "85984NED"), Files.Combine("cbs", "85984NED"));
        Write2023Table(Files.Combine("cbs", "85618NED"));
        WritePoliceTable(PoliceFolder.Path);
        foreach (var id in new[] { "85984NED", "85618NED" })
        {
            var table = FakeTable.FromFolder(Files.Combine("cbs", id));
            // The national table has every gemeente; the filter must keep only Amsterdam (and Nederland).
            table.Rows.Add("""{"ID":3001,"WijkenEnBuurten":"GM0358    ","AantalInwoners_5":32000,"AantalInwoners_7":31500}""");
            table.Rows.Add("""{"ID":3002,"WijkenEnBuurten":"BU03580000","AantalInwoners_5":1200,"AantalInwoners_7":1150}""");
            table.Rows.Add("""{"ID":3003,"WijkenEnBuurten":"BU17360363","AantalInwoners_5":55,"AantalInwoners_7":50}""");
            Server.SetTable(id, table);
        }

        Server.SetTable("47018NED", FakeTable.FromFolder(PoliceFolder.Path));
        Server.SetFile(OisUrl, OisZip(OisEnergielabelFB08), "application/zip");
        SourcesFile = Work.Combine("sources.json");
        File.WriteAllText(SourcesFile, Sources(Server.Root));
    }

    public FakePortal Server { get; }

    /// <summary>The files the portal serves, in the layout fetch writes (without the police table and the OIS zip).</summary>
    public TempFolder Files { get; } = new();

    public TempFolder PoliceFolder { get; } = new();

    public TempFolder Work { get; } = new();

    public string Data => Work.Combine("data");

    public string SourcesFile { get; }

    /// <summary>Short retry delays; generous time-outs so that a busy machine does not fail a test (the time-out tests set their own).</summary>
    public FetchOptions Options { get; set; } = new()
    {
        RequestTimeout = TimeSpan.FromSeconds(10),
        IdleTimeout = TimeSpan.FromSeconds(10),
        Attempts = 3,
        RetryDelay = TimeSpan.FromMilliseconds(10),
        UseProxy = false,
    };

    /// <summary>Narrows the sources file to these sources (for tests whose short time-outs should touch little).</summary>
    public void KeepOnly(params string[] ids)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(SourcesFile))!;
        var list = root["sources"]!.AsArray();
        foreach (var source in list.ToList())
        {
            if (!ids.Contains((string)source!["id"]!)) list.Remove(source);
        }

        File.WriteAllText(SourcesFile, root.ToJsonString());
    }

    public Task<FetchReport> Fetch(IReadOnlyList<int>? years = null, bool offline = false) =>
        Fetcher.RunAsync(new FetchSettings(Data, years ?? [2023, 2024], SourcesFile, offline), Options);

    public void Dispose()
    {
        Server.Dispose();
        Files.Dispose();
        PoliceFolder.Dispose();
        Work.Dispose();
    }

    /// <summary>Every file under a folder (hidden ones too) with its hash: equal snapshots mean nothing changed.</summary>
    public static SortedDictionary<string, string> Snapshot(string folder, bool withTimes = false)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(folder)) return result;
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
            if (relative.StartsWith(".fetch-partial/", StringComparison.Ordinal)) continue; // not the cache: bytes waiting to be resumed
            using var stream = File.OpenRead(file);
            result[relative] = Convert.ToHexStringLower(SHA256.HashData(stream)) +
                (withTimes ? "@" + File.GetLastWriteTimeUtc(file).Ticks.ToString(CultureInfo.InvariantCulture) : "");
        }

        return result;
    }

    public static string Sources(string root) => $$"""
        {
          "gemeente": "0363",
          "years": [2024],
          "sources": [
            {
              "id": "cbs-kwb", "type": "cbs-odata", "description": "CBS Kerncijfers wijken en buurten",
              "api": "{{root}}/ODataApi/odata/{table}", "feed": "{{root}}/ODataFeed/odata/{table}",
              "tables": { "2023": "85618NED", "2024": "85984NED" },
              "title": "Kerncijfers wijken en buurten {year}",
              "filter": "(substring(WijkenEnBuurten,2,4) eq '{gemeente}') or (WijkenEnBuurten eq 'NL00      ')",
              "folder": "cbs/{table}"
            },
            {
              "id": "politie-misdrijven", "type": "cbs-odata", "description": "Politie: geregistreerde misdrijven",
              "api": "{{root}}/ODataApi/odata/{table}", "feed": "{{root}}/ODataFeed/odata/{table}",
              "table": "47018NED",
              "title": "Geregistreerde misdrijven; soort misdrijf, wijk, buurt, jaarcijfers",
              "filter": "(substring(WijkenEnBuurten,2,4) eq '{gemeente}') and (SoortMisdrijf eq '0.0.0 ') and ({perioden})",
              "folder": "politie/{table}"
            },
            {
              "id": "gebiedsindeling", "type": "files", "description": "Gebiedsindeling 2022", "folder": "gebieden",
              "files": [
                { "name": "INDELING_BUURT.csv", "url": "{{root}}{{BuurtUrl}}" },
                { "name": "INDELING_WIJK.csv", "url": "{{root}}{{WijkUrl}}" },
                { "name": "INDELING_STADSDEEL.csv", "url": "{{root}}{{StadsdeelUrl}}" }
              ]
            },
            {
              "id": "ois-statistieken", "type": "files", "description": "OIS statistieken", "folder": "ois",
              "files": [ { "name": "statistieken_v2_all_openbaar.csv.zip", "url": "{{root}}{{OisUrl}}", "unzip": true } ]
            }
          ]
        }
        """;

    /// <summary>
    /// A small bulk zip in the shape of OIS's (invented figures, real variable names): the cijfers name their indicator
    /// by id, the indicatoren give the id's name. `value` is FB08's WLABELEFG_P in 2024.
    /// </summary>
    public static byte[] OisZip(string value)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string text)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }

            const string Row = "\"Peildatum\",\"2024-01-01\",\"2024-01-01\"";
            Add("statistieken_v2_cijfers_openbaar.csv",
                "\"Id\",\"Gebiedtype\",\"Gebieddatum\",\"Gebiedcode\",\"Gebiednaam\",\"Tijdtype\",\"Begindatum\",\"Einddatum\",\"Indicatorid\",\"Waarde\"\r\n" +
                $"1,\"Buurten\",\"2022-03-24\",\"FB08\",\"Wegener Sleeswijkbuurt\",{Row},3001,{value}\r\n" +
                $"2,\"Wijken\",\"2022-03-24\",\"FB\",\"Geuzenveld\",{Row},3001,24.1\r\n" +
                $"3,\"Gemeente\",\"2022-03-24\",\"0363\",\"Amsterdam\",{Row},3001,18.3\r\n" +
                $"4,\"Ggw-gebieden\",\"2022-03-24\",\"GF07\",\"Geuzenveld, Slotermeer\",{Row},1456,91.5\r\n");
            Add("statistieken_v2_indicatoren_openbaar.csv",
                "\"Id\",\"Naam\",\"Label\",\"Thema\"\r\n" +
                "3001,\"WLABELEFG_P\",\"Woningen met energielabel E, F of G (%)\",\"[\"\"Wonen\"\"]\"\r\n" +
                "1456,\"BHDG_BINDAMS_P\",\"Koopkrachtbinding dagelijkse boodschappen in Amsterdam (%)\",\"[\"\"Economie\"\"]\"\r\n");
        }

        return memory.ToArray();
    }

    /// <summary>KWB 2023 as OData, from the 2023 example CSV, with key suffixes two higher than 2024's (as CBS renumbers).</summary>
    private static void Write2023Table(string folder)
    {
        Directory.CreateDirectory(folder);
        var sample = Path.Combine(TestPaths.Samples, "cbs", "odata", "85984NED");
        var keys = new[] { "AantalInwoners_5", "Mannen_6", "Vrouwen_7", "k_0Tot15Jaar_8", "k_15Tot25Jaar_9", "k_25Tot45Jaar_10", "k_45Tot65Jaar_11", "k_65JaarOfOuder_12" };
        var renamed = keys.Select(k => CbsKey(k, 2)).ToArray();
        var properties = File.ReadAllText(Path.Combine(sample, "DataProperties.json"));
        for (var i = keys.Length - 1; i >= 0; i--) properties = properties.Replace($"\"{keys[i]}\"", $"\"{renamed[i]}\"", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(folder, "DataProperties.json"), properties.Replace("/85984NED/", "/85618NED/", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(folder, "TableInfos.json"), Import.KwbODataJsonTests.Wrap("TableInfos",
            """{"ID":0,"Title":"Kerncijfers wijken en buurten 2023","ShortTitle":"Kerncijfers wijken en buurten 2023","Identifier":"85618NED","Modified":"2024-10-31T02:00:00","Catalog":"CBS","Frequency":"Onregelmatig","Period":"2023","MetaDataModified":"2024-10-31T02:00:00"}"""));

        var csvPath = Directory.GetFiles(Path.Combine(TestPaths.Samples, "cbs"), "Kerncijfers_wijken_en_buurten_2023_*.csv").Single();
        var text = TextFile.Read(csvPath, "2023.csv").Text;
        var csv = new CsvReader(text, "2023.csv", ';');
        csv.Read();
        var rows = new List<string>();
        while (csv.Read())
        {
            var row = new StringBuilder();
            row.Append(CultureInfo.InvariantCulture, $"{{\"ID\":{rows.Count * 7},\"WijkenEnBuurten\":{JsonSerializer.Serialize(csv.GetString(3).PadRight(10))}");
            row.Append(CultureInfo.InvariantCulture, $",\"Gemeentenaam_1\":{JsonSerializer.Serialize(csv.Span(1).ToString())}");
            for (var i = 0; i < renamed.Length; i++)
            {
                var cell = csv.GetString(5 + i);
                row.Append(CultureInfo.InvariantCulture, $",\"{renamed[i]}\":{(cell == "." ? "null" : cell)}");
            }

            rows.Add(row.Append('}').ToString());
        }

        File.WriteAllText(Path.Combine(folder, "TypedDataSet.json"), Import.KwbODataJsonTests.Wrap("TypedDataSet", [.. rows]));
    }

    /// <summary>An invented 47018NED: two crime types, two years, Amsterdam buurten and one elsewhere.</summary>
    private static void WritePoliceTable(string folder)
    {
        File.WriteAllText(Path.Combine(folder, "TableInfos.json"), Import.KwbODataJsonTests.Wrap("TableInfos",
            """{"ID":0,"Title":"Geregistreerde misdrijven; soort misdrijf, wijk, buurt, jaarcijfers","ShortTitle":"Misdrijven per wijk en buurt per jaar","Identifier":"47018NED","Modified":"2024-08-15T02:00:00","Catalog":"Politie","Frequency":"Perjaar","Period":"2012-2023","MetaDataModified":"2024-08-15T02:00:00"}"""));
        File.WriteAllText(Path.Combine(folder, "DataProperties.json"), Import.KwbODataJsonTests.Wrap("DataProperties",
            """{"odata.type":"Cbs.OData.Dimension","ID":0,"Position":0,"ParentID":null,"Type":"Dimension","Key":"SoortMisdrijf","Title":"Soort misdrijf","Description":""}""",
            """{"odata.type":"Cbs.OData.GeoDetail","ID":1,"Position":1,"ParentID":null,"Type":"GeoDetail","Key":"WijkenEnBuurten","Title":"Wijken en buurten","Description":"Wijken en buurten (indeling 2024)","MapYear":2019}""",
            """{"odata.type":"Cbs.OData.TimeDimension","ID":2,"Position":2,"ParentID":null,"Type":"TimeDimension","Key":"Perioden","Title":"Perioden","Description":""}""",
            """{"odata.type":"Cbs.OData.Topic","ID":3,"Position":3,"ParentID":null,"Type":"Topic","Key":"GeregistreerdeMisdrijven_1","Title":"Geregistreerde misdrijven","Description":"","Datatype":"Long","Unit":"aantal","Decimals":0,"Default":"Zero","PresentationType":"Absolute"}"""));
        var rows = new List<string>();
        var id = 14000;
        foreach (var buurt in new[] { "BU0363AA01", "BU0363AA02", "BU0363FB01", "BU0363FB08", "BU0363FC01", "BU03580000" })
        {
            foreach (var period in new[] { "2022JJ00", "2023JJ00" })
            {
                foreach (var (soort, n) in new[] { ("0.0.0 ", 40), ("1.1.1 ", 4) })
                {
                    rows.Add($$"""{"ID":{{id++}},"SoortMisdrijf":"{{soort}}","WijkenEnBuurten":"{{buurt}}","Perioden":"{{period}}","GeregistreerdeMisdrijven_1":{{n + (id % 17)}}}""");
                }
            }
        }

        File.WriteAllText(Path.Combine(folder, "TypedDataSet.json"), Import.KwbODataJsonTests.Wrap("TypedDataSet", [.. rows]));
    }

    private static string CbsKey(string key, int shift)
    {
        var underscore = key.LastIndexOf('_');
        return $"{key[..underscore]}_{int.Parse(key[(underscore + 1)..], CultureInfo.InvariantCulture) + shift}";
    }
}
