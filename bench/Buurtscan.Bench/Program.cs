using System.Diagnostics;
using System.Globalization;
using System.Text;
using Buurtscan.Areas;
using Buurtscan.Domain;
using Buurtscan.Import;

// `bench render`: a whole `buurtscan build` and the drawing of each chart and map (RenderBench.cs).
if (args.FirstOrDefault() == "render") return Buurtscan.Bench.RenderBench.Run(args[1..]);

// `make bench`: import throughput per importer on the real files in ../shared/data, and on generated
// BBGA- and statistieken-shaped files of at least 200 MB (written to a temporary folder, removed afterwards).
// Every importer runs on one thread; MB is 1,000,000 bytes. Run in Release.
// `all-buurten`, `national`, `national-one`: the build --all benchmarks (BuildBenchmarks.cs).
if (Buurtscan.Bench.BuildBenchmarks.Run(args) is { } buildBenchmark) return buildBenchmark;

var culture = CultureInfo.InvariantCulture;
var dataArg = Array.IndexOf(args, "--data") is var di and >= 0 && di + 1 < args.Length ? args[di + 1] : null;
var sizeArg = Array.IndexOf(args, "--size-mb") is var si and >= 0 && si + 1 < args.Length ? int.Parse(args[si + 1], culture) : 200;
var data = dataArg ?? FindSharedData();
Console.WriteLine($"buurtscan import benchmark — {Environment.ProcessorCount} cores, importers single-threaded, .NET {Environment.Version}");
Console.WriteLine($"real data: {data}");

var loadTimer = Stopwatch.StartNew();
var all = DataLoader.Load(data, null, keepGoing: true);
loadTimer.Stop();
var registry = all.Registry;
var catalogue = all.Catalogue;
var totalBytes = Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
Console.WriteLine($"whole folder (DataLoader.Load, {all.Files.Count} files, {Mb(totalBytes)} MB): {loadTimer.Elapsed.TotalSeconds:F2} s, " +
    $"{all.Observations.Count:N0} observations, {all.Forecasts.Count:N0} forecasts");
Console.WriteLine();
Console.WriteLine($"{"importer",-48} {"files",5} {"MB",8} {"ms/pass",9} {"MB/s",8}");

// Per importer: every real file of its format, read repeatedly for a second; the fastest pass counts.
var readers = new (string Name, Func<FileReport, bool> Matches, Action<string, string> Read)[]
{
    ("StatLine CSV (KWB, SES-WOA; all variants)", f => f.Format.Contains("StatLine CSV", StringComparison.Ordinal) && !f.Format.Contains("table layout", StringComparison.Ordinal),
        (p, d) => KwbStatLineCsv.Read(TextFile.Read(p, d), registry, catalogue)),
    ("StatLine CSV, table layout", f => f.Format == StatLineTableCsv.Format, (p, d) => StatLineTableCsv.Read(TextFile.Read(p, d), registry, catalogue)),
    ("CBS TypedDataSet CSV (47018NED)", f => f.Format == CbsTypedDataSetCsv.Format, (p, d) => CbsTypedDataSetCsv.Read(TextFile.Read(p, d), registry, catalogue)),
    ("OIS BBGA long format (streamed)", f => f.Format == BbgaLongCsv.Format, (p, d) => BbgaLongCsv.Read(p, d, registry, catalogue)),
    ("OIS statistieken long format (streamed)", f => f.Format == OisStatistiekenCsv.Format, (p, d) => OisStatistiekenCsv.Read(p, d, registry, catalogue)),
    ("OIS Gebied in beeld xlsx", f => f.Format == GebiedInBeeldXlsx.Format,
        (p, d) => GebiedInBeeldXlsx.Read(Xlsx.Read(p, d), p, d, "", registry, catalogue)),
    ("OIS BBGA metadata", f => f.Format == BbgaMetadataCsv.Format, (p, d) => BbgaMetadataCsv.Read(TextFile.Read(p, d), catalogue)),
    ("CBS OData metadata (JSON and CSV)", f => f.Format.StartsWith("CBS OData metadata", StringComparison.Ordinal), (p, d) => CbsMetadata.Read(TextFile.Read(p, d), catalogue)),
    ("Boundaries 2015 and 2022 (CSV with WKT, GeoJSON)", f => f.Role == FileRole.Boundaries, (p, d) => ReadBoundaries(p, d)),
};

