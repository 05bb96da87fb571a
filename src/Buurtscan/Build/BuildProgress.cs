using System.Diagnostics;
using System.Globalization;
using Buurtscan.Domain;

namespace Buurtscan.Build;

/// <summary>Hears about each buurt of a run over many buurten as it finishes. Called from several threads.</summary>
public interface IBuildProgress
{
    void Started(int total);

    void Finished(Area buurt, string? error);

    void Done();
}

/// <summary>Progress on standard error: a bar redrawn in place on a terminal, plain lines otherwise (CI logs, files).</summary>
public static class BuildProgress
{
    public static IBuildProgress None { get; } = new Silent();

    public static IBuildProgress For(TextWriter error, bool terminal) => terminal ? new Bar(error) : new Lines(error);

    /// <summary>True when the writer is this process's standard error and that is a terminal, not a pipe or a file.</summary>
    public static bool IsTerminal(TextWriter writer) => ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected;

    private sealed class Silent : IBuildProgress
    {
        public void Started(int total)
        {
        }

        public void Finished(Area buurt, string? error)
        {
        }

        public void Done()
        {
        }
    }

    /// <summary>A line at every tenth of the work, and one for each failure as it happens.</summary>
    private sealed class Lines(TextWriter error) : IBuildProgress
    {
        private readonly Lock gate = new();
        private int total;
        private int done;
        private int lastTenth;

        public void Started(int count)
        {
            total = count;
            lock (gate) error.WriteLine($"buurtscan: {count} buurten bouwen");
        }

        public void Finished(Area buurt, string? failure)
        {
            lock (gate)
            {
                done++;
                if (failure is not null) error.WriteLine($"buurtscan: mislukt: {buurt.Code} {buurt.Name}: {failure}");
                var tenth = total == 0 ? 10 : done * 10 / total;
                if (tenth > lastTenth)
                {
                    lastTenth = tenth;
                    error.WriteLine($"buurtscan: {done}/{total} buurten ({done * 100 / Math.Max(1, total)}%)");
                }
            }
        }

        public void Done()
        {
            lock (gate) error.Flush();
        }
    }

    /// <summary>`[#####.....] 52/518 10% FB08 Wegener Sleeswijkbuurt`, redrawn at most ten times a second.</summary>
    private sealed class Bar(TextWriter error) : IBuildProgress
    {
        private const int Width = 30;
        private readonly Lock gate = new();
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private int total;
        private int done;
        private long lastDraw = -1000;
        private int lastLength;

        public void Started(int count)
        {
            total = count;
            lock (gate) Draw("");
        }

        public void Finished(Area buurt, string? failure)
        {
            lock (gate)
            {
                done++;
                if (failure is not null)
                {
                    Clear();
                    error.WriteLine($"buurtscan: mislukt: {buurt.Code} {buurt.Name}: {failure}");
                    lastDraw = -1000;
                }

                if (done == total || clock.ElapsedMilliseconds - lastDraw >= 100) Draw($"{buurt.Code} {buurt.Name}");
            }
        }

        public void Done()
        {
            lock (gate)
            {
                Clear();
                error.Flush();
            }
        }

        private void Draw(string current)
        {
            lastDraw = clock.ElapsedMilliseconds;
            var filled = total == 0 ? Width : done * Width / total;
            var percent = total == 0 ? 100 : done * 100 / total;
            var text = $"[{new string('#', filled)}{new string('.', Width - filled)}] {done}/{total} {percent.ToString(CultureInfo.InvariantCulture),3}% {current}";
            if (text.Length > 79) text = text[..79];
            error.Write("\r" + text.PadRight(lastLength));
            lastLength = text.Length;
            error.Flush();
        }

        private void Clear()
        {
            if (lastLength == 0) return;
            error.Write("\r" + new string(' ', lastLength) + "\r");
            lastLength = 0;
        }
    }
}
