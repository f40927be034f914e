using SecBot.Slack.WebApi;

namespace SecBot.Slack.Configuration;

/// <summary>
/// The <c>SecBot:Slack</c> configuration section (contract.md, "Configuration keys"). An empty
/// <see cref="SigningSecret"/> switches the Slack endpoints off.
/// </summary>
public sealed class SlackOptions
{
    public const string SectionName = "SecBot:Slack";
    public const string DefaultApiBaseUrl = "https://slack.com/api/";

    /// <summary>Verifies inbound requests (slack-protocol.md §1).</summary>
    public string SigningSecret { get; set; } = "";

    /// <summary>The <c>xoxb-</c> bot token sent as <c>Authorization: Bearer</c> on every Web API call.</summary>
    public string BotToken { get; set; } = "";

    /// <summary>The Web API base; tests point it at a fake Slack on loopback.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>The channel id where incidents and gate decisions are announced.</summary>
    public string IncidentsChannel { get; set; } = "";

    /// <summary>
    /// Give each incident a public channel of its own: the dispatcher creates it (conversations.create, named
    /// <c>inc-12-&lt;title&gt;</c>), posts the incident card there and invites the paged people who have a Slack user id,
    /// and later the newly paged (conversations.invite). Commands typed there may omit the incident id. Needs the
    /// <c>channels:manage</c> bot scope (commented out in manifests/slack/app-manifest.yaml). Off by default.
    /// </summary>
    public bool PerIncidentChannels { get; set; }

    /// <summary>In-process retries and the circuit breaker around each Web API call (slack-protocol.md §6).</summary>
    public SlackResilienceOptions Resilience { get; set; } = new();

    public bool IsEnabled => !string.IsNullOrEmpty(SigningSecret);
}
