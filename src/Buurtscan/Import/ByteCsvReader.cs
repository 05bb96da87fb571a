using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Buurtscan.Domain;

namespace Buurtscan.Import;

/// <summary>
/// A forward-only CSV reader over a file's bytes, for the long formats (BBGA, OIS statistieken) that run to
/// hundreds of megabytes. It reads in 1 MB chunks and hashes as it goes, so a file is read once and never held
/// whole in memory, and it hands out fields as byte spans, so the hot path allocates nothing per cell.
/// Records end at LF (CRLF tolerated); quoted fields may hold the delimiter, doubled quotes and line breaks.
/// Fields are only valid until the next <see cref="Read"/>.
/// </summary>
public sealed class ByteCsvReader : IDisposable
{
    private const int ChunkSize = 1 << 20;
    private static readonly Encoding Windows1252;
    private readonly Stream stream;
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte delimiter;
    private byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
    private int start;
    private int end;
    private bool endOfFile;
    private bool first = true;
    private int line = 1;
    private string? sha256;
    private int[] fieldStart = new int[16];
    private int[] fieldLength = new int[16];
    private bool[] fieldEscaped = new bool[16];

    static ByteCsvReader()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Windows1252 = Encoding.GetEncoding(1252);
    }

    public ByteCsvReader(string path, string displayPath, byte delimiter)
        : this(OpenFile(path, displayPath), displayPath, delimiter)
    {
    }

    public ByteCsvReader(Stream stream, string displayPath, byte delimiter)
    {
        this.stream = stream;
        this.delimiter = delimiter;
        File = displayPath;
    }

    public string File { get; }

    /// <summary>UTF-8, unless the first megabyte is not valid UTF-8: then Windows-1252 (the city's older exports).</summary>
    public Encoding Encoding { get; private set; } = Encoding.UTF8;

    public int FieldCount { get; private set; }

    /// <summary>The physical line (1-based) on which the current record starts.</summary>
    public int LineNumber { get; private set; }

    /// <summary>Bytes read from the file so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>The SHA-256 of the whole file (reads what is left, if anything).</summary>
    public string Sha256
    {
        get
        {
            if (sha256 is null)
            {
                while (!endOfFile) Fill(discard: true);
                sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            }

            return sha256;
        }
    }

    /// <summary>Moves to the next non-blank record; false at the end of the file.</summary>
    public bool Read()
    {
        while (true)
        {
            if (first) Fill(discard: false);
            var data = buffer.AsSpan(start, end - start);
            var length = RecordLength(data, out var breaks);
            if (length < 0)
            {
                if (!endOfFile)
                {
                    Fill(discard: false);
                    continue;
                }

                if (data.IsEmpty)
                {
                    FieldCount = 0;
                    return false;
                }

                length = data.Length; // the last record has no line break
            }

            var recordStart = start;
            LineNumber = line;
            line += 1 + breaks;
            start += Math.Min(length + 1, data.Length);
            var record = buffer.AsSpan(recordStart, length);
            if (record.Length > 0 && record[^1] == (byte)'\r') record = record[..^1];
            if (record.Trim((byte)' ').IsEmpty) continue;
            Split(record, recordStart);
            return true;
        }
    }

    /// <summary>The field's bytes, quotes removed (doubled quotes inside are kept as they are).</summary>
    public ReadOnlySpan<byte> Field(int index)
    {
        if ((uint)index >= (uint)FieldCount)
        {
            throw new InputException(File, LineNumber, $"the record has {FieldCount} fields, expected at least {index + 1}");
        }

        return buffer.AsSpan(fieldStart[index], fieldLength[index]);
    }

    /// <summary>The field as trimmed text, doubled quotes undone.</summary>
    public string GetString(int index)
    {
        var text = Encoding.GetString(Field(index)).Trim();
        return fieldEscaped[index] ? text.Replace("\"\"", "\"", StringComparison.Ordinal) : text;
    }

    /// <summary>
    /// The field as characters in a caller's buffer, trimmed, for allocation-free lookups and number parsing.
    /// Returns false when the field is longer than the buffer.
    /// </summary>
    public bool TryGetChars(int index, Span<char> destination, out int written)
    {
        var bytes = Field(index).Trim((byte)' ');
        written = 0;
        if (Ascii.IsValid(bytes))
        {
            if (bytes.Length > destination.Length) return false;
            Ascii.ToUtf16(bytes, destination, out written);
            return true;
        }

        if (Encoding.GetCharCount(bytes) > destination.Length) return false;
        written = Encoding.GetChars(bytes, destination);
        return true;
    }

    public void Dispose()
    {
        stream.Dispose();
        hash.Dispose();
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = [];
        }
    }

    private static FileStream OpenFile(string path, string displayPath)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        }
        catch (IOException e)
        {
            throw new InputException(displayPath, 0, $"cannot be read: {e.Message}");
        }
    }

    /// <summary>Length of the record at the start of data (up to its LF), or -1 when the buffer holds no complete record.</summary>
    private static int RecordLength(ReadOnlySpan<byte> data, out int breaks)
    {
        breaks = 0;
        var quotes = 0;
        var from = 0;
        while (true)
        {
            var lf = data[from..].IndexOf((byte)'\n');
            if (lf < 0) return -1;
            lf += from;
            // An even number of quotes before the break (doubled quotes count twice) means it lies outside quotes.
            quotes += data[from..lf].Count((byte)'"');
            if (quotes % 2 == 0) return lf;
            breaks++;
            from = lf + 1;
        }
    }

    private void Split(ReadOnlySpan<byte> record, int offset)
    {
        FieldCount = 0;
        var pos = 0;
        while (true)
        {
            var p = pos;
            while (p < record.Length && record[p] == (byte)' ') p++;
            if (p < record.Length && record[p] == (byte)'"')
            {
                var escaped = false;
                var i = p + 1;
                while (true)
                {
                    var q = i < record.Length ? record[i..].IndexOf((byte)'"') : -1;
                    if (q < 0)
                    {
                        throw new InputException(File, LineNumber, "the file ends inside a quoted field (expected a closing \"); it may be cut off");
                    }

                    i += q;
                    if (i + 1 < record.Length && record[i + 1] == (byte)'"')
                    {
                        escaped = true;
                        i += 2;
                        continue;
                    }

                    break;
                }

                Add(offset + p + 1, i - p - 1, escaped);
                pos = i + 1;
                while (pos < record.Length && record[pos] == (byte)' ') pos++;
                if (pos < record.Length && record[pos] != delimiter)
                {
                    throw new InputException(File, LineNumber,
                        $"unexpected character '{(char)record[pos]}' after a quoted field in field {FieldCount} (expected '{(char)delimiter}' or the end of the line)");
                }
            }
            else
            {
                var d = record[pos..].IndexOf(delimiter);
                var length = d < 0 ? record.Length - pos : d;
                Add(offset + pos, length, false);
                pos += length;
            }

            if (pos >= record.Length) return;
            pos++; // the delimiter
            if (pos == record.Length)
            {
                Add(offset + pos, 0, false);
                return;
            }
        }
    }

    private void Add(int fieldOffset, int length, bool escaped)
    {
        if (FieldCount == fieldStart.Length)
        {
            Array.Resize(ref fieldStart, FieldCount * 2);
            Array.Resize(ref fieldLength, FieldCount * 2);
            Array.Resize(ref fieldEscaped, FieldCount * 2);
        }

        fieldStart[FieldCount] = fieldOffset;
        fieldLength[FieldCount] = length;
        fieldEscaped[FieldCount] = escaped;
        FieldCount++;
    }

    /// <summary>Moves unread bytes to the front (growing the buffer for a record longer than it) and reads the next chunk.</summary>
    private void Fill(bool discard)
    {
        if (discard)
        {
            start = end = 0;
        }
        else if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
            Buffer.BlockCopy(buffer, 0, bigger, 0, end);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = bigger;
        }

        var read = 0;
        while (end + read < buffer.Length)
        {
            var n = stream.Read(buffer, end + read, buffer.Length - end - read);
            if (n == 0)
            {
                endOfFile = true;
                break;
            }

            read += n;
            if (read >= ChunkSize) break;
        }

        hash.AppendData(buffer, end, read);
        BytesRead += read;
        var fresh = buffer.AsSpan(end, read);
        end += read;
        if (first)
        {
            first = false;
            Sniff(fresh);
        }
    }

    private void Sniff(ReadOnlySpan<byte> head)
    {
        if (head.IndexOf((byte)0) >= 0)
        {
            throw new InputException(File, 0, "this is a binary file, not text (expected a CSV file)");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            start = 3;
            head = head[3..];
        }

        // A chunk may end inside a multi-byte character: judge the encoding on whole characters only.
        var probe = endOfFile ? head : head[..Math.Max(0, head.Length - 4)];
        Encoding = System.Text.Unicode.Utf8.IsValid(probe) ? Encoding.UTF8 : Windows1252;
    }
}

