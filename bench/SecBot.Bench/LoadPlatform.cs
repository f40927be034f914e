namespace SecBot.Bench;

/// <summary>A page as the fake platform received it: when it arrived (unix ms, fractional) and the incident it names.</summary>
public sealed record PageArrival(double ArrivedUnixMs, long Incident);

/// <summary>
/// One platform's side of a chat-load run: the fake it stands up on loopback, the settings that point the host at that
/// fake, the transport the driver declares through, and the pages the fake received.
/// </summary>
public interface ILoadPlatform : IAsyncDisposable
{
    /// <summary>Where the fake listens, for the run's header.</summary>
    string Describe();

    /// <summary><c>--Key=value</c> arguments for the host beyond the database, URL and log level.</summary>
    IReadOnlyList<string> HostArguments { get; }

    /// <summary>
    /// Why pages cannot keep up with the throughput steps (a send limit SecBot keeps), or null when they can: then the outbox
    /// is drained and delivery measured after every phase, as for Slack.
    /// </summary>
    string? DeliveryPacing { get; }

    /// <summary>The transport for the started host at <paramref name="host"/>, once what the declares need (a socket, installs) is in place.</summary>
    Task<ICommandTransport> ConnectAsync(IServiceProvider services, Uri host);

    /// <summary>What checking one request's authenticity costs the host: its verifier called serially in this process, timed per call.</summary>
    Task<string> MeasureVerificationAsync(IServiceProvider services);

    /// <summary>Every page received so far (a page to a person, not an announcement or an answer to the declarer).</summary>
    IReadOnlyList<PageArrival> Pages();
}
