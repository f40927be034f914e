namespace SecBot.Teams.Authentication;

/// <summary>
/// The signing keys behind one OpenID metadata URL, kept fresh: fetched on first use, again once they are
/// <see cref="MaxAge"/> old (auth-doc Step 3: at least daily) and when a token names a key not in them, since new keys
/// may appear at any time — but never more than once per <see cref="MinRefreshInterval"/>, so forged <c>kid</c>s cannot
/// make SecBot hammer the identity provider. Requests that need the keys while a fetch is under way wait for that one
/// fetch. When a refresh fails the keys already held stay in use.
/// </summary>
internal sealed class SigningKeySource(string metadataUrl, SigningKeyFetcher fetcher, TimeProvider timeProvider, ILogger logger)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(24);
    public static readonly TimeSpan MinRefreshInterval = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(15);

    private readonly Lock gate = new();
    private IReadOnlyDictionary<string, SigningKey>? keys;
    private DateTimeOffset fetchedAt;
    private DateTimeOffset? lastAttempt;
    private string lastFailure = "not fetched yet";
    private Task? fetching;

    /// <summary>When a request last looked here: the cache drops the longest unused source first.</summary>
    public DateTimeOffset LastUsed { get; private set; }

    public async Task<SigningKeyLookup> FindAsync(string keyId, CancellationToken ct)
    {
        Task? wait = null;
        lock (gate)
        {
            var now = timeProvider.GetUtcNow();
            LastUsed = now;
            // A request whose key is at hand does not wait for a refresh someone else's unknown kid started.
            if (NeedsRefresh(keyId, now))
            {
                if (fetching is { IsCompleted: false })
                {
                    wait = fetching;
                }
                else if (lastAttempt is null || now - lastAttempt >= MinRefreshInterval)
                {
                    lastAttempt = now;
                    wait = fetching = RefreshAsync();
                }
                else if (keys is not null)
                {
                    TeamsAuthLog.KeyRefreshDeferred(logger, metadataUrl, MinRefreshInterval);
                }
            }
        }

        if (wait is not null) await wait.WaitAsync(ct);

        lock (gate)
        {
            if (keys is null) return SigningKeyLookup.Unavailable(lastFailure);
            return keys.TryGetValue(keyId, out var key) ? SigningKeyLookup.Found(key) : SigningKeyLookup.NotPublished;
        }
    }

    private bool NeedsRefresh(string keyId, DateTimeOffset now) =>
        keys is null || now - fetchedAt >= MaxAge || !keys.ContainsKey(keyId);

    // Shared by every waiting request, so it is cancelled by no single one of them; only its own timeout ends it early.
    private async Task RefreshAsync()
    {
        await Task.Yield();
        using var timeout = new CancellationTokenSource(FetchTimeout, timeProvider);
        try
        {
            var fetched = await fetcher.FetchAsync(metadataUrl, timeout.Token);
            lock (gate)
            {
                keys = fetched;
                fetchedAt = timeProvider.GetUtcNow();
            }

            TeamsAuthLog.KeysFetched(logger, metadataUrl, fetched.Count);
        }
        catch (Exception e)
        {
            // Whatever the identity provider serves, a request gets a verdict, never this exception.
            var failure = e switch
            {
                SigningKeyFetchException => e.Message,
                OperationCanceledException => $"fetching {metadataUrl} took longer than {FetchTimeout.TotalSeconds:0} s",
                _ => $"the documents behind {metadataUrl} could not be read ({e.GetType().Name})",
            };
            bool keptEarlierKeys;
            lock (gate)
            {
                lastFailure = failure;
                keptEarlierKeys = keys is not null;
            }

            TeamsAuthLog.KeysUnavailable(logger, metadataUrl, failure, keptEarlierKeys);
        }
    }
}
