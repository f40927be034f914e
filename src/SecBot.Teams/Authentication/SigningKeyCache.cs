using System.Collections.Concurrent;

namespace SecBot.Teams.Authentication;

/// <summary>
/// One <see cref="SigningKeySource"/> per OpenID metadata URL. Entra ID tokens of a multi-tenant bot name their tenant,
/// and so the URL, before they are verified; the cache holds at most <see cref="MaxSources"/> URLs and forgets the one
/// used longest ago, so invented tenants cannot grow it without bound.
/// </summary>
internal sealed class SigningKeyCache(SigningKeyFetcher fetcher, TimeProvider timeProvider, ILogger logger)
{
    public const int MaxSources = 64;

    private readonly ConcurrentDictionary<string, SigningKeySource> sources = new(StringComparer.Ordinal);

    public Task<SigningKeyLookup> FindAsync(string metadataUrl, string keyId, CancellationToken ct)
    {
        if (!sources.TryGetValue(metadataUrl, out var source))
        {
            if (sources.Count >= MaxSources) ForgetLeastRecentlyUsed();
            source = sources.GetOrAdd(metadataUrl, url => new SigningKeySource(url, fetcher, timeProvider, logger));
        }

        return source.FindAsync(keyId, ct);
    }

    private void ForgetLeastRecentlyUsed()
    {
        var oldest = sources.MinBy(entry => entry.Value.LastUsed);
        if (oldest.Key is not null) sources.TryRemove(oldest);
    }
}
