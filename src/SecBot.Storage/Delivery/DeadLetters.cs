using System.Data;
using System.Data.Common;
using Dapper;
using SecBot.Storage.Database;

namespace SecBot.Storage.Delivery;

/// <summary>
/// The messages the dispatcher gave up on, for <c>status</c>: read on the caller's connection, newest first (by when
/// they were given up on). A message is about an incident or gate when its JSON payload has a top-level
/// <c>"subject"</c> (<c>INC-3</c>, <c>REV-2</c>), as the chat layer's cards do; other payloads are about nothing.
/// </summary>
public sealed class DeadLetters
{
    private const string Newest = "ORDER BY coalesce(dead_at, created_at) DESC, id DESC";

    private readonly IStore _store;

    public DeadLetters(IStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <inheritdoc cref="ListAsync(IDbConnection, int, CancellationToken)"/>
    public Task<IReadOnlyList<OutboxEntry>> ListAsync(int limit, CancellationToken cancellationToken) =>
        _store.ReadAsync(connection => ListAsync(connection, limit, cancellationToken), cancellationToken);

    public Task<long> CountAsync(IDbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM outbox WHERE state = 'dead'", cancellationToken: cancellationToken));
    }

    /// <summary>Up to <paramref name="limit"/> dead-lettered messages, newest first.</summary>
    public Task<IReadOnlyList<OutboxEntry>> ListAsync(IDbConnection connection, int limit, CancellationToken cancellationToken) =>
        QueryAsync(connection, $"SELECT {OutboxRow.Columns} FROM outbox WHERE state = 'dead' {Newest} LIMIT @Limit", new { Limit = limit }, limit, cancellationToken);

    /// <summary>Up to <paramref name="limit"/> dead-lettered messages about <paramref name="subject"/>, newest first.</summary>
    public Task<IReadOnlyList<OutboxEntry>> ListAboutAsync(IDbConnection connection, string subject, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        return QueryAsync(
            connection,
            // A payload that is not JSON (a row any adapter may write) has no subject rather than failing the query.
            $"SELECT {OutboxRow.Columns} FROM outbox WHERE state = 'dead' AND {StoreDialect.For((DbConnection)connection).JsonText("payload", "subject")} = @Subject {Newest} LIMIT @Limit",
            new { Subject = subject, Limit = limit },
            limit,
            cancellationToken);
    }

    /// <summary>
    /// Puts dead-lettered message <paramref name="id"/> back in the outbox, due now, with a fresh retry window (its
    /// attempts start again and its created time becomes now; it keeps its id, so it still goes out before anything
    /// queued after it on its channel). Returns the message as it was when given up on; null, changing nothing, when
    /// <paramref name="id"/> is not a dead letter (unknown, pending, sent, or re-queued by someone else meanwhile).
    /// </summary>
    public async Task<OutboxEntry?> RequeueAsync(StoreTransaction transaction, long id)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var row = await transaction.QuerySingleOrDefaultAsync<OutboxRow>(
            $"SELECT {OutboxRow.Columns} FROM outbox WHERE id = @Id AND state = 'dead'", new { Id = id });
        if (row is null) return null;
        // Still dead: on PostgreSQL another replica's re-queue may have committed since the read.
        var requeued = await transaction.ExecuteAsync(
            """
            UPDATE outbox SET state = 'pending', created_at = @Now, next_attempt_at = @Now, attempts = 0, dead_at = NULL,
                claimed_by = NULL, claimed_at = NULL
            WHERE id = @Id AND state = 'dead'
            """,
            new { Id = id, transaction.Now });
        if (requeued != 1) return null;
        transaction.NoteOutboxDue();
        return row.ToEntry();
    }

    private static async Task<IReadOnlyList<OutboxEntry>> QueryAsync(IDbConnection connection, string sql, object parameters, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var rows = await connection.QueryAsync<OutboxRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToEntry())];
    }
}
