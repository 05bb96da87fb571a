using Buurtscan.Domain;

namespace Buurtscan.Import;

/// <summary>
/// A small RFC 4180 reader over text already in memory. Written here rather than taken from a package
/// because the sources need things a general reader hides: the physical line of every record (records
/// may span lines), fields that are addressed by span without allocating, and delimiter detection on
/// files whose header cells themselves contain line breaks.
/// </summary>
public sealed class CsvReader
{
    private readonly string text;
    private readonly string file;
    private int position;
    private int line = 1;
    private int[] starts = new int[64];
    private int[] lengths = new int[64];
    private bool[] quoted = new bool[64];

    public CsvReader(string text, string file, char delimiter)
    {
        this.text = text;
        this.file = file;
        Delimiter = delimiter;
    }

    public char Delimiter { get; }

    /// <summary>Number of fields in the current record.</summary>
    public int FieldCount { get; private set; }

    /// <summary>Physical line (1-based) on which the current record starts.</summary>
    public int LineNumber { get; private set; }

    public string File => file;

    /// <summary>Picks `;`, `,` or tab: whichever occurs most outside quotes in the first record.</summary>
    public static char DetectDelimiter(string text)
    {
        int semicolons = 0, commas = 0, tabs = 0;
        var inQuotes = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes)
            {
                if (c is '\n' or '\r')
                {
                    break;
                }

                if (c == ';') semicolons++;
                else if (c == ',') commas++;
                else if (c == '\t') tabs++;
            }
        }

        return tabs > semicolons && tabs > commas ? '\t' : semicolons >= commas ? ';' : ',';
    }

    /// <summary>Moves to the next record; false at the end. Blank lines are skipped.</summary>
    public bool Read()
    {
        while (position < text.Length)
        {
            LineNumber = line;
            if (text[position] is '\r' or '\n')
            {
                SkipLineBreak();
                continue;
            }

            ReadRecord();
            return true;
        }

        FieldCount = 0;
        return false;
    }

    private void SkipLineBreak()
    {
        if (text[position] == '\r' && position + 1 < text.Length && text[position + 1] == '\n')
        {
            position++;
        }

        position++;
        line++;
    }

    private void ReadRecord()
    {
        FieldCount = 0;
        while (true)
        {
            var fieldStart = position;
            // A quote after leading spaces still opens a quoted field (CBS pads some fields before the quote).
            var p = position;
            while (p < text.Length && text[p] == ' ') p++;
            if (p < text.Length && text[p] == '"')
            {
                position = p + 1;
                fieldStart = position;
                while (true)
                {
                    if (position >= text.Length)
                    {
                        throw new InputException(file, LineNumber, "the file ends inside a quoted field (expected a closing \")");
                    }

                    var c = text[position];
                    if (c == '"')
                    {
                        if (position + 1 < text.Length && text[position + 1] == '"')
                        {
                            position += 2;
                            continue;
                        }

                        break;
                    }

                    if (c == '\n') line++;
                    else if (c == '\r' && (position + 1 >= text.Length || text[position + 1] != '\n')) line++;
                    position++;
                }

                Add(fieldStart, position - fieldStart, true);
                position++; // closing quote
                while (position < text.Length && text[position] == ' ') position++;
            }
            else
            {
                while (position < text.Length && text[position] != Delimiter && text[position] != '\n' && text[position] != '\r')
                {
                    position++;
                }

                Add(fieldStart, position - fieldStart, false);
            }

            if (position >= text.Length)
            {
                return;
            }

            var next = text[position];
            if (next == Delimiter)
            {
                position++;
                if (position >= text.Length)
                {
                    Add(position, 0, false);
                    return;
                }

                continue;
            }

            if (next is '\r' or '\n')
            {
                SkipLineBreak();
                return;
            }

            throw new InputException(file, LineNumber, $"unexpected character '{next}' after a quoted field in field {FieldCount} (expected '{Delimiter}' or the end of the line)");
        }

        void Add(int start, int length, bool q)
        {
            if (FieldCount == starts.Length)
            {
                Array.Resize(ref starts, starts.Length * 2);
                Array.Resize(ref lengths, lengths.Length * 2);
                Array.Resize(ref quoted, quoted.Length * 2);
            }

            starts[FieldCount] = start;
            lengths[FieldCount] = length;
            quoted[FieldCount] = q;
            FieldCount++;
        }
    }

    /// <summary>The raw field, quotes removed but doubled quotes not yet undone.</summary>
    public ReadOnlySpan<char> Span(int index)
    {
        if ((uint)index >= (uint)FieldCount)
        {
            throw new InputException(file, LineNumber, $"the record has {FieldCount} fields, expected at least {index + 1}");
        }

        return text.AsSpan(starts[index], lengths[index]);
    }

    /// <summary>The field as trimmed text, with doubled quotes undone.</summary>
    public string GetString(int index)
    {
        var span = Span(index).Trim();
        if (quoted[index] && span.Contains("\"\"", StringComparison.Ordinal))
        {
            return span.ToString().Replace("\"\"", "\"", StringComparison.Ordinal);
        }

        return span.ToString();
    }

    /// <summary>All fields of the current record as trimmed strings (for headers and small files).</summary>
    public string[] GetRecord()
    {
        var fields = new string[FieldCount];
        for (var i = 0; i < FieldCount; i++)
        {
            fields[i] = GetString(i);
        }

        return fields;
    }
}
