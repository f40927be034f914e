namespace SecBot.Teams.Authentication;

/// <summary>What the key cache found for a <c>kid</c>: the key, no such published key, or no keys to look in (and why).</summary>
internal sealed record SigningKeyLookup(SigningKey? Key, string? UnavailableBecause)
{
    public static SigningKeyLookup NotPublished { get; } = new(null, null);

    public static SigningKeyLookup Found(SigningKey key) => new(key, null);

    public static SigningKeyLookup Unavailable(string because) => new(null, because);
}
