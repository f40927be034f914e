namespace SecBot.Host.Http;

/// <summary>
/// How long and how slowly a client may take over a request (<c>SecBot:Http</c>), so that stalled or trickling
/// connections are closed by the server instead of being held. Bodies are capped at 1 MiB whatever is set here
/// (contract.md "Guarantees"; <see cref="SecBot.Chat.Inbound.BoundedBody.MaxBytes"/>).
/// </summary>
public sealed class HttpLimitsOptions
{
    public const string SectionName = "SecBot:Http";

    /// <summary>Time to receive a request's headers, from its first byte; a client that stops sending them is disconnected.</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an idle connection (one that sent nothing yet, or nothing since its last response) is kept.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The slowest a request body may arrive, once <see cref="MinDataRateGracePeriod"/> has passed.</summary>
    public double MinRequestBodyBytesPerSecond { get; set; } = 1024;

    /// <summary>The slowest a client may read a response, once <see cref="MinDataRateGracePeriod"/> has passed.</summary>
    public double MinResponseBytesPerSecond { get; set; } = 240;

    /// <summary>
    /// The longest a whole request body may take from the first read, whatever its rate: the minimum rate is an average,
    /// so a body sent fast and then stopped would otherwise be held for minutes.
    /// </summary>
    public TimeSpan BodyReadTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a body or response may run below its minimum rate before the connection is closed.</summary>
    public TimeSpan MinDataRateGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most bytes of headers one request may send (Kestrel's default: 32 KiB).</summary>
    public int MaxRequestHeadersTotalSize { get; set; } = 32 * 1024;

    /// <summary>The most headers one request may send.</summary>
    public int MaxRequestHeaderCount { get; set; } = 64;

    /// <summary>The longest request line (method, target, version) accepted.</summary>
    public int MaxRequestLineSize { get; set; } = 8 * 1024;
}
