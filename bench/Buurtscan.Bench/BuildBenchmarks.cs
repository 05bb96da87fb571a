namespace Buurtscan.Bench;

/// <summary>
/// The `build --all` benchmarks, chosen by the first argument: `make bench BENCH_ARGS="all-buurten"`,
/// `"national"` (or `"national-one --buurten N"`). Without arguments `make bench` runs them after the
/// import benchmark.
/// </summary>
internal static class BuildBenchmarks
{
    private static readonly (string Name, string Description, Func<string[], int> Run)[] Benchmarks =
    [
        ("all-buurten", "build --all for every buurt of Amsterdam on the real data (../shared/data), with charts and maps", AllBuurtenBench.Run),
        ("national", "build --all --no-charts on a generated data set of national size, at four sizes, to show how cost grows", NationalBench.Run),
        ("national-one", "one size of the national benchmark in this process (used by `national` for a clean peak memory)", NationalBench.RunOne),
    ];

    /// <summary>The exit code of the benchmark named by the first argument, or null when it names none of these.</summary>
    public static int? Run(string[] args)
    {
        if (args.Length == 0) return null;
        var chosen = Benchmarks.FirstOrDefault(b => b.Name == args[0]);
        return chosen.Run?.Invoke(args[1..]);
    }

    /// <summary>Every build benchmark in turn (not `national-one`, which `national` starts itself).</summary>
    public static int RunAll()
    {
        var failed = 0;
        foreach (var (name, _, run) in Benchmarks.Where(b => b.Name != "national-one"))
        {
            Console.WriteLine();
            Console.WriteLine($"== {name}");
            failed += run([]) == 0 ? 0 : 1;
        }

        return failed == 0 ? 0 : 1;
    }
}
