using SecBot.Slack.WebApi;

namespace SecBot.Slack.Configuration;

/// <summary>
/// The <c>SecBot:Slack</c> configuration section (contract.md, "Configuration keys"). An empty
/// <see cref="SigningSecret"/> switches the Slack endpoints off; an <see cref="AppToken"/> switches Socket Mode on.
/// With neither, Slack is off.
/// </summary>
public sealed class SlackOptions
{
    public const string SectionName = "SecBot:Slack";
    public const string DefaultApiBaseUrl = "https://slack.com/api/";

    /// <summary>Verifies inbound requests (slack-protocol.md §1).</summary>
    public string SigningSecret { get; set; } = "";

    /// <summary>
    /// The <c>xapp-</c> app-level token (scope <c>connections:write</c>). Set, Slack is reached over Socket Mode: SecBot
    /// opens the connection (apps.connections.open at <see cref="ApiBaseUrl"/>) and needs no public URL or signing secret.
    /// </summary>
    public string AppToken { get; set; } = "";

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

    /// <summary>
    /// The workspace (<c>T…</c>) whose requests are accepted; requests naming another team, or none, are refused.
    /// Empty: any workspace is accepted. For an org-wide install leave it empty and set <see cref="EnterpriseId"/>.
    /// </summary>
    public string TeamId { get; set; } = "";

    /// <summary>The Slack app (<c>A…</c>, <i>Basic Information → App ID</i>) whose requests are accepted. Empty: any.</summary>
    public string AppId { get; set; } = "";

    /// <summary>The Enterprise Grid organisation (<c>E…</c>) whose requests are accepted. Empty: any, or none.</summary>
    public string EnterpriseId { get; set; } = "";

    /// <summary>In-process retries and the circuit breaker around each Web API call (slack-protocol.md §6).</summary>
    public SlackResilienceOptions Resilience { get; set; } = new();

    /// <summary>The <c>/slack/*</c> endpoints answer (a signing secret verifies them).</summary>
    public bool IsEnabled => !string.IsNullOrEmpty(SigningSecret);

    /// <summary>Slack reaches SecBot over a Socket Mode connection (an app-level token is set).</summary>
    public bool IsSocketMode => !string.IsNullOrEmpty(AppToken);

    /// <summary>Slack is configured at all, over HTTP, Socket Mode or both.</summary>
    public bool IsConfigured => IsEnabled || IsSocketMode;

    public const string AppTokenPrefix = "xapp-";

    /// <summary>Where Slack's <c>response_url</c>s point (slack-protocol.md §5).</summary>
    public const string ResponseUrlHost = "hooks.slack.com";

    /// <summary>
    /// The <c>response_url</c> as an absolute URI when SecBot may POST to it: <c>https://hooks.slack.com/…</c>, or the
    /// scheme, host and port of <see cref="ApiBaseUrl"/> (a fake Slack in tests). Anything else is null: a payload's
    /// URL is not followed to an arbitrary host.
    /// </summary>
    public Uri? TrustedResponseUrl(string? responseUrl)
    {
        if (string.IsNullOrWhiteSpace(responseUrl) || !Uri.TryCreate(responseUrl, UriKind.Absolute, out var uri)) return null;
        if (uri.Scheme == Uri.UriSchemeHttps && string.Equals(uri.Host, ResponseUrlHost, StringComparison.OrdinalIgnoreCase) && uri.IsDefaultPort) return uri;
        return Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out var api)
            && string.Equals(uri.Scheme, api.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.Host, api.Host, StringComparison.OrdinalIgnoreCase)
            && uri.Port == api.Port
            && string.IsNullOrEmpty(uri.UserInfo)
                ? uri
                : null;
    }
}
