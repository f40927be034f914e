using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SecBot.Teams.Authentication;

/// <summary>
/// Why IdentityModel refused a token, in words for the log. IdentityModel's own messages are not used: they are long,
/// and may quote token content.
/// </summary>
internal static class TokenRefusal
{
    public static string Explain(Exception? failure, JsonWebToken token, DateTimeOffset now) => failure switch
    {
        SecurityTokenInvalidAudienceException when !token.Audiences.Any() => "token has no audience (aud)",
        SecurityTokenInvalidAudienceException => "token audience is not this bot's app id",
        SecurityTokenInvalidIssuerException => $"token issuer {Shown(token.Issuer)} is not accepted",
        SecurityTokenInvalidLifetimeException or SecurityTokenExpiredException or SecurityTokenNotYetValidException or SecurityTokenNoExpirationException =>
            TokenLifetime.Explain(NullIfUnset(token.ValidFrom), NullIfUnset(token.ValidTo), now),
        SecurityTokenInvalidAlgorithmException => $"token is signed with {Shown(token.Alg)}, not RS256",
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "token signature does not verify with the published key",
        null => "token is invalid",
        _ => $"token is invalid ({failure.GetType().Name})",
    };

    /// <summary>A value from the untrusted token, cut short and on one line for the log.</summary>
    public static string Shown(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "(none)";
        var printable = string.Concat(value.Take(64).Select(c => char.IsControl(c) ? '?' : c));
        return value.Length <= 64 ? $"'{printable}'" : $"'{printable}…'";
    }

    private static DateTime? NullIfUnset(DateTime time) => time == DateTime.MinValue ? null : time;
}