/// <summary>Number parsing on the bytes of a field, with the same rules as <see cref="Numbers.ParseCell"/>.</summary>
public static class Utf8Numbers
{
    /// <summary>A value, or the reason there is none. Throws the documented InputException for anything else.</summary>
    public static (double? Value, Status Status) ParseCell(ReadOnlySpan<byte> raw, bool decimalComma, string file, int line, string field)
    {
        var s = raw.Trim((byte)' ');
        if (s.IsEmpty || s is [(byte)'.'] or [(byte)'N', (byte)'A'] or [(byte)'-'] or [(byte)'?']) return (null, Status.Missing);
        if (s is [(byte)'x']) return (null, Status.Suppressed);

        // A comma is a decimal comma where the source writes them, and wherever there is no point (R's "1,4").
        Span<byte> copy = stackalloc byte[64];
        scoped ReadOnlySpan<byte> number = s;
        if (s.IndexOf((byte)',') >= 0 && (decimalComma || s.IndexOf((byte)'.') < 0) && s.Length <= copy.Length)
        {
            s.CopyTo(copy);
            copy = copy[..s.Length];
            copy.Replace((byte)',', (byte)'.');
            number = copy;
        }

        if (double.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return Sentinel(value);
        }

        var text = Encoding.UTF8.GetString(s);
        throw new InputException(file, line, $"'{Excerpt(text)}' is not a number (expected a number{(decimalComma ? " with a decimal comma" : "")} or an empty cell)", field);
    }

