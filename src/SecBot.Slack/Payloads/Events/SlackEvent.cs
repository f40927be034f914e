namespace SecBot.Slack.Payloads.Events;

/// <summary>The inner <c>event</c> of an <c>event_callback</c>, told apart by <see cref="Type"/> (slack-protocol.md §4).</summary>
public abstract record SlackEvent
{
    public string Type { get; init; } = "";
    public string? EventTs { get; init; }
}
