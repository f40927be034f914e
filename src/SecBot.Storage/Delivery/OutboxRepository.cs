using Dapper;
using SecBot.Storage.Database;

namespace SecBot.Storage.Delivery;

/// <summary>
/// The dispatcher's view of the outbox. A channel's messages are handed out starting from its oldest pending one
/// (alone, or with a run of the ones right behind it), so they arrive in the order they were enqueued; a message
/// waiting for a retry holds back the ones behind it until it is sent or dead.
/// </summary>
public sealed class OutboxRepository
{
    /// <summary>
    /// How long a claimed message stays with its claimant before another dispatcher may take it: the contract's bound on
    /// how soon another replica takes over the messages of one that died mid-send (contract.md, "Several replicas").
    /// </summary>
    public static readonly TimeSpan DefaultClaimLease = TimeSpan.FromSeconds(30);

    // The oldest pending message of each channel, found by stepping through the pending-channel index from one
    // channel to the next (a lookup per channel), not by testing every pending row for an earlier one: under a
    // backlog of thousands of messages in a few channels that test read the whole backlog on every claim.
    private const string ChannelHeadsCte = """
        channel_heads(id) AS (
            SELECT (SELECT id FROM outbox WHERE state = 'pending' ORDER BY platform, channel_key, id LIMIT 1)
            UNION ALL
            SELECT coalesce(
                (SELECT next.id FROM outbox AS next
                 WHERE next.state = 'pending' AND next.platform = current.platform AND next.channel_key > current.channel_key
                 ORDER BY next.channel_key, next.id LIMIT 1),
                (SELECT next.id FROM outbox AS next
                 WHERE next.state = 'pending' AND next.platform > current.platform
                 ORDER BY next.platform, next.channel_key, next.id LIMIT 1))
            FROM channel_heads JOIN outbox AS current ON current.id = channel_heads.id)
        """;

    private readonly IStore _store;

