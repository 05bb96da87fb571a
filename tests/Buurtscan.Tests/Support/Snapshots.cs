using System.Text;

namespace Buurtscan.Tests.Support;

/// <summary>
/// Two data snapshots a quarter apart: the first is a copy of data-samples/; the second is that copy with
/// a new year added (KWB 2025), a figure revised in the old year (KWB 2024) and a buurt value suppressed.
/// The expected consequences for the Wegener Sleeswijkbuurt (FB08) and the Bakemabuurt (FB07):
/// <list type="bullet">
/// <item>FB08 inwoners 1.500 (2024) → 1.620 (2025), and Amsterdam 925.000 → 931.000: new period, real change;</item>
/// <item>FB08 65 jaar of ouder 255 → 300 in the 2024 file, and the 2025 file has no 65+ column values, so the
/// figure stays on 2024: revised, a data change (aandeel 65+ 17,0% → 20,0%);</item>
/// <item>FB07 0 tot 15 jaar is secret (−99997) in 2025: the figure moves from the buurt to the wijk.</item>
/// </list>
/// </summary>
public static class Snapshots
{
    public const string File2024 = "cbs/Kerncijfers_wijken_en_buurten_2024_11122025_141648.csv";
    public const string File2025 = "cbs/Kerncijfers_wijken_en_buurten_2025_11122025_141648.csv";

    public static string First(string folder)
    {
        Copy(TestPaths.Samples, folder);
        return folder;
    }

    public static string Second(string folder)
    {
        Copy(TestPaths.Samples, folder);
        var path2024 = Path.Combine(folder, File2024);
        var (bom, lines, newline) = Read(path2024);

        // The 2025 file: the 2024 rows one year on, with a few areas grown, no 65+ column yet, FB07's 0-15 secret.
        var next = lines.Select(line =>
        {
            if (line.Length == 0 || line.StartsWith("\"Wijken en buurten\"", StringComparison.Ordinal)) return line;
            var fields = line.Split(';');
            switch (Code(fields))
            {
                case "BU0363FB08":
                    Set(fields, 5, "1620");
                    Set(fields, 6, "800");
                    Set(fields, 7, "820");
                    Set(fields, 8, "300");
                    break;
                case "GM0363":
                    Set(fields, 5, "931000");
                    break;
                case "BU0363FB07":
                    Set(fields, 8, "-99997");
                    break;
            }

            Set(fields, 12, ".");
            return string.Join(';', fields);
        }).ToList();
        Write(Path.Combine(folder, File2025), bom, next, newline);

        // The 2024 file revised: FB08 had more people of 65 or older than first published.
        var revised = lines.Select(line =>
        {
            var fields = line.Split(';');
            if (fields.Length < 13 || Code(fields) != "BU0363FB08") return line;
            Set(fields, 12, "300");
            return string.Join(';', fields);
        }).ToList();
        Write(path2024, bom, revised, newline);
        return folder;
    }

    public static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    /// <summary>Every file below a folder with its bytes, by relative path, for byte-for-byte comparisons.</summary>
    public static SortedDictionary<string, byte[]> Contents(string folder) => new(
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllBytes),
        StringComparer.Ordinal);

    private static string Code(string[] fields) => fields.Length > 3 ? fields[3].Trim('"', ' ') : "";

    private static void Set(string[] fields, int index, string value)
    {
        if (index < fields.Length) fields[index] = value;
    }

    private static (bool Bom, List<string> Lines, string NewLine) Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        var text = Encoding.UTF8.GetString(bom ? bytes[3..] : bytes);
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        return (bom, text.Split(newline).ToList(), newline);
    }

    private static void Write(string path, bool bom, List<string> lines, string newline) =>
        File.WriteAllText(path, string.Join(newline, lines), new UTF8Encoding(bom));
}
