namespace SecBot.Storage.Inbound;

/// <summary>
/// Idempotency keys of inbound traffic from any source (<c>slack.event</c> event ids, <c>slack.command</c>,
/// <c>slack.action</c>, <c>slack.view</c>, …). A key is claimed before its command runs; the command's first committed
/// write settles it in the same transaction (<see cref="InboundKeyScope"/>), and a handling that wrote nothing settles
/// it afterwards. When the command fails before changing anything the claim is forgotten (compensation), and a claim
/// left unsettled by a process that died is taken again once its lease has run out: either way the sender's retry is
/// handled, not taken for a duplicate.
/// </summary>
public sealed class InboundKeys
{
    /// <summary>How long an unsettled claim belongs to the handling that made it.</summary>
    public static readonly TimeSpan DefaultClaimLease = TimeSpan.FromSeconds(30);

    private readonly IStore _store;
    private readonly TimeSpan _claimLease;

    public InboundKeys(IStore store) : this(store, DefaultClaimLease)
    {
    }

    public InboundKeys(IStore store, TimeSpan claimLease)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfLessThan(claimLease, TimeSpan.Zero);
        _store = store;
        _claimLease = claimLease;
    }

    /// <summary>
    /// True when this delivery is to be handled: (source, key) is new, or its earlier claim was never settled and
    /// its lease has run out. False for a delivery already handled, or being handled under a live claim.
    /// </summary>
    public Task<bool> TryClaimAsync(string source, string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return _store.WriteAsync(
            async transaction => await transaction.ExecuteAsync(
                """
                INSERT INTO inbound_keys (source, key, received_at, settled_at) VALUES (@Source, @Key, @Now, NULL)
                ON CONFLICT (source, key) DO UPDATE SET received_at = excluded.received_at
                WHERE inbound_keys.settled_at IS NULL AND inbound_keys.received_at <= @LeaseExpiredAt
                """,
                new { Source = source, Key = key, transaction.Now, LeaseExpiredAt = transaction.Now - _claimLease }) == 1,
            cancellationToken);
    }

    /// <summary>Settles a claim whose handling finished without a write to settle it (a refusal or a read-only answer).</summary>
    public Task SettleAsync(string source, string key, CancellationToken cancellationToken) =>
        _store.WriteAsync(transaction => transaction.SettleInboundKeyAsync(new InboundKey(source, key)), cancellationToken);

    /// <summary>Forgets (source, key) after its handling failed, so a redelivery is processed; false when it was not recorded.</summary>
    public Task<bool> ForgetAsync(string source, string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return _store.WriteAsync(
            async transaction => await transaction.ExecuteAsync(
                "DELETE FROM inbound_keys WHERE source = @Source AND key = @Key",
                new { Source = source, Key = key }) == 1,
            cancellationToken);
    }

    /// <summary>Forgets keys received before <paramref name="receivedBefore"/> (well past any sender's retry window).</summary>
    public Task<int> PruneAsync(DateTimeOffset receivedBefore, CancellationToken cancellationToken) =>
        StoreBatches.DeleteAllAsync(
            _store,
            "DELETE FROM inbound_keys WHERE (source, key) IN (SELECT source, key FROM inbound_keys WHERE received_at < @Before LIMIT @Limit)",
            receivedBefore,
            cancellationToken);

    /// <inheritdoc cref="ListAllAsync(System.Data.IDbConnection, System.Data.IDbTransaction?, CancellationToken)"/>
    public Task<IReadOnlyList<StoredInboundKey>> ListAllAsync(CancellationToken cancellationToken) =>
        _store.ReadAsync(connection => ListAllAsync(connection, null, cancellationToken), cancellationToken);

    /// <summary>Every recorded key, claimed or settled, oldest received first.</summary>
    public async Task<IReadOnlyList<StoredInboundKey>> ListAllAsync(System.Data.IDbConnection connection, System.Data.IDbTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = await Dapper.SqlMapper.QueryAsync<StoredInboundKeyRow>(connection, new Dapper.CommandDefinition(
            "SELECT source, key, received_at, settled_at FROM inbound_keys ORDER BY received_at, source, key",
            transaction: transaction,
            cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToStoredKey())];
    }
}
