namespace SecBot.Chat.Delivery.Resilience;

/// <summary>
/// How one chat-platform API call is retried in process before the outbox dispatcher takes over with its own, longer
/// schedule (slack-protocol.md §6, teams-protocol.md §7). Short on purpose: a send holds a dispatcher slot. Bound per
/// platform (<c>SecBot:Slack:Resilience</c>, <c>SecBot:Teams:Resilience</c>).
/// </summary>
public class ApiResilienceOptions
{
    /// <summary>Retries after the first attempt, for rate limits, server errors, network errors and timeouts.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First backoff; each next one doubles, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A rate limit asking to wait longer than this is handed back to the dispatcher to schedule, not slept on.</summary>
    public TimeSpan MaxInlineRetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Per attempt (the HTTP client's timeout); the platform should answer in well under this.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The circuit opens when this share of attempts fails with platform-side errors within <see cref="SamplingDuration"/>.</summary>
    public double FailureRatio { get; set; } = 0.5;

    public int MinimumThroughput { get; set; } = 10;

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>While open, calls fail at once and the dispatcher retries after this.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
