using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using Buurtscan.Render;
using static Buurtscan.Bench.BenchSupport;

namespace Buurtscan.Bench;

/// <summary>
/// How much of a run's CPU time the lossless compression of its pictures takes by itself: the pixels of the PNGs a
/// run wrote, deflated again with the tool's own zlib settings on one core, with nothing drawn. Every picture a scan
/// must contain (charts, maps, the A3 map at 300 dpi) costs at least this much, whatever the drawing costs, so it
/// shows how much of the time target is left for everything else.
/// </summary>
internal static class CompressionFloor
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    /// <summary>Measures every <paramref name="every"/>th buurt folder of a `build --all` output and prints the estimate for the whole run.</summary>
    public static void Report(string output, int every, double budgetCpuSeconds)
    {
        var buurten = Directory.GetDirectories(output).Order(StringComparer.Ordinal).ToList();
        var sampled = buurten.Where((_, i) => i % every == 0).ToList();
        long rawBytes = 0, storedBytes = 0, deflatedBytes = 0;
        int pictures = 0, sameLength = 0;
        var deflating = new Stopwatch();
        var raw = new MemoryStream();
        var deflated = new MemoryStream();
        foreach (var file in sampled.SelectMany(b => Directory.EnumerateFiles(b, "*.png", SearchOption.AllDirectories)).Order(StringComparer.Ordinal))
        {
            var idat = CompressedPixels(file);
            raw.SetLength(0);
            using (var inflate = new ZLibStream(new MemoryStream(idat), CompressionMode.Decompress)) inflate.CopyTo(raw);

            deflated.SetLength(0);
            deflating.Start();
            using (var deflate = new ZLibStream(deflated, new ZLibCompressionOptions { CompressionLevel = Png.ZLibLevel }, leaveOpen: true))
            {
                deflate.Write(raw.GetBuffer(), 0, (int)raw.Length);
            }

            deflating.Stop();
            pictures++;
            rawBytes += raw.Length;
            storedBytes += idat.Length;
            deflatedBytes += deflated.Length;
            if (deflated.Length == idat.Length) sameLength++;
        }

        if (pictures == 0)
        {
            Console.WriteLine($"compression alone: no PNG in {output}");
            return;
        }

        var whole = deflating.Elapsed.TotalSeconds * buurten.Count / sampled.Count;
        Console.WriteLine(string.Create(Invariant,
            $"compression alone (zlib level {Png.ZLibLevel}, one core, nothing drawn), {(every == 1 ? "every buurt" : $"every {every}th buurt")} ({sampled.Count} of {buurten.Count}): " +
            $"{pictures} pictures, {rawBytes / 1e6:0} MB of pixels to {deflatedBytes / 1e6:0.0} MB in {deflating.Elapsed.TotalSeconds:0.0} s " +
            $"(the run wrote {storedBytes / 1e6:0.0} MB; the same size for {sameLength} of {pictures} pictures); " +
            $"for all {buurten.Count} buurten about {whole:0} CPU s, {100 * whole / budgetCpuSeconds:0}% of the {budgetCpuSeconds:0} CPU s the target allows"));
    }

    /// <summary>The zlib stream of a PNG: its IDAT chunks joined.</summary>
    private static byte[] CompressedPixels(string file)
    {
        var bytes = File.ReadAllBytes(file);
        if (bytes.Length < Signature.Length || !bytes.AsSpan(0, Signature.Length).SequenceEqual(Signature)) throw new InvalidDataException($"{file}: not a PNG");
        var idat = new MemoryStream();
        for (var at = Signature.Length; at + 12 <= bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at));
            if (length < 0 || at + 12 + length > bytes.Length) throw new InvalidDataException($"{file}: chunk at byte {at} runs past the end");
            if (bytes.AsSpan(at + 4, 4).SequenceEqual("IDAT"u8)) idat.Write(bytes, at + 8, length);
            at += 12 + length;
        }

        return idat.ToArray();
    }
}
