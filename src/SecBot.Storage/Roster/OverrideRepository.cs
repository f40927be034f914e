using System.Data;
using Dapper;
using SecBot.Domain.Roster;

namespace SecBot.Storage.Roster;

/// <summary>
/// Shift overrides (<c>cover</c>): a person covers a rotation or role for a window. A cancelled override stays,
/// marked with who cancelled it and when; every listing of overrides in force leaves it out.
/// </summary>
public sealed class OverrideRepository
{
    private readonly IStore _store;

    public OverrideRepository(IStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>Adds an override for [<paramref name="startsAt"/>, <paramref name="endsAt"/>) in its own transaction.</summary>
    public Task<OnCallOverride> AddAsync(
        string target, string personId, DateTimeOffset startsAt, DateTimeOffset endsAt, string createdBy, CancellationToken cancellationToken) =>
        _store.WriteAsync(transaction => AddAsync(transaction, target, personId, startsAt, endsAt, createdBy), cancellationToken);

    /// <summary>Adds an override inside a larger change (e.g. with the announcement it causes).</summary>
    public async Task<OnCallOverride> AddAsync(
        StoreTransaction transaction, string target, string personId, DateTimeOffset startsAt, DateTimeOffset endsAt, string createdBy)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        ArgumentException.ThrowIfNullOrWhiteSpace(personId);
        ArgumentException.ThrowIfNullOrWhiteSpace(createdBy);
        if (endsAt <= startsAt)
        {
            throw new ArgumentException("An override must end after it starts.", nameof(endsAt));
        }

        var row = await transaction.QuerySingleAsync<OverrideRow>(
            $"""
            INSERT INTO oncall_overrides (target, person_id, starts_at, ends_at, created_by, created_at)
            VALUES (@Target, @PersonId, @StartsAt, @EndsAt, @CreatedBy, @Now)
            RETURNING {OverrideRow.Columns}
            """,
            new { Target = target, PersonId = personId, StartsAt = startsAt, EndsAt = endsAt, CreatedBy = createdBy, transaction.Now });
        return row.ToOverride();
    }

    private static readonly string InForceSql =
        $"SELECT {OverrideRow.Columns} FROM oncall_overrides WHERE ends_at > @Now AND cancelled_at IS NULL ORDER BY starts_at, id";

    /// <summary>
    /// Overrides in force now or later, read inside a write transaction: the on-call resolver needs the later
    /// ones too, to say until when its answer holds.
    /// </summary>
    public async Task<IReadOnlyList<OnCallOverride>> ListInForceAsync(StoreTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var rows = await transaction.QueryAsync<OverrideRow>(
            InForceSql,
            new { transaction.Now });
        return [.. rows.Select(row => row.ToOverride())];
    }

    /// <summary>
    /// <see cref="ListInForceAsync(StoreTransaction)"/> on a read connection, as of <paramref name="now"/>: for checking
    /// what a write would decide without writing.
    /// </summary>
    public async Task<IReadOnlyList<OnCallOverride>> ListInForceAsync(IDbConnection connection, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = await connection.QueryAsync<OverrideRow>(new CommandDefinition(
            InForceSql,
            new { Now = now },
            cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToOverride())];
    }

    /// <summary>One override by id, cancelled or not; null when there is none.</summary>
    public async Task<OnCallOverride?> FindAsync(StoreTransaction transaction, long id)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var row = await transaction.QuerySingleOrDefaultAsync<OverrideRow>(
            $"SELECT {OverrideRow.Columns} FROM oncall_overrides WHERE id = @Id",
            new { Id = id });
        return row?.ToOverride();
    }

    /// <summary>
    /// Marks an override cancelled by <paramref name="cancelledBy"/> at the transaction's time; the row is kept.
    /// Null when there is no such override or it was already cancelled (nothing changes).
    /// </summary>
    public async Task<OnCallOverride?> CancelAsync(StoreTransaction transaction, long id, string cancelledBy)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentException.ThrowIfNullOrWhiteSpace(cancelledBy);
        var row = await transaction.QuerySingleOrDefaultAsync<OverrideRow>(
            $"""
            UPDATE oncall_overrides SET cancelled_at = @Now, cancelled_by = @CancelledBy
            WHERE id = @Id AND cancelled_at IS NULL
            RETURNING {OverrideRow.Columns}
            """,
            new { Id = id, CancelledBy = cancelledBy, transaction.Now });
        return row?.ToOverride();
    }

    /// <summary>Overrides (not cancelled) in force at <paramref name="at"/>, oldest start first.</summary>
    internal Task<IReadOnlyList<OnCallOverride>> ListActiveAsync(DateTimeOffset at, CancellationToken cancellationToken) =>
        ListAsync(
            "starts_at <= @At AND ends_at > @At",
            new { At = at },
            cancellationToken);

    /// <summary>Overrides (not cancelled) overlapping [<paramref name="from"/>, <paramref name="until"/>), e.g. to tell how long someone stays on call.</summary>
    public Task<IReadOnlyList<OnCallOverride>> ListOverlappingAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken) =>
        ListAsync(
            "starts_at < @Until AND ends_at > @From",
            new { From = from, Until = until },
            cancellationToken);

    private Task<IReadOnlyList<OnCallOverride>> ListAsync(string condition, object parameters, CancellationToken cancellationToken) =>
        _store.ReadAsync<IReadOnlyList<OnCallOverride>>(
            async connection =>
            {
                var rows = await connection.QueryAsync<OverrideRow>(new CommandDefinition(
                    $"SELECT {OverrideRow.Columns} FROM oncall_overrides WHERE ({condition}) AND cancelled_at IS NULL ORDER BY starts_at, id",
                    parameters,
                    cancellationToken: cancellationToken));
                return [.. rows.Select(row => row.ToOverride())];
            },
            cancellationToken);

    /// <inheritdoc cref="ListAllAsync(IDbConnection, CancellationToken)"/>
    public Task<IReadOnlyList<OnCallOverride>> ListAllAsync(CancellationToken cancellationToken) =>
        _store.ReadAsync(connection => ListAllAsync(connection, cancellationToken), cancellationToken);

    /// <summary>Every override ever added, cancelled ones included, in the order they were added.</summary>
    public async Task<IReadOnlyList<OnCallOverride>> ListAllAsync(IDbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = await connection.QueryAsync<OverrideRow>(new CommandDefinition(
            $"SELECT {OverrideRow.Columns} FROM oncall_overrides ORDER BY id", cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToOverride())];
    }
}