    /// <summary>A field's text as an error message quotes it: at most 40 characters.</summary>
    internal static string Excerpt(string text) => text.Length > 40 ? text[..40] + "…" : text;

    private static (double?, Status) Sentinel(double value) => value switch
    {
        -99997 => (null, Status.Suppressed),
        -99995 => (null, Status.Later),
        -99991 => (null, Status.NotAtLevel),
        -99999 => (null, Status.Missing),
        _ => (value, Status.Ok),
    };
}

/// <summary>
/// A small hash table keyed by the UTF-8 bytes of a field, for what a long file repeats millions of times
/// (variable names, area codes): a lookup hashes the bytes as they lie in the read buffer, so it needs
/// neither a string nor a conversion to characters. Open addressing, grown at half full.
/// </summary>
internal sealed class Utf8Cache<T>
    where T : class
{
    private byte[]?[] keys = new byte[]?[64];
    private int[] hashes = new int[64];
    private T?[] values = new T?[64];
    private int count;

    public int Count => count;

    public T? Find(ReadOnlySpan<byte> key)
    {
        var hash = Hash(key);
        var mask = keys.Length - 1;
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            var k = keys[i];
            if (k is null) return null;
            if (hashes[i] == hash && key.SequenceEqual(k)) return values[i];
        }
    }

    public void Add(ReadOnlySpan<byte> key, T value)
    {
        if ((count + 1) * 2 > keys.Length) Grow();
        Insert(key.ToArray(), Hash(key), value);
        count++;
    }

    public IEnumerable<(byte[] Key, T Value)> Entries()
    {
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] is { } k) yield return (k, values[i]!);
        }
    }

    private void Insert(byte[] key, int hash, T value)
    {
        var mask = keys.Length - 1;
        var i = hash & mask;
        while (keys[i] is not null) i = (i + 1) & mask;
        keys[i] = key;
        hashes[i] = hash;
        values[i] = value;
    }

    private void Grow()
    {
        var (oldKeys, oldHashes, oldValues) = (keys, hashes, values);
        keys = new byte[]?[oldKeys.Length * 2];
        hashes = new int[oldKeys.Length * 2];
        values = new T?[oldKeys.Length * 2];
        for (var i = 0; i < oldKeys.Length; i++)
        {
            if (oldKeys[i] is { } k) Insert(k, oldHashes[i], oldValues[i]!);
        }
    }

    /// <summary>FNV-1a: keys are short (a code, a variable name), so a simple loop beats anything cleverer.</summary>
    private static int Hash(ReadOnlySpan<byte> key)
    {
        var hash = 2166136261u;
        foreach (var b in key) hash = (hash ^ b) * 16777619u;
        return (int)(hash & 0x7FFFFFFF);
    }
}
