using Microsoft.IdentityModel.JsonWebTokens;
using SecBot.Teams.Configuration;

namespace SecBot.Teams.Authentication;

/// <summary>
/// Entra ID tokens, which Microsoft's current Teams SDK accepts besides Bot Framework ones (teams-protocol.md §1,
/// "second token family"): issuer <c>https://login.microsoftonline.com/{tid}/v2.0</c> or <c>https://sts.windows.net/{tid}/</c>
/// for the configured tenant, else the token's <c>tid</c>; audience the app id in any of its three spellings; keys from
/// <see cref="TeamsOptions.EntraOpenIdMetadataUrl"/> for that tenant; <c>serviceurl</c> checked only when present; no endorsements.
/// </summary>
internal sealed class EntraIssuerFamily(TeamsOptions options) : ITokenIssuerFamily
{
    private const string V2Authority = "https://login.microsoftonline.com/";
    private const string V1Authority = "https://sts.windows.net/";
    private const string TenantPlaceholder = "{tenant}";

    private readonly IReadOnlyList<string> audiences = [options.AppId, $"api://{options.AppId}", $"api://botid-{options.AppId}"];

    public bool Recognises(string issuer) =>
        issuer.StartsWith(V2Authority, StringComparison.Ordinal) || issuer.StartsWith(V1Authority, StringComparison.Ordinal);

    public TokenIssuerRules? RulesFor(JsonWebToken unvalidated, out string refusal)
    {
        var tenant = options.TenantId;
        if (string.IsNullOrWhiteSpace(tenant))
        {
            // The tenant goes into the URL keys are fetched from, and the token is not yet trusted: a GUID or nothing.
            if (!unvalidated.TryGetPayloadValue<string>("tid", out var claimed) || !Guid.TryParseExact(claimed, "D", out _))
            {
                refusal = "Entra ID token names no tenant (tid)";
                return null;
            }

            tenant = claimed;
        }

        refusal = "";
        return new TokenIssuerRules(
            options.EntraOpenIdMetadataUrl.Replace(TenantPlaceholder, Uri.EscapeDataString(tenant), StringComparison.Ordinal),
            [$"{V2Authority}{tenant}/v2.0", $"{V1Authority}{tenant}/"],
            audiences,
            ServiceUrlClaimRequired: false,
            EndorsementRequired: false);
    }
}
