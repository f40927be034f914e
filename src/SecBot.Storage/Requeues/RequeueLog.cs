using System.Data;
using Dapper;

namespace SecBot.Storage.Requeues;

/// <summary>
/// The audit of every re-queue (<see cref="Delivery.DeadLetters.RequeueAsync"/>, <see cref="Timers.TimerFailures.RequeueAsync"/>):
/// written in the transaction that re-queues, read back newest first. Rows are only added.
/// </summary>
public sealed class RequeueLog
{
    /// <summary>Records that <paramref name="actor"/> re-queued <paramref name="target"/> row <paramref name="targetId"/>, stamped with the transaction's time.</summary>
    public Task<long> AppendAsync(StoreTransaction transaction, string actor, RequeueTarget target, long targetId, string? subject, string detail)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentNullException.ThrowIfNull(detail);
        return transaction.QuerySingleAsync<long>(
            """
            INSERT INTO requeues (at, actor, target, target_id, subject, detail)
            VALUES (@At, @Actor, @Target, @TargetId, @Subject, @Detail)
            RETURNING id
            """,
            new { At = transaction.Now, Actor = actor, Target = Name(target), TargetId = targetId, Subject = subject, Detail = detail });
    }

    /// <summary>Up to <paramref name="limit"/> re-queues, newest first.</summary>
    public async Task<IReadOnlyList<Requeue>> ListAsync(IDbConnection connection, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            "SELECT id, at, actor, target, target_id, subject, detail FROM requeues ORDER BY at DESC, id DESC LIMIT @Limit",
            new { Limit = limit },
            cancellationToken: cancellationToken));
        return [.. rows.Select(row => new Requeue(row.Id, row.At, row.Actor, Parse(row.Target), row.TargetId, row.Subject, row.Detail))];
    }

    private static string Name(RequeueTarget target) => target switch
    {
        RequeueTarget.Message => "message",
        RequeueTarget.Timer => "timer",
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, "not a re-queue target"),
    };

    private static RequeueTarget Parse(string target) => target switch
    {
        "message" => RequeueTarget.Message,
        "timer" => RequeueTarget.Timer,
        _ => throw new InvalidOperationException($"A re-queue has unknown target '{target}'."),
    };

    private sealed class Row
    {
        public long Id { get; init; }
        public DateTimeOffset At { get; init; }
        public string Actor { get; init; } = "";
        public string Target { get; init; } = "";
        public long TargetId { get; init; }
        public string? Subject { get; init; }
        public string Detail { get; init; } = "";
    }
}
