using System.Data.Common;
using Dapper;
using SecBot.Storage.Database;
using SecBot.Storage.Delivery;
using SecBot.Storage.Telemetry;

namespace SecBot.Storage;

/// <summary>
/// One open write transaction, handed to the work of <see cref="IStore.WriteAsync{T}"/>. Use the typed
/// helpers for timeline, outbox, timers and idempotency keys (they also wake the dispatcher and clock
/// after commit), and the Dapper wrappers, which always pass the transaction, for everything else.
/// Never commit or roll back <see cref="Transaction"/> yourself: returning commits, throwing rolls back.
/// </summary>
public sealed class StoreTransaction
{
    // Created only by the stores of this assembly, each with its provider's dialect.
    internal StoreTransaction(
        DbConnection connection, DbConnection statements, DbTransaction transaction, StoreDialect dialect, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Connection = connection;
        _dialect = dialect;
        Statements = statements;
        Transaction = transaction;
        Now = now;
        CancellationToken = cancellationToken;
    }

    private readonly StoreDialect _dialect;
    private int _savepoints;
    private List<Action<StoreMetrics>>? _facts;

    public DbConnection Connection { get; }

    /// <summary>
    /// The same connection for Dapper, with each SQL text prepared once and reused across writes: pass it (with
    /// <see cref="Transaction"/>) to code that takes an <see cref="System.Data.IDbConnection"/>. The wrappers below use it.
    /// </summary>
    public DbConnection Statements { get; }

    public DbTransaction Transaction { get; }

    /// <summary>The time the transaction began, from the store's <see cref="TimeProvider"/>; stamps every row the helpers write.</summary>
    public DateTimeOffset Now { get; }

    public CancellationToken CancellationToken { get; }

    internal StoreDialect Dialect => _dialect;

    /// <summary>Whether the commit raises <see cref="IStoreSignals.OutboxChanged"/>: it queued messages, made one due, or gave one up.</summary>
    internal bool AddedOutboxMessages { get; private set; }

    /// <summary>Where <see cref="Record"/>ed facts are counted; null when the store was built without metrics.</summary>
    internal StoreMetrics? Metrics { get; init; }

    /// <summary>The earliest due time this transaction scheduled a timer for; null when it scheduled none.</summary>
    internal DateTimeOffset? EarliestScheduledDue { get; private set; }

    /// <summary>
    /// Runs <paramref name="work"/> under a savepoint: when it answers false, or the database refuses one of its statements
    /// for violating <paramref name="refused"/>, everything it wrote is undone and the answer is false; the transaction goes
    /// on either way (on PostgreSQL a refused statement would otherwise abort the whole transaction). Facts the work
    /// <see cref="Record"/>ed are dropped with what it wrote.
    /// </summary>
    public async Task<bool> TryAsync(Func<Task<bool>> work, StoreConstraint refused)
    {
        ArgumentNullException.ThrowIfNull(work);
        var savepoint = $"try_{++_savepoints}";
        var factsBefore = _facts?.Count ?? 0;
        await Transaction.SaveAsync(savepoint, CancellationToken);
        bool done;
        try
        {
            done = await work();
        }
        catch (Exception e) when (_dialect.IsViolation(e, refused))
        {
            done = false;
        }

        if (!done)
        {
            await Transaction.RollbackAsync(savepoint, CancellationToken.None);
            _facts?.RemoveRange(factsBefore, _facts.Count - factsBefore);
        }

        await Transaction.ReleaseAsync(savepoint, done ? CancellationToken : CancellationToken.None);
        return done;
    }

    /// <summary>
    /// Counts <paramref name="fact"/> on the store's metrics once this transaction has committed, and never if it rolls
    /// back: the one place a committed change is counted, whoever asked for it. The fact must only record measurements.
    /// </summary>
    public void Record(Action<StoreMetrics> fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        if (Metrics is not null) (_facts ??= []).Add(fact);
    }

    /// <summary>Called by the store after this transaction (or the batch holding it) committed.</summary>
    internal void CountCommittedFacts()
    {
        if (Metrics is not { } metrics || _facts is null) return;
        foreach (var fact in _facts) fact(metrics);
    }

    /// <summary>The next id of <paramref name="table"/>, as the store's provider numbers it; insert it in this transaction.</summary>
    public Task<long> NextIdAsync(NumberedTable table) => Statements.ExecuteScalarAsync<long>(Command(_dialect.NextIdSql(table), null));

    /// <summary>Waits until no concurrent transaction is in <paramref name="section"/>, and holds it until this one ends.</summary>
    internal Task TakeTurnAsync(SerializedSection section) =>
        _dialect.TakeTurnSql(section) is { } sql ? ExecuteScalarAsync<object>(sql) : Task.CompletedTask;

    public Task<int> ExecuteAsync(string sql, object? parameters = null) =>
        Statements.ExecuteAsync(Command(sql, parameters));

    public Task<T?> ExecuteScalarAsync<T>(string sql, object? parameters = null) =>
        Statements.ExecuteScalarAsync<T>(Command(sql, parameters));

    public Task<IEnumerable<T>> QueryAsync<T>(string sql, object? parameters = null) =>
        Statements.QueryAsync<T>(Command(sql, parameters));

