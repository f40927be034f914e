namespace SecBot.Slack.Payloads.Events;

/// <summary>A body POSTed to the Events API request URL, told apart by <see cref="Type"/> (slack-protocol.md §2, §4).</summary>
public abstract record EventsApiPayload
{
    public string Type { get; init; } = "";
}
