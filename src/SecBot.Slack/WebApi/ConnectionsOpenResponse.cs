namespace SecBot.Slack.WebApi;

/// <summary>apps.connections.open: the single-use WebSocket URL (<c>wss://…</c>) of a Socket Mode connection.</summary>
public sealed record ConnectionsOpenResponse : SlackApiResponse
{
    public string? Url { get; init; }
}
