using System.IO.Compression;
using System.Xml;
using Buurtscan.Domain;

namespace Buurtscan.Import;

/// <summary>One worksheet: its name and its rows, each with the row number Excel shows and the cells' text by column.</summary>
public sealed record XlsxSheet(string Name, IReadOnlyList<XlsxRow> Rows);

/// <summary>A row of a worksheet; Cells[0] is column A. Empty cells are null.</summary>
public sealed record XlsxRow(int Number, IReadOnlyList<string?> Cells)
{
    public string? this[int column] => column < Cells.Count ? Cells[column] : null;
}

/// <summary>
/// A small reader for the values in an .xlsx workbook (a zip of XML parts), enough for OIS's downloads:
/// the workbook's sheet list and relationships, the shared-string table (`t="s"`), inline strings
/// (`t="inlineStr"` with `is/t` or rich-text runs), formula strings (`t="str"`), numbers, booleans and errors.
/// Numbers are returned as Excel stores them (invariant, decimal point); styles and dates are not interpreted.
/// </summary>
public static class Xlsx
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string OfficeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    public static IReadOnlyList<XlsxSheet> Read(string path, string displayPath)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            return Read(zip, displayPath);
        }
        catch (InvalidDataException e)
        {
            throw new InputException(displayPath, 0, $"not a readable .xlsx workbook ({e.Message}); the file may be cut off or not a workbook");
        }
        catch (XmlException e)
        {
            throw new InputException(displayPath, e.LineNumber, $"the workbook holds malformed XML ({e.Message})");
        }
        catch (IOException e)
        {
            throw new InputException(displayPath, 0, $"not a readable .xlsx workbook ({e.Message}); the file may be cut off");
        }
    }

    public static IReadOnlyList<XlsxSheet> Read(ZipArchive zip, string displayPath)
    {
        var workbook = zip.GetEntry("xl/workbook.xml") ?? throw new InputException(displayPath, 0, "no xl/workbook.xml (expected an Excel .xlsx workbook)");
        var targets = Relationships(zip, "xl/_rels/workbook.xml.rels");
        var shared = zip.GetEntry("xl/sharedStrings.xml") is { } sst ? SharedStrings(sst) : [];
        var sheets = new List<XlsxSheet>();
        using (var stream = workbook.Open())
        using (var xml = XmlReader.Create(stream, Settings))
        {
            while (xml.Read())
            {
                if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "sheet" || xml.NamespaceURI != Main) continue;
                var name = xml.GetAttribute("name") ?? $"sheet{sheets.Count + 1}";
                var id = xml.GetAttribute("id", OfficeRelationships);
                var target = id is not null && targets.TryGetValue(id, out var t) ? t : $"worksheets/sheet{sheets.Count + 1}.xml";
                var partName = target.StartsWith('/') ? target[1..] : "xl/" + target;
                var part = zip.GetEntry(partName) ?? throw new InputException(displayPath, 0, $"sheet '{name}' points to {partName}, which is not in the workbook");
                sheets.Add(new XlsxSheet(name, Sheet(part, shared, displayPath)));
            }
        }

        return sheets;
    }

    private static readonly XmlReaderSettings Settings = new() { DtdProcessing = DtdProcessing.Prohibit, IgnoreWhitespace = false, XmlResolver = null };

    private static Dictionary<string, string> Relationships(ZipArchive zip, string name)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (zip.GetEntry(name) is not { } entry) return result;
        using var stream = entry.Open();
        using var xml = XmlReader.Create(stream, Settings);
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "Relationship" && xml.GetAttribute("Id") is { } id && xml.GetAttribute("Target") is { } target)
            {
                result[id] = target;
            }
        }

        return result;
    }

    private static List<string> SharedStrings(ZipArchiveEntry entry)
    {
        var strings = new List<string>();
        using var stream = entry.Open();
        using var xml = XmlReader.Create(stream, Settings);
        xml.Read();
        while (!xml.EOF)
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "si" && xml.NamespaceURI == Main)
            {
                strings.Add(StringItem(xml));
                continue;
            }

            xml.Read();
        }

        return strings;
    }

    /// <summary>
    /// The text of an `si` or `is` element: its `t` children, including those in rich-text runs (`r/t`), but not
    /// phonetic runs (`rPh`). Leaves the reader on the node after the element.
    /// </summary>
    private static string StringItem(XmlReader xml)
    {
        if (xml.IsEmptyElement)
        {
            xml.Read();
            return "";
        }

        var depth = xml.Depth;
        var text = new System.Text.StringBuilder();
        xml.Read();
        while (!xml.EOF && xml.Depth > depth)
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "rPh")
            {
                xml.Skip();
            }
            else if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "t")
            {
                text.Append(xml.ReadElementContentAsString());
            }
            else
            {
                xml.Read();
            }
        }

        xml.Read(); // past the end tag
        return text.ToString();
    }

    private static List<XlsxRow> Sheet(ZipArchiveEntry part, List<string> shared, string displayPath)
    {
        var rows = new List<XlsxRow>();
        using var stream = part.Open();
        using var xml = XmlReader.Create(stream, Settings);
        List<string?>? cells = null;
        var rowNumber = 0;
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "row")
            {
                rowNumber = int.TryParse(xml.GetAttribute("r"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var r) ? r : rowNumber + 1;
                cells = [];
                if (xml.IsEmptyElement)
                {
                    rows.Add(new XlsxRow(rowNumber, cells));
                    cells = null;
                }
            }
            else if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "row" && cells is not null)
            {
                rows.Add(new XlsxRow(rowNumber, cells));
                cells = null;
            }
            else if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "c" && cells is not null)
            {
                var reference = xml.GetAttribute("r");
                var column = reference is null ? cells.Count : Column(reference, displayPath, rowNumber);
                var value = Cell(xml, shared, displayPath, rowNumber);
                while (cells.Count <= column) cells.Add(null);
                cells[column] = value;
            }
        }

        return rows;
    }

    /// <summary>The cell's text; leaves the reader on the cell's end tag (or on an empty cell).</summary>
    private static string? Cell(XmlReader xml, List<string> shared, string displayPath, int row)
    {
        var type = xml.GetAttribute("t") ?? "n";
        if (xml.IsEmptyElement) return null;
        var depth = xml.Depth;
        string? value = null;
        xml.Read();
        while (!xml.EOF && xml.Depth > depth)
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "v") value = xml.ReadElementContentAsString();
            else if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "is") value = StringItem(xml);
            else xml.Read();
        }

        if (value is null) return null;
        return type switch
        {
            "s" => int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) && index < shared.Count
                ? shared[index]
                : throw new InputException(displayPath, row, $"shared string {value} does not exist (the table has {shared.Count})"),
            "b" => value == "1" ? "TRUE" : "FALSE",
            _ => value,
        };
    }

    /// <summary>`AB12` → 27 (zero-based column).</summary>
    public static int Column(string reference, string displayPath = "", int row = 0)
    {
        var column = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            if (c is >= 'A' and <= 'Z')
            {
                column = column * 26 + (c - 'A' + 1);
                letters++;
            }
            else break;
        }

        return letters is > 0 and <= 3 ? column - 1 : throw new InputException(displayPath, row, $"'{reference}' is not a cell reference (expected e.g. B12)");
    }
}
