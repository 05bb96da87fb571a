using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;

namespace Buurtscan.Tests.Support;

/// <summary>How a test workbook stores its text cells.</summary>
public enum XlsxStrings { Shared, Inline, Formula }

/// <summary>Writes minimal .xlsx workbooks for tests: sheets of rows of strings and numbers, strings stored as asked.</summary>
public static class XlsxWriter
{
    public static byte[] Write(XlsxStrings strings, params (string Name, object?[][] Rows)[] sheets)
    {
        var shared = new List<string>();
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            var types = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
                "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>");
            var workbook = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " +
                "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>");
            var rels = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
            for (var s = 0; s < sheets.Length; s++)
            {
                var (name, rows) = sheets[s];
                // Relationship ids in another order than the sheets, as Excel writes them: the reader must follow the ids.
                var id = $"rId{sheets.Length - s}";
                workbook.Append(CultureInfo.InvariantCulture, $"<sheet name=\"{SecurityElement.Escape(name)}\" sheetId=\"{s + 1}\" r:id=\"{id}\"/>");
                rels.Append(CultureInfo.InvariantCulture, $"<Relationship Id=\"{id}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{s + 1}.xml\"/>");
                types.Append(CultureInfo.InvariantCulture, $"<Override PartName=\"/xl/worksheets/sheet{s + 1}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
                Entry(zip, $"xl/worksheets/sheet{s + 1}.xml", Sheet(rows, strings, shared));
            }

            if (strings == XlsxStrings.Shared)
            {
                rels.Append("<Relationship Id=\"rIdS\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>");
                types.Append("<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>");
                var sst = new StringBuilder().Append(CultureInfo.InvariantCulture, $"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"{shared.Count}\" uniqueCount=\"{shared.Count}\">");
                foreach (var text in shared) sst.Append(CultureInfo.InvariantCulture, $"<si><t xml:space=\"preserve\">{SecurityElement.Escape(text)}</t></si>");
                Entry(zip, "xl/sharedStrings.xml", sst.Append("</sst>").ToString());
            }

            Entry(zip, "[Content_Types].xml", types.Append("</Types>").ToString());
            Entry(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            Entry(zip, "xl/workbook.xml", workbook.Append("</sheets></workbook>").ToString());
            Entry(zip, "xl/_rels/workbook.xml.rels", rels.Append("</Relationships>").ToString());
        }

        return memory.ToArray();
    }

    private static string Sheet(object?[][] rows, XlsxStrings strings, List<string> shared)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        for (var r = 0; r < rows.Length; r++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<row r=\"{r + 1}\">");
            for (var c = 0; c < rows[r].Length; c++)
            {
                var reference = $"{(char)('A' + c)}{r + 1}";
                switch (rows[r][c])
                {
                    case null:
                        break;
                    case string text when strings == XlsxStrings.Shared:
                        var index = shared.IndexOf(text);
                        if (index < 0)
                        {
                            index = shared.Count;
                            shared.Add(text);
                        }

                        xml.Append(CultureInfo.InvariantCulture, $"<c r=\"{reference}\" t=\"s\"><v>{index}</v></c>");
                        break;
                    case string text when strings == XlsxStrings.Inline:
                        xml.Append(CultureInfo.InvariantCulture, $"<c r=\"{reference}\" t=\"inlineStr\"><is><t>{SecurityElement.Escape(text)}</t></is></c>");
                        break;
                    case string text:
                        xml.Append(CultureInfo.InvariantCulture, $"<c r=\"{reference}\" s=\"2\" t=\"str\"><v>{SecurityElement.Escape(text)}</v></c>");
                        break;
                    case IFormattable number:
                        xml.Append(CultureInfo.InvariantCulture, $"<c r=\"{reference}\"><v>{number.ToString(null, CultureInfo.InvariantCulture)}</v></c>");
                        break;
                }
            }

            xml.Append("</row>");
        }

        return xml.Append("</sheetData></worksheet>").ToString();
    }

    private static void Entry(ZipArchive zip, string name, string content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = new DateTimeOffset(2024, 12, 9, 12, 0, 0, TimeSpan.Zero);
        using var stream = entry.Open();
        var bytes = Encoding.UTF8.GetBytes(content);
        stream.Write(bytes);
    }
}
