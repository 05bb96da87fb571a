using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Buurtscan.Tests.Fetch;

/// <summary>A request as the loopback server saw it.</summary>
internal sealed record FakeRequest(string Method, string Target, string Path, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var v) ? v : null;
}

/// <summary>
/// A response, with the ways it can go wrong on purpose: a Content-Length that lies, a body that stops
/// (the connection is closed), headers that come late, a body that stalls.
/// </summary>
internal sealed record FakeResponse(int Status, string Reason, byte[] Body)
{
    public Dictionary<string, string> Headers { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Announce this Content-Length instead of the true one.</summary>
    public long? AnnouncedLength { get; init; }

    /// <summary>Send only this many body bytes, then close the connection.</summary>
    public int? SendOnly { get; init; }

    public TimeSpan DelayHeaders { get; init; }

    /// <summary>After <see cref="SendOnly"/> bytes, wait this long before closing.</summary>
    public TimeSpan StallBody { get; init; }

    public static FakeResponse Text(int status, string reason, string body, string contentType = "text/plain; charset=utf-8") =>
        new(status, reason, Encoding.UTF8.GetBytes(body)) { Headers = { ["Content-Type"] = contentType } };
}

/// <summary>
/// An HTTP/1.1 server on 127.0.0.1 only, written on a raw TcpListener so that it can misbehave in ways
/// HttpListener will not (wrong lengths, cut-off bodies). One request per connection.
/// </summary>
internal sealed class LoopbackServer : IDisposable
{
    private readonly TcpListener listener;
    private readonly CancellationTokenSource stop = new();
    private readonly Func<FakeRequest, FakeResponse> handle;
    private readonly Task loop;

    public LoopbackServer(Func<FakeRequest, FakeResponse> handle)
    {
        this.handle = handle;
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Root = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        loop = Task.Run(AcceptLoop);
    }

    /// <summary>`http://127.0.0.1:port`, without a trailing slash.</summary>
    public string Root { get; }

    public ConcurrentQueue<FakeRequest> Requests { get; } = new();

    public void Dispose()
    {
        if (stop.IsCancellationRequested) return;
        stop.Cancel();
        listener.Stop();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // The accept loop ends with the listener.
        }
    }

    private async Task AcceptLoop()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => Serve(client));
        }
    }

    private async Task Serve(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = await ReadRequest(stream);
                if (request is null) return;
                Requests.Enqueue(request);
                var response = handle(request);
                if (response.DelayHeaders > TimeSpan.Zero) await Task.Delay(response.DelayHeaders, stop.Token);

                var head = new StringBuilder();
                head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {response.Status} {response.Reason}\r\n");
                foreach (var (name, value) in response.Headers) head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
                head.Append(CultureInfo.InvariantCulture, $"Content-Length: {response.AnnouncedLength ?? response.Body.Length}\r\n");
                head.Append("Connection: close\r\n\r\n");
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), stop.Token);
                if (request.Method != "HEAD")
                {
                    var count = Math.Min(response.SendOnly ?? response.Body.Length, response.Body.Length);
                    await stream.WriteAsync(response.Body.AsMemory(0, count), stop.Token);
                    await stream.FlushAsync(stop.Token);
                    if (response.StallBody > TimeSpan.Zero) await Task.Delay(response.StallBody, stop.Token);
                }

                client.Client.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away (a time-out on its side) or the server is stopping.
            }
        }
    }

    private static async Task<FakeRequest?> ReadRequest(NetworkStream stream)
    {
        var buffer = new byte[64 * 1024];
        var length = 0;
        while (true)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(length));
            if (n == 0) return null;
            length += n;
            var text = Encoding.ASCII.GetString(buffer, 0, length);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0)
            {
                if (length == buffer.Length) return null;
                continue;
            }

            var lines = text[..end].Split("\r\n");
            var parts = lines[0].Split(' ');
            var headers = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var line in lines.Skip(1))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0) headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
            }

            var target = parts[1];
            var question = target.IndexOf('?', StringComparison.Ordinal);
            var path = question < 0 ? target : target[..question];
            var query = new Dictionary<string, string>(StringComparer.Ordinal);
            if (question >= 0)
            {
                foreach (var pair in target[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
                {
                    var eq = pair.IndexOf('=', StringComparison.Ordinal);
                    var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
                    query[key] = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
                }
            }

            return new FakeRequest(parts[0], target, Uri.UnescapeDataString(path), query, headers);
        }
    }
}
