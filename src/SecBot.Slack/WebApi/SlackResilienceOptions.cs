namespace SecBot.Slack.WebApi;

/// <summary>
/// <c>SecBot:Slack:Resilience</c>: how one Web API call is retried in process before the outbox dispatcher takes
/// over with its own, longer schedule (slack-protocol.md §6). Short on purpose: a send holds a dispatcher slot.
/// </summary>
public sealed class SlackResilienceOptions
{
    /// <summary>Retries after the first attempt, for 429, 5xx, network errors and Slack's transient codes.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First backoff; each next one doubles, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A 429 asking to wait longer than this is handed back to the dispatcher to schedule, not slept on.</summary>
    public TimeSpan MaxInlineRetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Per attempt; Slack should answer in well under this.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The circuit opens when this share of attempts fails with Slack-side errors within <see cref="SamplingDuration"/>.</summary>
    public double FailureRatio { get; set; } = 0.5;

    public int MinimumThroughput { get; set; } = 10;

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>While open, calls fail at once as <c>circuit_open</c> and the dispatcher retries after this.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
