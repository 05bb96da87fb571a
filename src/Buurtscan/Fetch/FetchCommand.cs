using System.CommandLine;
using System.Globalization;
using Buurtscan.Domain;

namespace Buurtscan.Fetch;

/// <summary>The `fetch` command: its options, and a handler that prints one line per folder.</summary>
public static class FetchCommand
{
    /// <summary>Where fetch writes unless told otherwise; `build --data data` then reads it.</summary>
    public const string DefaultData = "data";

    public static Command Create(TextWriter output)
    {
        var data = new Option<string>("--data", "-d") { Description = "Folder to download into (then: buurtscan build --data <folder>)", DefaultValueFactory = _ => DefaultData };
        var years = new Option<string?>("--years", "-y") { Description = "Years of the CBS tables: 2024, 2023,2024 or 2022-2024 (default: those in the sources file)" };
        var sources = new Option<string?>("--sources", "-s") { Description = "Sources file (JSON) instead of the shipped list of portals and URLs" };
        var offline = new Option<bool>("--offline") { Description = "No network: check and use only what is cached in the data folder" };
        var fetch = new Command("fetch", "Download the open data a scan needs (CBS, Politie, Gemeente Amsterdam, OIS) into the data folder, with a cache")
        {
            data, years, sources, offline,
        };
        fetch.SetAction(async (pr, ct) =>
        {
            var error = pr.InvocationConfiguration.Error;
            var settings = new FetchSettings(pr.GetRequiredValue(data), ParseYears(pr.GetValue(years)), pr.GetValue(sources), pr.GetValue(offline));
            // The bar is drawn on a terminal only, so that logs of the quarterly job stay clean.
            var options = new FetchOptions
            {
                Progress = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected ? Console.Error : null,
            };
            return await RunAsync(settings, options, output, error, ct).ConfigureAwait(false);
        });
        return fetch;
    }

    public static async Task<int> RunAsync(FetchSettings settings, FetchOptions options, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        var report = await Fetcher.RunAsync(settings, options, ct).ConfigureAwait(false);
        foreach (var outcome in report.Outcomes.Where(o => o.State != FetchState.Failed))
        {
            output.WriteLine($"{State(outcome.State)}: {outcome.Folder}: {outcome.Detail}");
        }

        foreach (var failure in report.Failures) error.WriteLine($"buurtscan: {failure.Message}");
        var done = report.Outcomes.Count(o => o.State != FetchState.Failed);
        output.WriteLine($"fetch {settings.DataDirectory}: {done} van {report.Outcomes.Count} mappen in orde" +
            (report.Failures.Count > 0 ? $", {report.Failures.Count} mislukt (wat al in de cache stond is ongemoeid gelaten)" : ""));
        return report.ExitCode;
    }

    /// <summary>`2024`, `2023,2024`, `2022-2024` (and combinations) → the years, sorted.</summary>
    public static IReadOnlyList<int>? ParseYears(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var years = new SortedSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var range = part.Split('-', StringSplitOptions.TrimEntries);
            if (range.Length is 1 or 2 && range.All(IsYear))
            {
                var from = int.Parse(range[0], CultureInfo.InvariantCulture);
                var to = int.Parse(range[^1], CultureInfo.InvariantCulture);
                if (from <= to && to - from < 50)
                {
                    for (var y = from; y <= to; y++) years.Add(y);
                    continue;
                }
            }

            throw new BuurtscanException($"--years: '{part}' is not a year or range of years (expected e.g. 2024, 2023,2024 or 2022-2024)", ExitCodes.Usage);
        }

        return years.ToList();

        static bool IsYear(string s) => s.Length == 4 && s.All(char.IsAsciiDigit) && s[0] is '1' or '2';
    }

    private static string State(FetchState state) => state switch
    {
        FetchState.New => "nieuw",
        FetchState.Updated => "bijgewerkt",
        FetchState.Unchanged => "ongewijzigd",
        FetchState.Cached => "uit cache",
        FetchState.NoData => "geen cijfers",
        _ => "mislukt",
    };
}
