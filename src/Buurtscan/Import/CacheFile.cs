using System.Text;
using Buurtscan.Domain;
using NetTopologySuite.IO;

namespace Buurtscan.Import;

/// <summary>
/// The files of buurtscan's caches (<see cref="DataCache"/>, <see cref="Resolve.ValueCache"/>): a header with
/// the kind, the format version and the key they were made for, a table of every string once, then records
/// that refer to the strings by number. Written to a file of its own and moved into place; any file that cannot
/// be read as expected counts as absent.
/// </summary>
public static class CacheFile
{
    /// <summary>Cache files of one kind kept (the newest); older ones are removed, so the folder does not grow with every download.</summary>
    private const int Kept = 4;

    /// <summary>The records written by <paramref name="read"/> from a file made for this kind, version and key; null when there is none or it is damaged.</summary>
    public static T? TryRead<T>(string file, string kind, int version, string key, Func<CacheReader, T> read)
        where T : class
    {
        if (!File.Exists(file)) return null;
        try
        {
            using var stream = new BufferedStream(File.OpenRead(file), 1 << 16);
            using var reader = CacheReader.Open(stream, kind, version, key);
            if (reader is null) return null;
            var result = read(reader);
            if (stream.ReadByte() != -1) throw new InvalidDataException("data after the end of the cache");
            return result;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or ParseException or ArgumentException or FormatException or InvalidCastException or IndexOutOfRangeException)
        {
            return null; // unreadable or from elsewhere: made afresh and replaced
        }
    }

    /// <summary>Writes the file atomically; a cache that cannot be written (read-only home, full disk) only costs the next run its time.</summary>
    public static void TryWrite(string file, string kind, int version, string key, Action<CacheWriter> write)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(file))!;

        // A name of its own: builds running at the same time may both be writing the same file.
        var temporary = file + "." + Path.GetRandomFileName() + ".tmp";
        try
        {
            Directory.CreateDirectory(directory);
            using (var writer = new CacheWriter())
            {
                write(writer);
                using var stream = new BufferedStream(File.Create(temporary), 1 << 16);
                writer.WriteTo(stream, kind, version, key);
            }

            File.Move(temporary, file, overwrite: true);
            Prune(directory, file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
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

    /// <summary>Keeps the newest files with the same prefix (data-, values-) as the one just written.</summary>
    private static void Prune(string directory, string keep)
    {
        var name = Path.GetFileName(keep);
        var prefix = name[..(name.IndexOf('-', StringComparison.Ordinal) + 1)];
        var old = new DirectoryInfo(directory).GetFiles(prefix + "*.bin")
            .Where(f => f.FullName != Path.GetFullPath(keep))
            .OrderByDescending(f => f.LastWriteTimeUtc)
            .Skip(Kept - 1);
        foreach (var f in old) f.Delete();
    }
}

/// <summary>Writes records into a cache file's body; strings go to the table.</summary>
public sealed class CacheWriter : IDisposable
{
    private readonly Dictionary<string, int> strings = new(StringComparer.Ordinal);

    public BinaryWriter Body { get; } = new(new MemoryStream(), Encoding.UTF8);

    public void WriteTo(Stream stream, string kind, int version, string key)
    {
        using var header = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        header.Write(kind);
        header.Write(version);
        header.Write(key);
        header.Write(strings.Count);
        foreach (var s in strings.Keys) header.Write(s);
        header.Flush();
        Body.Flush();
        ((MemoryStream)Body.BaseStream).WriteTo(stream);
    }

    public void String(string s)
    {
        if (!strings.TryGetValue(s, out var n)) strings[s] = n = strings.Count;
        Body.Write(n);
    }

    public void OptionalString(string? s)
    {
        if (s is null) Body.Write(-1);
        else String(s);
    }

    public void Number(double? value)
    {
        Body.Write(value is not null);
        if (value is { } v) Body.Write(v);
    }

    public void Integer(int? value)
    {
        Body.Write(value is not null);
        if (value is { } v) Body.Write(v);
    }

    public void AreaRef(AreaRef r)
    {
        Body.Write((byte)r.Division);
        String(r.Code);
    }

    public void Source(SourceRef s)
    {
        String(s.File);
        Body.Write(s.Line);
    }

    public void List<T>(IReadOnlyCollection<T> items, Action<T> write)
    {
        Body.Write(items.Count);
        foreach (var item in items) write(item);
    }

    public void Dispose() => Body.Dispose();
}

/// <summary>Reads what a <see cref="CacheWriter"/> wrote, in the same order.</summary>
public sealed class CacheReader : IDisposable
{
    private readonly string[] strings;

    private CacheReader(BinaryReader input, string[] strings)
    {
        Input = input;
        this.strings = strings;
    }

    public BinaryReader Input { get; }

    /// <summary>A reader past the header and the string table, or null when the file is of another kind, version or key.</summary>
    public static CacheReader? Open(Stream stream, string kind, int version, string key)
    {
        var input = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        if (input.ReadString() != kind || input.ReadInt32() != version || input.ReadString() != key)
        {
            input.Dispose();
            return null;
        }

        var count = input.ReadInt32();
        if (count < 0) throw new InvalidDataException("negative count");
        var strings = new string[count];
        for (var i = 0; i < count; i++) strings[i] = input.ReadString();
        return new CacheReader(input, strings);
    }

    public string String()
    {
        var n = Input.ReadInt32();
        return (uint)n < (uint)strings.Length ? strings[n] : throw new InvalidDataException($"string {n} is not in the table");
    }

    public string? OptionalString()
    {
        var n = Input.ReadInt32();
        if (n == -1) return null;
        return (uint)n < (uint)strings.Length ? strings[n] : throw new InvalidDataException($"string {n} is not in the table");
    }

    public double? Number() => Input.ReadBoolean() ? Input.ReadDouble() : null;

    public int? Integer() => Input.ReadBoolean() ? Input.ReadInt32() : null;

    public AreaRef AreaRef() => new((Division)Input.ReadByte(), String());

    public SourceRef Source() => new(String(), Input.ReadInt32());

    public List<T> List<T>(Func<T> read)
    {
        var count = Input.ReadInt32();
        if (count < 0) throw new InvalidDataException("negative count");
        var list = new List<T>(Math.Min(count, 1 << 20));
        for (var i = 0; i < count; i++) list.Add(read());
        return list;
    }

    public void Dispose() => Input.Dispose();
}
