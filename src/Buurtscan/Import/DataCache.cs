using System.Security.Cryptography;
using System.Text;
using Buurtscan.Areas;
using Buurtscan.Catalogue;
using Buurtscan.Domain;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Buurtscan.Import;

/// <summary>
/// A copy of a data folder as loaded, so that the next build on the same files skips reading, checking and
/// dissolving them (about 0.7 s of a 2 s scan on the real data). The key is this build of buurtscan and the
/// content of every file the loader looks at: a changed, added or removed file, or another buurtscan, reads the
/// folder afresh. A cache file that cannot be read is ignored and replaced; the cache never changes a figure
/// (tests build the same chapter with and without it, byte for byte).
/// </summary>
public static class DataCache
{
    /// <summary>Raised with every change to what is written below.</summary>
    private const int FormatVersion = 1;

    private static readonly byte[] Magic = "buurtscan-data-cache\n"u8.ToArray();

    /// <summary>Cache files kept (the newest); older ones are removed, so the folder does not grow with every download.</summary>
    private const int Kept = 4;

    /// <summary>
    /// Where the cache lives: BUURTSCAN_CACHE when set ("off" or empty turns it off), else
    /// $XDG_CACHE_HOME/buurtscan, else ~/.cache/buurtscan.
    /// </summary>
    public static string? DefaultDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("BUURTSCAN_CACHE");
        if (configured is not null)
        {
            return configured.Length == 0 || configured.Equals("off", StringComparison.OrdinalIgnoreCase) ? null : configured;
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrEmpty(xdg)) return Path.Combine(xdg, "buurtscan");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".cache", "buurtscan");
    }

    /// <summary>The data set of the folder: from the cache when it holds these very files, else loaded by <paramref name="load"/> and kept.</summary>
    public static DataSet Load(string dataDirectory, string? cacheDirectory, Func<DataSet> load)
    {
        if (cacheDirectory is null || !Directory.Exists(dataDirectory)) return load();
        string key;
        try
        {
            key = Key(dataDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return load(); // a file that cannot be read: the loader says which, and why
        }

        var file = Path.Combine(cacheDirectory, $"data-{key[..32]}.bin");
        if (TryRead(file, key) is { } cached) return cached;

        var data = load();
        TryWrite(file, key, data, cacheDirectory);
        return data;
    }

    /// <summary>SHA-256 over the format, this build of buurtscan, and the path, length and SHA-256 of every file.</summary>
    public static string Key(string dataDirectory)
    {
        var files = DataLoader.FilesOf(dataDirectory);
        var hashes = ParallelWork.Map(files, f =>
        {
            using var stream = File.OpenRead(f.Full);
            return Convert.ToHexString(SHA256.HashData(stream));
        });
        var text = new StringBuilder()
            .Append("format ").Append(FormatVersion).Append('\n')
            .Append("tool ").Append(typeof(DataCache).Assembly.ManifestModule.ModuleVersionId).Append('\n');
        foreach (var ((full, display), hash) in files.Zip(hashes))
        {
            text.Append(display).Append('\t').Append(new FileInfo(full).Length).Append('\t').Append(hash).Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))).ToLowerInvariant();
    }

    private static DataSet? TryRead(string file, string key)
    {
        if (!File.Exists(file)) return null;
        try
        {
            using var stream = new BufferedStream(File.OpenRead(file), 1 << 16);
            using var reader = new Reader(stream);
            return reader.DataSet(key);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or ParseException or ArgumentException or FormatException or InvalidCastException or IndexOutOfRangeException)
        {
            return null; // unreadable or from elsewhere: the folder is read afresh and the file replaced
        }
    }

    private static void TryWrite(string file, string key, DataSet data, string cacheDirectory)
    {
        // Only what a build loads is kept: without errors set aside, and with plain 2-D outlines (WKB keeps those exactly).
        if (data.Errors.Count > 0 || data.Registry.All.Any(a => a.Geometry is { } g && !IsPlain(g))) return;
        // A name of its own: builds running at the same time may both be writing the same data set.
        var temporary = file + "." + Path.GetRandomFileName() + ".tmp";
        try
        {
            Directory.CreateDirectory(cacheDirectory);
            using (var stream = new BufferedStream(File.Create(temporary), 1 << 16))
            using (var writer = new Writer(stream))
            {
                writer.DataSet(key, data);
            }

            File.Move(temporary, file, overwrite: true);
            Prune(cacheDirectory, file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written (read-only home, full disk) only costs the next run its time.
            try
            {
                File.Delete(temporary);
            }
            catch (Exception again) when (again is IOException or UnauthorizedAccessException)
            {
                // nothing more to do
            }
        }
    }

    private static bool IsPlain(Geometry geometry)
    {
        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            var part = geometry.GetGeometryN(i);
            if (part is Polygon polygon)
            {
                if (polygon.ExteriorRing.CoordinateSequence is { HasZ: true } or { HasM: true }) return false;
                for (var h = 0; h < polygon.NumInteriorRings; h++)
                {
                    if (polygon.GetInteriorRingN(h).CoordinateSequence is { HasZ: true } or { HasM: true }) return false;
                }
            }
            else if (part is not (Point or LineString) || part.Coordinates.Any(c => !double.IsNaN(c.Z)))
            {
                return false;
            }
        }

        return true;
    }

    private static void Prune(string cacheDirectory, string keep)
    {
        var old = new DirectoryInfo(cacheDirectory).GetFiles("data-*.bin")
            .Where(f => f.FullName != Path.GetFullPath(keep))
            .OrderByDescending(f => f.LastWriteTimeUtc)
            .Skip(Kept - 1);
        foreach (var f in old) f.Delete();
    }

    /// <summary>Writes the data set; every string once, in a table, then referred to by number.</summary>
    private sealed class Writer(Stream stream) : IDisposable
    {
        private readonly BinaryWriter body = new(new MemoryStream(), Encoding.UTF8);
        private readonly Dictionary<string, int> strings = new(StringComparer.Ordinal);
        private readonly WKBWriter wkb = new(ByteOrder.LittleEndian, handleSRID: true);

        public void DataSet(string key, DataSet data)
        {
            List(data.Registry.All, Area);
            List(data.Catalogue.MetadataEntries.ToList(), e => { String(e.IndicatorId); Metadata(e.Metadata); });
            List(data.Observations, o => { String(o.IndicatorId); AreaRef(o.Area); body.Write(o.Year); Number(o.Value); body.Write((byte)o.Status); Source(o.Source); });
            List(data.Forecasts, f => { String(f.IndicatorId); AreaRef(f.Area); body.Write(f.Year); body.Write(f.Value); body.Write(f.Edition); Source(f.Source); });
            List(data.Sources, s =>
            {
                String(s.Path); String(s.Sha256); String(s.Format); String(s.Table); String(s.Publisher); String(s.Licence); String(s.ReferenceDate); body.Write(s.ExampleData);
            });
            List(data.Skipped, s => { String(s.Path); String(s.Reason); });
            List(data.Warnings, String);
            List(data.Files, Report);

            // The string table first, so a reader has it before the records that refer to it.
            using var header = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            header.Write(Magic);
            header.Write(FormatVersion);
            header.Write(key);
            header.Write(strings.Count);
            foreach (var s in strings.Keys) header.Write(s);
            header.Flush();
            body.Flush();
            ((MemoryStream)body.BaseStream).WriteTo(stream);
        }

        private void Area(Area a)
        {
            AreaRef(a.Ref);
            OptionalString(a.CbsCode);
            String(a.Name);
            body.Write((byte)a.Level);
            body.Write(a.Parent is not null);
            if (a.Parent is { } p) AreaRef(p);
            var geometry = a.Geometry is null ? [] : wkb.Write(a.Geometry);
            body.Write(a.Geometry is not null);
            if (a.Geometry is not null)
            {
                body.Write(geometry.Length);
                body.Write(geometry);
            }

            Number(a.AreaM2);
            Date(a.ValidFrom);
            Date(a.ValidUntil);
        }

        private void Metadata(VariableMetadata m)
        {
            String(m.Source); String(m.Variable); String(m.Label); String(m.Definition); String(m.Publisher);
            String(m.ReferenceDate); String(m.Unit); String(m.Theme); Integer(m.MinPopulation); Integer(m.MinDwellings); String(m.ShortLabel);
        }

        private void Report(FileReport r)
        {
            String(r.Path); String(r.Format); body.Write((byte)r.Role); String(r.Table);
            List(r.Years, body.Write);
            List(r.Levels, l => body.Write((byte)l));
            List(r.Divisions, d => body.Write((byte)d));
            body.Write(r.Areas); body.Write(r.Indicators); body.Write(r.Observations); body.Write(r.Forecasts);
            List(r.NotRead, String);
            List(r.Warnings, String);
            String(r.Summary);
        }

        private void List<T>(IReadOnlyList<T> items, Action<T> write)
        {
            body.Write(items.Count);
            foreach (var item in items) write(item);
        }

        private void AreaRef(AreaRef r)
        {
            body.Write((byte)r.Division);
            String(r.Code);
        }

        private void Source(SourceRef s)
        {
            String(s.File);
            body.Write(s.Line);
        }

        private void String(string s)
        {
            if (!strings.TryGetValue(s, out var n)) strings[s] = n = strings.Count;
            body.Write(n);
        }

        private void OptionalString(string? s)
        {
            if (s is null) body.Write(-1);
            else String(s);
        }

        private void Number(double? value)
        {
            body.Write(value is not null);
            if (value is { } v) body.Write(v);
        }

        private void Integer(int? value)
        {
            body.Write(value is not null);
            if (value is { } v) body.Write(v);
        }

        private void Date(DateOnly? date) => body.Write(date?.DayNumber ?? -1);

        public void Dispose() => body.Dispose();
    }

    private sealed class Reader(Stream stream) : IDisposable
    {
        private readonly BinaryReader input = new(stream, Encoding.UTF8);
        private readonly WKBReader wkb = new(new NtsGeometryServices(Geo.Wgs84.PrecisionModel, Geo.Wgs84.SRID));
        private string[] strings = [];

        public DataSet? DataSet(string key)
        {
            if (!input.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic) || input.ReadInt32() != FormatVersion || input.ReadString() != key) return null;
            strings = new string[input.ReadInt32()];
            for (var i = 0; i < strings.Length; i++) strings[i] = input.ReadString();

            var areas = List(Area);
            var metadata = List(() => (String(), Metadata()));
            var observations = List(() => new Observation(String(), AreaRef(), input.ReadInt32(), Number(), (Status)input.ReadByte(), Source()));
            var forecasts = List(() => new Forecast(String(), AreaRef(), input.ReadInt32(), input.ReadDouble(), input.ReadInt32(), Source()));
            var sources = List(() => new SourceFile(String(), String(), String(), String(), String(), String(), String(), input.ReadBoolean()));
            var skipped = List(() => new SkippedFile(String(), String()));
            var warnings = List(String);
            var files = List(Report);
            if (stream.ReadByte() != -1) throw new InvalidDataException("data after the end of the cache");
            return new DataSet(AreaRegistry.Of(areas), IndicatorCatalogue.Default.WithMetadata(metadata), observations, sources, skipped, warnings)
            {
                Forecasts = forecasts,
                Files = files,
            };
        }

        private Area Area()
        {
            var areaRef = AreaRef();
            var cbsCode = OptionalString();
            var name = String();
            var level = (Level)input.ReadByte();
            AreaRef? parent = input.ReadBoolean() ? AreaRef() : null;
            var geometry = input.ReadBoolean() ? wkb.Read(input.ReadBytes(input.ReadInt32())) : null;
            return new Area(areaRef, cbsCode, name, level, parent, geometry, Number()) { ValidFrom = Date(), ValidUntil = Date() };
        }

        private VariableMetadata Metadata() =>
            new(String(), String(), String(), String(), String(), String(), String(), String(), Integer(), Integer()) { ShortLabel = String() };

        private FileReport Report() => new(String(), String(), (FileRole)input.ReadByte(), String())
        {
            Years = List(input.ReadInt32),
            Levels = List(() => (Level)input.ReadByte()),
            Divisions = List(() => (Division)input.ReadByte()),
            Areas = input.ReadInt32(),
            Indicators = input.ReadInt32(),
            Observations = input.ReadInt32(),
            Forecasts = input.ReadInt32(),
            NotRead = List(String),
            Warnings = List(String),
            Summary = String(),
        };

        private List<T> List<T>(Func<T> read)
        {
            var count = input.ReadInt32();
            if (count < 0) throw new InvalidDataException("negative count");
            var list = new List<T>(Math.Min(count, 1 << 20));
            for (var i = 0; i < count; i++) list.Add(read());
            return list;
        }

        private AreaRef AreaRef() => new((Division)input.ReadByte(), String());

        private SourceRef Source() => new(String(), input.ReadInt32());

        private string String()
        {
            var n = input.ReadInt32();
            return (uint)n < (uint)strings.Length ? strings[n] : throw new InvalidDataException($"string {n} is not in the table");
        }

        private string? OptionalString()
        {
            var n = input.ReadInt32();
            if (n == -1) return null;
            return (uint)n < (uint)strings.Length ? strings[n] : throw new InvalidDataException($"string {n} is not in the table");
        }

        private double? Number() => input.ReadBoolean() ? input.ReadDouble() : null;

        private int? Integer() => input.ReadBoolean() ? input.ReadInt32() : null;

        private DateOnly? Date()
        {
            var day = input.ReadInt32();
            return day < 0 ? null : DateOnly.FromDayNumber(day);
        }

        public void Dispose() => input.Dispose();
    }
}
