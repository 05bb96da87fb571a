using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Buurtscan.Fetch;

/// <summary>Validators of a stored copy, sent back so that the server can answer 304 Not Modified.</summary>
public sealed record Validators(string? ETag, string? LastModified)
{
    public bool Any => ETag is not null || LastModified is not null;
}

/// <summary>One GET to be written to <paramref name="Destination"/> (a temporary name; the caller moves it into place).</summary>
internal sealed record TransferRequest(Uri Url, string Destination, string Label)
{
    public string Accept { get; init; } = "*/*";

    /// <summary>Validators of the cached copy: ask only for a changed file.</summary>
    public Validators? IfChanged { get; init; }

    /// <summary>
    /// Where the bytes of an interrupted download wait, so that the next attempt (or the next run) asks only
    /// for the rest. Null for small requests, which simply start again.
    /// </summary>
    public string? Partial { get; init; }

    public long MaxBytes { get; init; } = long.MaxValue;

    /// <summary>
    /// Checks a complete body: returns what is wrong (the download is retried) or null. Throws a
    /// <see cref="FetchException"/> for problems that another try will not cure.
    /// </summary>
    public Func<string, string?>? Verify { get; init; }
}

internal abstract record TransferResult;

/// <summary>The server confirmed that the cached copy is current (HTTP 304).</summary>
internal sealed record NotModified : TransferResult;

internal sealed record Downloaded(long Bytes, string Sha256, string? ETag, string? LastModified, string? ContentType) : TransferResult;

/// <summary>
/// HTTP downloads with time-outs, retries with back-off, conditional requests, a size limit, resumption of
/// interrupted transfers and a progress bar. Every failure ends as one <see cref="FetchException"/> naming the URL.
/// </summary>
internal sealed class Transfer : IDisposable
{
    private readonly HttpClient client;
    private readonly FetchOptions options;
    private readonly ProgressBar progress;

