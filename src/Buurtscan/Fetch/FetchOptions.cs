using Buurtscan.Domain;

namespace Buurtscan.Fetch;

/// <summary>How downloads behave. The defaults suit the portals; tests shorten the times.</summary>
public readonly record struct FetchOptions
{
    public FetchOptions()
    {
    }

    /// <summary>Longest wait for a connection and the response headers.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait for the next bytes of a body; a large download may take long, but must not stall.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Tries per request, counting the first; only 5xx, 408, 429, broken connections and damaged bodies are retried.</summary>
    public int Attempts { get; init; } = 4;

    /// <summary>Wait before the first retry, doubled before each further one (unless the server sends Retry-After).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Upper bound on any wait between retries, including a server's Retry-After.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Largest download accepted unless a source sets its own `maxBytes`.</summary>
    public long MaxBytes { get; init; } = 1L << 30;

    /// <summary>Use a proxy: <see cref="Proxy"/>, or else the system's, which on Linux and macOS follows HTTPS_PROXY, HTTP_PROXY and NO_PROXY.</summary>
    public bool UseProxy { get; init; } = true;

    /// <summary>A proxy to use instead of the system's (null: the system's).</summary>
    public System.Net.IWebProxy? Proxy { get; init; }

    /// <summary>Where the progress bar is drawn (a terminal), or null for none.</summary>
    public TextWriter? Progress { get; init; }
}

/// <summary>A download that could not be done; the cache is left as it was.</summary>
public sealed class FetchException(string message, int exitCode = ExitCodes.MissingData) : BuurtscanException(message, exitCode);
