using Microsoft.IdentityModel.JsonWebTokens;

namespace SecBot.Teams.Authentication;

/// <summary>
/// A family of token issuers SecBot accepts (Bot Framework, Entra ID; teams-protocol.md §1): which <c>iss</c> values
/// are its, and the rules a token it issued must meet. The family is chosen from the unvalidated token, so nothing here
/// may trust it beyond picking the rules.
/// </summary>
internal interface ITokenIssuerFamily
{
    /// <summary>Whether <paramref name="issuer"/> (the token's unvalidated <c>iss</c>) belongs to this family.</summary>
    bool Recognises(string issuer);

    /// <summary>The rules for a token whose issuer this family recognises, or null with the reason it cannot be checked.</summary>
    TokenIssuerRules? RulesFor(JsonWebToken unvalidated, out string refusal);
}