foreach (var (name, matches, read) in readers)
{
    var files = all.Files.Where(matches).Select(f => (Full: Path.Combine(data, f.Path), f.Path)).ToList();
    if (files.Count == 0) continue;
    var bytes = files.Sum(f => new FileInfo(f.Full).Length);
    var perPass = Measure(() =>
    {
        foreach (var (full, display) in files) read(full, display);
    });
    Console.WriteLine($"{name,-48} {files.Count,5} {Mb(bytes),8} {perPass * 1000,9:F1} {bytes / 1e6 / perPass,8:F1}");
}

// Generated long files of the real shapes, at least the requested size.
var temp = Directory.CreateTempSubdirectory("buurtscan-bench-");
try
{
    Console.WriteLine();
    Console.WriteLine($"generated files (at least {sizeArg} MB each, in {temp.FullName}):");
    var bbga = Path.Combine(temp.FullName, "bbga_generated.csv");
    var (bbgaRows, bbgaBytes) = GenerateBbga(bbga, sizeArg * 1_000_000L, registry, data);
    Report("OIS BBGA long format", bbga, bbgaRows, bbgaBytes, () => BbgaLongCsv.Read(bbga, "bbga_generated.csv", registry, catalogue));

    var stat = Path.Combine(temp.FullName, "statistieken_generated.csv");
    var (statRows, statBytes) = GenerateStatistieken(stat, sizeArg * 1_000_000L, registry);
    Report("OIS statistieken long format", stat, statRows, statBytes, () => OisStatistiekenCsv.Read(stat, "statistieken_generated.csv", registry, catalogue));
}
finally
{
    temp.Delete(recursive: true);
}

// Plain `make bench` goes on with the build --all benchmarks.
return args.Length == 0 ? Buurtscan.Bench.BuildBenchmarks.RunAll() : 0;

static void Report(string name, string path, long rows, long bytes, Func<ImportResult> read)
{
    read(); // warm up, and the file into the page cache
    var best = double.MaxValue;
    ImportResult? result = null;
    long allocated = 0;
    for (var i = 0; i < 3; i++)
    {
        GC.Collect();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var timer = Stopwatch.StartNew();
        result = read();
        timer.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        best = Math.Min(best, timer.Elapsed.TotalSeconds);
    }

    var kept = result!.Observations.Count + result.Forecasts.Count;
    Console.WriteLine($"  {name}: {Mb(bytes)} MB, {rows:N0} rows in {best:F2} s = {bytes / 1e6 / best:F0} MB/s, {rows / best / 1e6:F1} M rows/s; " +
        $"{kept:N0} rows mapped to the catalogue; {allocated / 1e6:F0} MB allocated ({(double)allocated / kept:F0} bytes per kept row, {(double)allocated / rows:F1} per row read)");
}

// The fastest of the passes in a second: the machine may be shared, and the fastest pass is the one least disturbed.
static double Measure(Action pass)
{
    pass(); // warm up
    var best = double.MaxValue;
    var total = Stopwatch.StartNew();
    do
    {
        var timer = Stopwatch.StartNew();
        pass();
        best = Math.Min(best, timer.Elapsed.TotalSeconds);
    }
    while (total.Elapsed.TotalSeconds < 1);
    return best;
}

static void ReadBoundaries(string path, string display)
{
    var file = TextFile.Read(path, display);
    IEnumerable<AreaRecord> records = Path.GetFileName(path) switch
    {
        "GEBIED_BUURTEN.csv" => Boundaries2015.ReadBuurten(file),
        "brt-bce-sdl-ggw.csv" => Boundaries2015.ReadLookup(file),
        "GEBIEDEN22.csv" => Boundaries2015.ReadGebieden(file),
        "GEBIED_BUURTCOMBINATIES.geojson" => Boundaries2015.ReadBuurtcombinatiesGeoJson(file),
        "INDELING_BUURT.csv" => BoundaryReaders.ReadIndelingBuurt(file),
        "INDELING_WIJK.csv" => BoundaryReaders.ReadIndelingWijk(file),
        "INDELING_STADSDEEL.csv" => BoundaryReaders.ReadIndelingStadsdeel(file),
        _ => BoundaryReaders.ReadApiBuurtenGeoJson(file),
    };
    _ = records.Count();
}

