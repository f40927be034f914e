namespace SecBot.Host.Retention;

/// <summary>
/// How long transport data is kept (<c>SecBot:Retention</c>). Only delivered outbox messages and inbound idempotency
/// keys are ever deleted: incidents, their timelines, gates and the sign-off ledger are the audit record and stay.
/// </summary>
public sealed class RetentionOptions
{
    public const string SectionName = "SecBot:Retention";

    /// <summary>Delivered messages are kept this long after they were sent (pending and dead-lettered ones always stay).</summary>
    public TimeSpan SentMessages { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Idempotency keys are kept this long: far past any sender's retry window (Slack retries within an hour).</summary>
    public TimeSpan InboundKeys { get; set; } = TimeSpan.FromDays(3);

    /// <summary>
    /// Where each delivered card landed is kept this long, for updating it when its incident or gate changes; a change
    /// later than this no longer edits those old messages (the new state is still announced and shown by <c>status</c>).
    /// </summary>
    public TimeSpan SentCards { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the sweep runs; the first runs at start.</summary>
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromHours(1);
}