    public OutboxRepository(IStore store, TimeSpan? claimLease = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        ClaimLease = claimLease ?? DefaultClaimLease;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ClaimLease, TimeSpan.Zero, nameof(claimLease));
    }

    public TimeSpan ClaimLease { get; }

    /// <summary>Enqueues on its own; inside a larger change use <see cref="StoreTransaction.EnqueueOutboxAsync"/>.</summary>
    public Task<long> EnqueueAsync(OutboxMessage message, CancellationToken cancellationToken) =>
        _store.WriteAsync(transaction => transaction.EnqueueOutboxAsync(message), cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="limit"/> messages due at <paramref name="now"/>, at most one per
    /// channel (its oldest pending one, unless another claimant holds it), oldest due first.
    /// </summary>
    public async Task<IReadOnlyList<OutboxEntry>> ClaimNextAsync(DateTimeOffset now, int limit, string claimant, CancellationToken cancellationToken) =>
        [.. (await ClaimRunsAsync(now, limit, 1, claimant, cancellationToken)).SelectMany(run => run)];

    /// <summary>
    /// Claims, in one transaction, a run of messages from each of up to <paramref name="channels"/> channels whose oldest
    /// pending message is due at <paramref name="now"/> and not held by another claimant (oldest due first): that message and
    /// the ones queued right behind it, up to <paramref name="perChannel"/> in all, stopping before the first that is not due
    /// or is held. Each run is in enqueue order and must be sent in that order; whatever of a run is not sent goes back with
    /// <see cref="CompleteRunAsync"/> (or returns on its own when the lease runs out).
    /// </summary>
    public Task<IReadOnlyList<IReadOnlyList<OutboxEntry>>> ClaimRunsAsync(
        DateTimeOffset now, int channels, int perChannel, string claimant, CancellationToken cancellationToken) =>
        ClaimRunsAsync(now, channels, perChannel, claimant, OutboxLane.All, cancellationToken);

    /// <inheritdoc cref="ClaimRunsAsync(DateTimeOffset, int, int, string, CancellationToken)"/>
    /// <param name="lane">Only channels of these platforms.</param>
    public Task<IReadOnlyList<IReadOnlyList<OutboxEntry>>> ClaimRunsAsync(
        DateTimeOffset now, int channels, int perChannel, string claimant, OutboxLane lane, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lane);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perChannel);
        ArgumentException.ThrowIfNullOrWhiteSpace(claimant);
        return _store.WriteAsync<IReadOnlyList<IReadOnlyList<OutboxEntry>>>(
            async transaction =>
            {
                // Replicas claim one at a time: a claim computed while another replica's claim is uncommitted could hand
                // out the messages right behind the ones it holds, ahead of them. Rows a claimant is completing right now
                // are skipped rather than waited for (they are claimed, so never part of a run anyway).
                await transaction.TakeTurnAsync(SerializedSection.OutboxClaim);
                var rows = await transaction.QueryAsync<OutboxRow>(
                    $"""
                    WITH RECURSIVE {ChannelHeadsCte},
                    heads AS (
                        SELECT head.id, head.platform, head.channel_key
                        FROM channel_heads JOIN outbox AS head ON head.id = channel_heads.id
                        WHERE head.next_attempt_at <= @Now
                          AND (head.claimed_at IS NULL OR head.claimed_at <= @LeaseExpiredAt)
                          {lane.Condition("head.platform")}
                        ORDER BY head.next_attempt_at, head.id
                        LIMIT @Channels),
                    queued AS (
                        SELECT queued.id, heads.id AS head_id,
                               CASE WHEN queued.next_attempt_at <= @Now
                                         AND (queued.claimed_at IS NULL OR queued.claimed_at <= @LeaseExpiredAt)
                                    THEN 0 ELSE 1 END AS blocked
                        FROM heads JOIN outbox AS queued
                          ON queued.id IN (
                              SELECT later.id FROM outbox AS later
                              WHERE later.state = 'pending'
                                AND later.platform = heads.platform
                                AND later.channel_key = heads.channel_key
                                AND later.id >= heads.id
                              ORDER BY later.id
                              LIMIT @PerChannel)),
                    runs AS (
                        SELECT id, sum(blocked) OVER (PARTITION BY head_id ORDER BY id) AS blocked_so_far
                        FROM queued)
                    UPDATE outbox SET claimed_by = @Claimant, claimed_at = @Now
                    WHERE id IN (
                        SELECT id FROM outbox
                        WHERE id IN (SELECT id FROM runs WHERE blocked_so_far = 0) AND state = 'pending'{transaction.Dialect.LockSkippingLocked})
                    RETURNING {OutboxRow.Columns}
                    """,
                    lane.With(new { Claimant = claimant, Now = now, LeaseExpiredAt = now - ClaimLease, Channels = channels, PerChannel = perChannel }));
                return
                [
                    .. rows
                        .Select(row => row.ToEntry())
                        .GroupBy(entry => (entry.Platform, entry.ChannelKey))
                        .Select(run => (IReadOnlyList<OutboxEntry>)[.. run.OrderBy(entry => entry.Id)])
                        .OrderBy(run => run[0].NextAttemptAt)
                        .ThenBy(run => run[0].Id),
                ];
            },
            cancellationToken);
    }

    /// <summary>
    /// Records, in one transaction, how a claimed run went: <paramref name="sent"/> were delivered, and the claims of
    /// <paramref name="release"/> (not attempted) are given up so they stay pending, in their place, for the next claim.
    /// Only claims still held by <paramref name="claimant"/> are released. Returns how many were marked sent.
    /// </summary>
    public Task<int> CompleteRunAsync(IReadOnlyCollection<long> sent, IReadOnlyCollection<long> release, string claimant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sent);
        ArgumentNullException.ThrowIfNull(release);
        ArgumentException.ThrowIfNullOrWhiteSpace(claimant);
        if (sent.Count == 0 && release.Count == 0) return Task.FromResult(0);
        return _store.WriteAsync(
            async transaction =>
            {
                var marked = sent.Count == 0 ? 0 : await transaction.ExecuteAsync(
                    $"UPDATE outbox SET state = 'sent', sent_at = @Now, claimed_by = NULL, claimed_at = NULL WHERE {transaction.Dialect.InList("id", "Ids")} AND state = 'pending'",
                    new { Ids = sent.ToArray(), transaction.Now });
                if (release.Count > 0)
                {
                    await transaction.ExecuteAsync(
                        $"UPDATE outbox SET claimed_by = NULL, claimed_at = NULL WHERE {transaction.Dialect.InList("id", "Ids")} AND state = 'pending' AND claimed_by = @Claimant",
                        new { Ids = release.ToArray(), Claimant = claimant });
                }

                return marked;
            },
            cancellationToken);
    }

    /// <summary>False when the message was not pending (already sent or dead).</summary>
    internal Task<bool> MarkSentAsync(long id, CancellationToken cancellationToken) =>
        UpdatePendingAsync(
            "state = 'sent', sent_at = @Now, claimed_by = NULL, claimed_at = NULL",
            id,
            error: null,
            nextAttemptAt: null,
            cancellationToken);

    /// <summary>Records a failed attempt and when to try again; the message stays pending and keeps its place in its channel.</summary>
    public Task<bool> MarkFailedAsync(long id, string error, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        return UpdatePendingAsync(
            "attempts = attempts + 1, last_error = @Error, next_attempt_at = @NextAttemptAt, claimed_by = NULL, claimed_at = NULL",
            id,
            error,
            nextAttemptAt,
            cancellationToken);
    }

    /// <summary>Gives up on a message after its last failed attempt; it stays in the outbox, listed by <see cref="ListDeadAsync"/>.</summary>
    public Task<bool> MarkDeadAsync(long id, string error, CancellationToken cancellationToken) =>
        MarkDeadAsync(id, error, static (_, _) => Task.CompletedTask, cancellationToken);

    /// <summary>
    /// Gives up on a message, and runs <paramref name="alsoRecord"/> with it as dead-lettered in the same transaction
    /// (a timeline note), so both are kept or neither. False, with nothing run, when the message was not pending.
    /// </summary>
    public Task<bool> MarkDeadAsync(long id, string error, Func<StoreTransaction, OutboxEntry, Task> alsoRecord, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(alsoRecord);
        return _store.WriteAsync(
            async transaction =>
            {
                var row = await transaction.QuerySingleOrDefaultAsync<OutboxRow>(
                    $"""
                    UPDATE outbox SET state = 'dead', dead_at = @Now, attempts = attempts + 1, last_error = @Error, claimed_by = NULL, claimed_at = NULL
                    WHERE id = @Id AND state = 'pending'
                    RETURNING {OutboxRow.Columns}
                    """,
                    new { Id = id, Error = error, transaction.Now });
                if (row is null) return false;
                transaction.Record(metrics => metrics.DeadLettered(row.Platform));
                transaction.NoteGaveUp();
                await alsoRecord(transaction, row.ToEntry());
                return true;
            },
            cancellationToken);
    }

    /// <summary>Dead-lettered messages, newest first.</summary>
    public Task<IReadOnlyList<OutboxEntry>> ListDeadAsync(int limit, CancellationToken cancellationToken) =>
        new DeadLetters(_store).ListAsync(limit, cancellationToken);

    /// <summary>
    /// Whether a row of <paramref name="kind"/> about <paramref name="subject"/>, or any in-place update (a kind ending in
    /// <c>.update</c>, e.g. the answer to a pressed button), on <paramref name="message"/>'s platform, up to row
    /// <paramref name="upTo"/>, is still unsent: a refresh of the cards about a subject waits for them, or it would update
    /// the copies already out and miss a card still on its way, or be overwritten by an older update arriving after it.
    /// </summary>
    public Task<bool> HasEarlierPendingAsync(OutboxEntry message, string kind, string subject, long upTo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _store.ReadAsync(
            connection => connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                $"""
                SELECT EXISTS (
                    SELECT 1 FROM outbox
                    WHERE state = 'pending' AND platform = @Platform AND id <= @UpTo
                      AND (kind LIKE '%.update' OR (kind = @Kind AND {StoreDialect.For(connection).JsonText("payload", "subject")} = @Subject)))
                """,
                new { message.Platform, Kind = kind, UpTo = upTo, Subject = subject },
                cancellationToken: cancellationToken)),
            cancellationToken);
    }

    /// <summary>When <see cref="ClaimNextAsync"/> will next have something to hand out; null when nothing is pending.</summary>
    public Task<DateTimeOffset?> NextAttemptAtAsync(CancellationToken cancellationToken) => NextAttemptAtAsync(OutboxLane.All, cancellationToken);

    /// <summary>When a claim of <paramref name="lane"/> will next have something to hand out; null when it has nothing pending.</summary>
    public Task<DateTimeOffset?> NextAttemptAtAsync(OutboxLane lane, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lane);
        return _store.ReadAsync(
            connection => connection.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition(
                $"""
                WITH RECURSIVE {ChannelHeadsCte}
                SELECT min(CASE WHEN head.claimed_at IS NULL THEN head.next_attempt_at
                                ELSE {StoreDialect.For(connection).Greatest("head.next_attempt_at", "head.claimed_at + @LeaseMilliseconds")} END)
                FROM channel_heads JOIN outbox AS head ON head.id = channel_heads.id
                WHERE 1 = 1 {lane.Condition("head.platform")}
                """,
                lane.With(new { LeaseMilliseconds = (long)ClaimLease.TotalMilliseconds }),
                cancellationToken: cancellationToken)),
            cancellationToken);
    }

    public Task<OutboxCounts> CountAsync(CancellationToken cancellationToken) =>
        _store.ReadAsync(
            connection => connection.QuerySingleAsync<OutboxCounts>(new CommandDefinition(
                """
                SELECT (SELECT count(*) FROM outbox WHERE state = 'pending') AS pending,
                       (SELECT count(*) FROM outbox WHERE state = 'dead') AS dead
                """,
                cancellationToken: cancellationToken)),
            cancellationToken);

    /// <summary>
    /// Deletes delivered messages sent before <paramref name="sentBefore"/>; pending and dead ones are never purged.
    /// Works in transactions of at most <see cref="StoreBatches.DeleteBatchSize"/> rows, so the writer is never held long.
    /// </summary>
    public Task<int> PurgeSentAsync(DateTimeOffset sentBefore, CancellationToken cancellationToken) =>
        StoreBatches.DeleteAllAsync(
            _store,
            "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE state = 'sent' AND sent_at < @Before LIMIT @Limit)",
            sentBefore,
            cancellationToken);

    private Task<bool> UpdatePendingAsync(
        string assignments, long id, string? error, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken) =>
        _store.WriteAsync(
            async transaction => await transaction.ExecuteAsync(
                $"UPDATE outbox SET {assignments} WHERE id = @Id AND state = 'pending'",
                new { Id = id, Error = error, NextAttemptAt = nextAttemptAt, transaction.Now }) == 1,
            cancellationToken);

    /// <summary>Every outbox row, whatever its state, in the order it was queued, with who holds its claim.</summary>
    public async Task<IReadOnlyList<StoredOutboxMessage>> ListAllAsync(System.Data.IDbConnection connection, System.Data.IDbTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        // Dapper hands a null claim row when both claim columns are null.
        return [.. await connection.QueryAsync<OutboxRow, OutboxClaimRow?, StoredOutboxMessage>(
            new CommandDefinition(
                $"SELECT {OutboxRow.Columns}, {OutboxClaimRow.Columns} FROM outbox ORDER BY id", transaction: transaction, cancellationToken: cancellationToken),
            (row, claim) => new StoredOutboxMessage(row.ToEntry(), claim?.ClaimedBy, claim?.ClaimedAt),
            splitOn: "claimed_by")];
    }
}