    public Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? parameters = null) =>
        Statements.QuerySingleOrDefaultAsync<T>(Command(sql, parameters));

    public Task<T> QuerySingleAsync<T>(string sql, object? parameters = null) =>
        Statements.QuerySingleAsync<T>(Command(sql, parameters));

    /// <summary>Adds a row to an incident's timeline, stamped <paramref name="at"/> or <see cref="Now"/>.</summary>
    public Task<long> AppendIncidentEventAsync(long incidentId, string kind, string actor, string? detail = null, DateTimeOffset? at = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        return Statements.ExecuteScalarAsync<long>(Command(
            """
            INSERT INTO incident_events (incident_id, at, kind, actor, detail)
            VALUES (@IncidentId, @At, @Kind, @Actor, @Detail)
            RETURNING id
            """,
            new { IncidentId = incidentId, At = at ?? Now, Kind = kind, Actor = actor, Detail = detail }));
    }

    /// <summary>Queues a message for the dispatcher, due now; delivered after every earlier message of its channel.</summary>
    public async Task<long> EnqueueOutboxAsync(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.Platform);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.ChannelKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.Kind);
        ArgumentNullException.ThrowIfNull(message.Payload);
        var id = await Statements.ExecuteScalarAsync<long>(Command(
            """
            INSERT INTO outbox (platform, channel_key, kind, payload, created_at, next_attempt_at)
            VALUES (@Platform, @ChannelKey, @Kind, @Payload, @Now, @Now)
            RETURNING id
            """,
            new { message.Platform, message.ChannelKey, message.Kind, message.Payload, Now }));
        AddedOutboxMessages = true;
        return id;
    }

    /// <summary>
    /// Queues several messages at once, due now, in list order (ids ascending in that order), with one multi-row
    /// INSERT per chunk: the same rows as calling <see cref="EnqueueOutboxAsync(OutboxMessage)"/> for each in turn.
    /// </summary>
    public async Task EnqueueOutboxAsync(IReadOnlyList<OutboxMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            ArgumentNullException.ThrowIfNull(message);
            ArgumentException.ThrowIfNullOrWhiteSpace(message.Platform);
            ArgumentException.ThrowIfNullOrWhiteSpace(message.ChannelKey);
            ArgumentException.ThrowIfNullOrWhiteSpace(message.Kind);
            ArgumentNullException.ThrowIfNull(message.Payload);
        }

        await OutboxInserts.ExecuteAsync(
            this,
            messages,
            [("Now", Now)],
            message => [("Platform", message.Platform), ("ChannelKey", message.ChannelKey), ("Kind", message.Kind), ("Payload", message.Payload)]);
        AddedOutboxMessages |= messages.Count > 0;
    }

    private static readonly MultiRowSql OutboxInserts = new(
        "INSERT INTO outbox (platform, channel_key, kind, payload, created_at, next_attempt_at) VALUES ",
        "(@Platform{0}, @ChannelKey{0}, @Kind{0}, @Payload{0}, @Now, @Now)");

    /// <summary>Sets a timer of <paramref name="kind"/> (e.g. "escalate") on <paramref name="subject"/> (e.g. "INC-3").</summary>
    public async Task<long> ScheduleTimerAsync(string kind, string subject, DateTimeOffset dueAt, string? payload = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        var id = await Statements.ExecuteScalarAsync<long>(Command(
            """
            INSERT INTO timers (kind, subject, due_at, payload, created_at)
            VALUES (@Kind, @Subject, @DueAt, @Payload, @Now)
            RETURNING id
            """,
            new { Kind = kind, Subject = subject, DueAt = dueAt, Payload = payload, Now }));
        NoteTimerDue(dueAt);
        return id;
    }

    /// <summary>Notes that this change made an outbox message due (a re-queued one), so the dispatcher is woken after commit.</summary>
    internal void NoteOutboxDue() => AddedOutboxMessages = true;

    /// <summary>
    /// Notes that this change gave up on something (dead-lettered a message, parked a timer), so what watches the outbox's
    /// failures (the board) looks again after commit instead of at its next refresh.
    /// </summary>
    internal void NoteGaveUp() => AddedOutboxMessages = true;

    /// <summary>Notes that this change made a timer due at <paramref name="dueAt"/>, so the clock is woken after commit.</summary>
    internal void NoteTimerDue(DateTimeOffset dueAt)
    {
        if (EarliestScheduledDue is not { } earliest || dueAt < earliest) EarliestScheduledDue = dueAt;
    }

    /// <summary>Deletes the unfired timers of <paramref name="subject"/> (only those of <paramref name="kind"/> when given); returns how many.</summary>
    public async Task<int> CancelTimersAsync(string subject, string? kind = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        var cancelled = await Statements.ExecuteAsync(Command(
            "DELETE FROM timers WHERE subject = @Subject AND (@Kind IS NULL OR kind = @Kind) AND fired_at IS NULL",
            new { Subject = subject, Kind = kind }));
        return cancelled;
    }

    /// <summary>Marks a claimed timer as done, together with whatever its firing changed. False when it had already fired or is gone.</summary>
    public async Task<bool> MarkTimerFiredAsync(long timerId)
    {
        var marked = await Statements.ExecuteAsync(Command(
            "UPDATE timers SET fired_at = @Now WHERE id = @Id AND fired_at IS NULL",
            new { Id = timerId, Now }));
        return marked > 0;
    }

    /// <summary>Marks a claimed key (<see cref="Inbound.InboundKeys.TryClaimAsync"/>) as handled, with this transaction's change.</summary>
    internal Task<int> SettleInboundKeyAsync(Inbound.InboundKey key) =>
        Statements.ExecuteAsync(Command(
            "UPDATE inbound_keys SET settled_at = @Now WHERE source = @Source AND key = @Key AND settled_at IS NULL",
            new { key.Source, key.Key, Now }));

    private CommandDefinition Command(string sql, object? parameters) =>
        new(sql, parameters, Transaction, cancellationToken: CancellationToken);
}
