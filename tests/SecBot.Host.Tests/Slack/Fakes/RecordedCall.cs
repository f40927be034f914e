using System.Text.Json.Nodes;

namespace SecBot.Testing.Slack;

/// <summary>One request the fake Slack Web API received, as sent.</summary>
internal sealed record RecordedCall(string Method, string HttpMethod, string? Authorization, string? ContentType, string Query, string Body, DateTimeOffset At)
{
    /// <summary>The JSON body (POST methods), or null for GETs and form bodies.</summary>
    public JsonNode? Json => Body.Length > 0 && Body[0] == '{' ? JsonNode.Parse(Body) : null;

    public string? this[string member] => Json?[member]?.GetValue<string>();

    /// <summary>Answered by an outage the test set up (<c>FailWith</c>) or left unanswered (<c>Stall</c>): not delivered.</summary>
    public bool Outage { get; init; }
}
