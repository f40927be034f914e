using Microsoft.IdentityModel.JsonWebTokens;
using SecBot.Teams.Configuration;

namespace SecBot.Teams.Authentication;

/// <summary>
/// Tokens the Bot Connector signs (teams-protocol.md §1, checks 2–7): issuer <c>https://api.botframework.com</c>,
/// audience the app id, keys from <see cref="TeamsOptions.OpenIdMetadataUrl"/>, a <c>serviceurl</c> claim and an
/// endorsed key required.
/// </summary>
internal sealed class BotFrameworkIssuerFamily(TeamsOptions options) : ITokenIssuerFamily
{
    public const string Issuer = "https://api.botframework.com";

    private readonly TokenIssuerRules rules = new(
        options.OpenIdMetadataUrl,
        [Issuer],
        [options.AppId],
        ServiceUrlClaimRequired: true,
        EndorsementRequired: true);

    public bool Recognises(string issuer) => string.Equals(issuer, Issuer, StringComparison.Ordinal);

    public TokenIssuerRules? RulesFor(JsonWebToken unvalidated, out string refusal)
    {
        refusal = "";
        return rules;
    }
}
