namespace SecBot.Storage.Inbound;

/// <summary>
/// Idempotency keys of inbound traffic. Inside a change, record the key with
/// <see cref="StoreTransaction.TryRecordInboundKeyAsync"/> in the same transaction, so the key and
/// its effect commit together.
/// </summary>
public sealed class InboundKeys
{
    private readonly IStore _store;

    public InboundKeys(IStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>True the first time (source, key) is seen, false on every repeat.</summary>
    public Task<bool> TryRecordAsync(string source, string key, CancellationToken cancellationToken) =>
        _store.WriteAsync(transaction => transaction.TryRecordInboundKeyAsync(source, key), cancellationToken);

    /// <summary>Forgets keys received before <paramref name="receivedBefore"/> (well past any sender's retry window).</summary>
    public Task<int> PruneAsync(DateTimeOffset receivedBefore, CancellationToken cancellationToken) =>
        StoreBatches.DeleteAllAsync(
            _store,
            "DELETE FROM inbound_keys WHERE (source, key) IN (SELECT source, key FROM inbound_keys WHERE received_at < @Before LIMIT @Limit)",
            receivedBefore,
            cancellationToken);
}
