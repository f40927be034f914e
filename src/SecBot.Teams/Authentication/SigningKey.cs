using Microsoft.IdentityModel.Tokens;

namespace SecBot.Teams.Authentication;

/// <summary>One published signing key, with the channel ids it is endorsed for (the JWKS <c>endorsements</c> array; empty when absent).</summary>
internal sealed record SigningKey(JsonWebKey Key, IReadOnlyList<string> Endorsements)
{
    public bool IsEndorsedFor(string? channelId) =>
        !string.IsNullOrEmpty(channelId) && Endorsements.Contains(channelId, StringComparer.Ordinal);
}
