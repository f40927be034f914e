namespace SecBot.Teams.Configuration;

/// <summary>
/// The <c>SecBot:Teams</c> configuration section (contract.md, "Configuration keys"). An empty <see cref="AppId"/>
/// switches Teams off: <c>/api/messages</c> answers 404 and nothing is delivered to Teams.
/// </summary>
public sealed class TeamsOptions
{
    public const string SectionName = "SecBot:Teams";
    public const string DefaultServiceUrl = "https://smba.trafficmanager.net/teams/";
    public const string DefaultOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public const string DefaultTokenEndpoint = "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token";

    /// <summary>The bot's Microsoft App ID (Entra app registration): the audience of inbound tokens, the client id of outbound ones.</summary>
    public string AppId { get; set; } = "";

    /// <summary>The app registration's client secret, for the client-credentials token (teams-protocol.md §2).</summary>
    public string AppPassword { get; set; } = "";

    /// <summary>The tenant of a single-tenant bot; also the tenant proactive conversations are created in when none was learned.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>The Bot Connector base for proactive messages to someone whose conversation carried no serviceUrl yet.</summary>
    public string ServiceUrl { get; set; } = DefaultServiceUrl;

    /// <summary>Where the signing keys of inbound Bot Framework tokens are published (teams-protocol.md §1).</summary>
    public string OpenIdMetadataUrl { get; set; } = DefaultOpenIdMetadataUrl;

    /// <summary>
    /// The OpenID metadata of Entra ID tokens, <c>{tenant}</c> standing for the token's tenant (Microsoft's current Teams
    /// SDK accepts them besides Bot Framework tokens; teams-protocol.md §1, "second token family").
    /// </summary>
    public string EntraOpenIdMetadataUrl { get; set; } = "https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration";

    /// <summary>
    /// Also accept Entra ID tokens (issuer <c>login.microsoftonline.com/{TenantId}/v2.0</c>), as Microsoft's current Teams SDK
    /// does. Off by default: Teams sends Bot Framework tokens, and an Entra token for the bot's audience can be obtained by
    /// any app in the tenant. Needs <see cref="TenantId"/>.
    /// </summary>
    public bool AcceptEntraIdTokens { get; set; }

    /// <summary>The OAuth 2.0 token endpoint for outbound calls (client credentials, scope <c>https://api.botframework.com/.default</c>).</summary>
    public string TokenEndpoint { get; set; } = DefaultTokenEndpoint;

    /// <summary>A Teams channel conversation id (<c>19:…@thread.tacv2</c>) that receives the incidents-channel announcements.</summary>
    public string IncidentsChannel { get; set; } = "";

    /// <summary>
    /// Development only: accept activities with no token when they come from loopback (the Microsoft 365 Agents
    /// Playground sends none). Never honoured for any other address.
    /// </summary>
    public bool AllowAnonymousLoopback { get; set; }

    /// <summary>Teams is on: <c>/api/messages</c> answers and Teams is a delivery platform.</summary>
    public bool IsEnabled => !string.IsNullOrWhiteSpace(AppId);
}