// BBGA-shaped: the real 2015 codes and the real BBGA variable names (most of them not in the catalogue, as in the real file).
static (long Rows, long Bytes) GenerateBbga(string path, long size, AreaRegistry registry, string data)
{
    var codes = registry.All.Where(a => a.Division == Division.Indeling2015).Select(a => a.Code).Append("STAD").Append("ZX99").ToArray();
    var variables = ReadBbgaVariables(Path.Combine(data, "bbga", "metadata_utf8.csv"));
    var random = new Random(20241128);
    long rows = 0;
    using (var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20))
    {
        writer.Write("jaar;gebiedcode15;variabele;waarde\n");
        while (writer.BaseStream.Length < size)
        {
            for (var i = 0; i < 100_000; i++)
            {
                var year = 2005 + random.Next(20);
                var code = codes[random.Next(codes.Length)];
                var variable = variables[random.Next(variables.Length)];
                writer.Write(year);
                writer.Write(';');
                writer.Write(code);
                writer.Write(';');
                writer.Write(variable);
                writer.Write(';');
                switch (random.Next(10))
                {
                    case 0: break; // missing
                    case < 5: writer.Write(random.Next(100_000)); break;
                    default: writer.Write((random.NextDouble() * 100).ToString("F1", CultureInfo.InvariantCulture)); break;
                }

                writer.Write('\n');
                rows++;
            }

            writer.Flush();
        }
    }

    return (rows, new FileInfo(path).Length);
}

// Statistieken-shaped, as R's write.csv2 writes it: row numbers, quoted text, decimal comma, 2022 codes at every level.
static (long Rows, long Bytes) GenerateStatistieken(string path, long size, AreaRegistry registry)
{
    var areas = registry.All.Where(a => a.Division == Division.Indeling2022 && a.Level <= Level.Gemeente).ToArray();
    string[] measures = ["SKSES_GEM", "BHDG_BINDGEB_P", "WLABELAB_P", "ORGROEN_R", "BEVTOTAAL", "BHDG_BINDAMS_P", "EDG_BINDONLINE_P", "WKOOP_P", "X_ONBEKEND_1", "X_ONBEKEND_2"];
    string[] types = ["buurten", "wijken", "gebieden", "stadsdelen", "gemeente"];
    var random = new Random(20241128);
    long rows = 0;
    using (var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20))
    {
        writer.Write("\"\";\"spatial_code\";\"spatial_name\";\"spatial_type\";\"spatial_date\";\"temporal_date\";\"temporal_type\";\"measure\";\"value\"\n");
        while (writer.BaseStream.Length < size)
        {
            for (var i = 0; i < 100_000; i++)
            {
                var area = areas[random.Next(areas.Length)];
                rows++;
                writer.Write('"');
                writer.Write(rows);
                writer.Write("\";\"");
                writer.Write(area.Code);
                writer.Write("\";\"");
                writer.Write(area.Name);
                writer.Write("\";\"");
                writer.Write(types[(int)area.Level]);
                writer.Write("\";\"20220324\";\"");
                writer.Write(2018 + random.Next(7));
                writer.Write("0101\";\"peildatum\";\"");
                writer.Write(measures[random.Next(measures.Length)]);
                writer.Write("\";");
                writer.Write((random.NextDouble() * 100).ToString("F2", CultureInfo.InvariantCulture).Replace('.', ','));
                writer.Write('\n');
            }

            writer.Flush();
        }
    }

    return (rows, new FileInfo(path).Length);
}

static string[] ReadBbgaVariables(string metadata)
{
    if (!File.Exists(metadata)) return ["BEVTOTAAL", "BEV65PLUS_P", "WKOOP_P", "BEV0_18", "BEV0_3", "WOPP0040", "IHHINK_GEM", "X1", "X2", "X3", "X4", "X5"];
    var csv = new CsvReader(File.ReadAllText(metadata), "metadata_utf8.csv", ',');
    csv.Read();
    var column = Array.IndexOf(csv.GetRecord(), "Variabele");
    var names = new List<string>();
    while (csv.Read()) names.Add(csv.GetString(column));
    return [.. names];
}

static string Mb(long bytes) => (bytes / 1e6).ToString("F2", CultureInfo.InvariantCulture);

static string FindSharedData()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "buurtscan-cli.sln")))
        {
            var shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
            if (Directory.Exists(shared)) return shared;
            throw new DirectoryNotFoundException($"the real data are expected at {shared} (or pass --data DIR)");
        }
    }

    throw new DirectoryNotFoundException("buurtscan-cli.sln not found above the benchmark; pass --data DIR");
}
