using SecBot.Teams.Configuration;

namespace SecBot.Teams.Authentication;

/// <summary>
/// The Bot Connector hosts SecBot sends to when a token does not bind the activity's serviceUrl (Entra ID tokens may carry
/// no <c>serviceurl</c> claim): Microsoft's public, GCC and GCC High connectors (teams-protocol.md §3) and the configured
/// <c>SecBot:Teams:ServiceUrl</c>. Anything else would have SecBot send its own access token to a host the caller chose.
/// </summary>
internal static class ConnectorHosts
{
    private static readonly string[] Microsoft = ["smba.trafficmanager.net", "smba.infra.gcc.teams.microsoft.com", "smba.infra.gov.teams.microsoft.us"];

    public static bool IsTrusted(string? serviceUrl, TeamsOptions options) =>
        Uri.TryCreate(serviceUrl, UriKind.Absolute, out var url)
        && ((url.Scheme == Uri.UriSchemeHttps && Microsoft.Contains(url.Host, StringComparer.OrdinalIgnoreCase))
            || (Uri.TryCreate(options.ServiceUrl, UriKind.Absolute, out var configured)
                && url.Scheme == configured.Scheme && string.Equals(url.Authority, configured.Authority, StringComparison.OrdinalIgnoreCase)));
}