    public Transfer(FetchOptions options)
    {
        this.options = options;
        progress = new ProgressBar(options.Progress);
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            ConnectTimeout = options.RequestTimeout,
            // HttpClient.DefaultProxy follows HTTPS_PROXY/HTTP_PROXY/NO_PROXY on Linux and the system settings on Windows.
            UseProxy = options.UseProxy,
            Proxy = options.UseProxy ? new DirectForLoopback(options.Proxy ?? HttpClient.DefaultProxy) : null,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("buurtscan", Build.ScanBuilder.ToolVersion.Split('+')[0]));
    }

    public void Dispose() => client.Dispose();

    public async Task<TransferResult> GetAsync(TransferRequest request, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan? retryAfter;
            string problem;
            try
            {
                var result = await AttemptAsync(request, ct).ConfigureAwait(false);
                if (result is not Downloaded || request.Verify?.Invoke(request.Destination) is not { } damaged) return result;
                File.Delete(request.Destination);
                problem = $"the file arrived damaged or incomplete ({damaged})";
                retryAfter = null;
            }
            catch (TransientException e)
            {
                problem = e.Message;
                retryAfter = e.RetryAfter;
            }

            if (attempt >= options.Attempts)
            {
                throw new FetchException($"{request.Url}: {problem}; gave up after {attempt} attempt{(attempt == 1 ? "" : "s")}");
            }

            var delay = retryAfter ?? options.RetryDelay * Math.Pow(2, attempt - 1);
            await Task.Delay(delay < options.MaxRetryDelay ? delay : options.MaxRetryDelay, ct).ConfigureAwait(false);
        }
    }

    private async Task<TransferResult> AttemptAsync(TransferRequest r, CancellationToken ct)
    {
        var partial = r.Partial ?? r.Destination + ".part";
        var validatorFile = partial + ".validator";
        var resumeFrom = 0L;
        string? resumeValidator = null;
        if (r.Partial is not null && File.Exists(partial) && File.Exists(validatorFile))
        {
            resumeFrom = new FileInfo(partial).Length;
            resumeValidator = File.ReadAllText(validatorFile).Trim();
            if (resumeFrom == 0 || resumeValidator.Length == 0) (resumeFrom, resumeValidator) = (0, null);
        }

        using var message = new HttpRequestMessage(HttpMethod.Get, r.Url);
        message.Headers.Accept.ParseAdd(r.Accept);
        if (resumeValidator is not null)
        {
            // If-Range: the rest if the file is still the one we have the start of, else the whole file (200).
            message.Headers.Range = new RangeHeaderValue(resumeFrom, null);
            message.Headers.TryAddWithoutValidation("If-Range", resumeValidator);
        }
        else if (r.IfChanged is { } v)
        {
            if (v.ETag is not null) message.Headers.TryAddWithoutValidation("If-None-Match", v.ETag);
            if (v.LastModified is not null) message.Headers.TryAddWithoutValidation("If-Modified-Since", v.LastModified);
        }

        HttpResponseMessage response;
        using (var waitForHeaders = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            waitForHeaders.CancelAfter(options.RequestTimeout);
            try
            {
                response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, waitForHeaders.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TransientException($"no answer within {Seconds(options.RequestTimeout)}");
            }
            catch (HttpRequestException e)
            {
                throw new TransientException($"the connection failed: {e.Message}");
            }
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status == 304)
            {
                return r.IfChanged is not null ? new NotModified() : throw new TransientException("the server answered 304 Not Modified to a request without validators");
            }

            if (status is 408 or 429 or >= 500) throw new TransientException($"HTTP {status} {response.ReasonPhrase}", RetryAfter(response));
            if (status >= 400) throw new FetchException(await ClientErrorAsync(r.Url, response, ct).ConfigureAwait(false));
            if (status is not (200 or 206)) throw new FetchException($"{r.Url}: unexpected HTTP {status} {response.ReasonPhrase} (expected 200 OK)");

            var append = false;
            if (status == 206)
            {
                if (resumeValidator is null || response.Content.Headers.ContentRange?.From != resumeFrom)
                {
                    DeletePartial(partial);
                    throw new TransientException("the server sent a part that does not continue the interrupted download");
                }

                append = true;
            }

            // Null when the body is compressed or chunked: then only the connection's own checks and Verify apply.
            var length = response.Content.Headers.ContentLength;
            var total = length + (append ? resumeFrom : 0);
            if (total > r.MaxBytes)
            {
                DeletePartial(partial);
                throw new FetchException($"{r.Url}: the file is {Count(total.Value)} bytes, more than the limit of {Count(r.MaxBytes)}; raise maxBytes for this source in the sources file if that is expected");
            }

            var etag = response.Headers.ETag;
            var lastModified = response.Content.Headers.LastModified?.ToString("R", CultureInfo.InvariantCulture);
            // Resuming needs a strong validator to tie the parts together, and raw bytes of a known length.
            var validator = etag is { IsWeak: false } ? etag.ToString() : lastModified;
            var resumable = r.Partial is not null && length is not null && validator is not null;
            if (resumable) File.WriteAllText(validatorFile, validator);
            else if (File.Exists(validatorFile)) File.Delete(validatorFile);

            var received = append ? resumeFrom : 0;
            progress.Start(r.Label, total, received);
            try
            {
                var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
                await using (body.ConfigureAwait(false))
                {
                    var file = new FileStream(partial, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                    await using (file.ConfigureAwait(false))
                    {
                        var buffer = new byte[1 << 16];
                        using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
                        while (true)
                        {
                            idle.CancelAfter(options.IdleTimeout);
                            var n = await body.ReadAsync(buffer, idle.Token).ConfigureAwait(false);
                            if (n == 0) break;
                            received += n;
                            if (received > r.MaxBytes)
                            {
                                throw new FetchException($"{r.Url}: the download passed the limit of {Count(r.MaxBytes)} bytes; raise maxBytes for this source in the sources file if that is expected");
                            }

                            await file.WriteAsync(buffer.AsMemory(0, n), ct).ConfigureAwait(false);
                            progress.Report(received);
                        }
                    }
                }
            }
            catch (FetchException)
            {
                DeletePartial(partial);
                throw;
            }
            catch (Exception e) when (e is IOException or HttpRequestException || (e is OperationCanceledException && !ct.IsCancellationRequested))
            {
                if (!resumable) DeletePartial(partial);
                throw new TransientException(e is OperationCanceledException
                    ? $"no data for {Seconds(options.IdleTimeout)} after {Count(received)} bytes"
                    : $"the transfer broke off after {Count(received)} bytes ({e.Message})");
            }
            finally
            {
                progress.End();
            }

            if (total is { } expected && received != expected)
            {
                DeletePartial(partial);
                throw new TransientException($"received {Count(received)} bytes where the server announced {Count(expected)}");
            }

            File.Move(partial, r.Destination, overwrite: true);
            if (File.Exists(validatorFile)) File.Delete(validatorFile);
            return new Downloaded(received, await Sha256Async(r.Destination, ct).ConfigureAwait(false), etag?.ToString(), lastModified,
                response.Content.Headers.ContentType?.MediaType);
        }
    }

    public static async Task<string> Sha256Async(string path, CancellationToken ct)
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct).ConfigureAwait(false));
        }
    }

    private static void DeletePartial(string partial)
    {
        if (File.Exists(partial)) File.Delete(partial);
        if (File.Exists(partial + ".validator")) File.Delete(partial + ".validator");
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>A 4xx is not retried: the message says what the portal said and what to check.</summary>
    private static async Task<string> ClientErrorAsync(Uri url, HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        var hint = status switch
        {
            404 or 410 => "the portal does not know this address (any more); check the URL or table id in the sources file",
            401 or 403 => "the portal refuses this request; check the URL in the sources file and whether the portal now asks for a key",
            400 => "the portal did not understand the request; check the query (such as $filter) in the sources file",
            _ => "the portal refused the request; check the URL in the sources file",
        };
        string said;
        try
        {
            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            said = string.Join(' ', body.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            said = said.Length == 0 ? "" : $" (it said: {(said.Length > 200 ? said[..200] + "…" : said)})";
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            said = "";
        }

        return $"{url}: HTTP {status} {response.ReasonPhrase}: {hint}{said}";
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds >= 1
        ? t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s"
        : t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>
    /// The proxy, except that this machine itself is always reached directly: a proxy cannot reach it, and a
    /// request meant for a local server must never leave the machine.
    /// </summary>
    internal sealed class DirectForLoopback(IWebProxy proxy) : IWebProxy
    {
        public ICredentials? Credentials
        {
            get => proxy.Credentials;
            set => proxy.Credentials = value;
        }

        public Uri? GetProxy(Uri destination) => destination.IsLoopback ? null : proxy.GetProxy(destination);

        public bool IsBypassed(Uri host) => host.IsLoopback || proxy.IsBypassed(host);
    }

    /// <summary>A failure that another attempt may cure.</summary>
    private sealed class TransientException(string message, TimeSpan? retryAfter = null) : Exception(message)
    {
        public TimeSpan? RetryAfter { get; } = retryAfter;
    }
}

/// <summary>A one-line progress bar, drawn only on a terminal and at most ten times a second.</summary>
internal sealed class ProgressBar(TextWriter? writer)
{
    private readonly Stopwatch clock = new();
    private string label = "";
    private long? total;
    private bool drawn;

    public void Start(string name, long? expected, long already)
    {
        if (writer is null) return;
        label = name.Length > 32 ? "…" + name[^31..] : name;
        total = expected;
        clock.Restart();
        Draw(already);
    }

    public void Report(long received)
    {
        if (writer is null || clock.ElapsedMilliseconds < 100) return;
        clock.Restart();
        Draw(received);
    }

    public void End()
    {
        if (writer is null || !drawn) return;
        writer.Write("\r" + new string(' ', 79) + "\r");
        writer.Flush();
        drawn = false;
    }

    private void Draw(long received)
    {
        const int Width = 24;
        var mb = (received / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);
        string line;
        if (total is > 0 and var t)
        {
            var fraction = Math.Min(1.0, (double)received / t);
            var filled = (int)(fraction * Width);
            line = $"{label,-32} [{new string('#', filled)}{new string('.', Width - filled)}] {(fraction * 100).ToString("0", CultureInfo.InvariantCulture),3}% {mb} MB";
        }
        else
        {
            line = $"{label,-32} {mb} MB";
        }

        writer!.Write("\r" + (line.Length > 79 ? line[..79] : line.PadRight(79)));
        writer.Flush();
        drawn = true;
    }
}
