namespace Buurtscan.Tests.Support;

/// <summary>
/// Compare-or-update for golden files. A mismatch fails with the first differing line; run the tests with
/// BUURTSCAN_UPDATE_GOLDEN=1 to rewrite the expected files, then review the diff before committing.
/// </summary>
public static class Golden
{
    public static void Verify(string name, string actual)
    {
        var path = Path.Combine(TestPaths.Golden, name);
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("BUURTSCAN_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        File.Exists(path).ShouldBeTrue($"golden file {name} is missing; run the tests with BUURTSCAN_UPDATE_GOLDEN=1 to create it");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (expected == actual) return;

        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var line = 0;
        while (line < e.Length && line < a.Length && e[line] == a[line]) line++;
        var want = line < e.Length ? e[line] : "<end of file>";
        var got = line < a.Length ? a[line] : "<end of file>";
        throw new Shouldly.ShouldAssertException($"{name} differs from the golden file at line {line + 1}:\n  expected: {want}\n  actual:   {got}\n(set BUURTSCAN_UPDATE_GOLDEN=1 to accept)");
    }
}
