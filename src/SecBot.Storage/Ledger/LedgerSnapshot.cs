using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace SecBot.Storage.Ledger;

/// <summary>
/// The one place the ledger's reading differs per provider: a read-only transaction in which every pass over the ledger
/// sees the same snapshot while the service goes on writing, and the guard check of that provider.
/// </summary>
internal static class LedgerSnapshot
{
    /// <summary>
    /// Opens the snapshot on <paramref name="connection"/> (open, with no transaction of its own) and checks the guards in it.
    /// SQLite: a deferred transaction (BEGIN, not BEGIN IMMEDIATE) that only reads, so it takes no write lock.
    /// PostgreSQL: REPEATABLE READ, READ ONLY: one snapshot for the whole transaction, taken at its first query.
    /// </summary>
    /// <exception cref="NotSupportedException">The connection is neither SQLite's nor PostgreSQL's.</exception>
    public static async Task<(DbTransaction Snapshot, IReadOnlyList<string> GuardProblems)> BeginAsync(
        DbConnection connection, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        switch (connection)
        {
            case SqliteConnection sqlite:
            {
                var snapshot = sqlite.BeginTransaction(deferred: true);
                return (snapshot, await CheckedAsync(snapshot, () => LedgerGuards.CheckAsync(sqlite, snapshot, cancellationToken)));
            }

            case NpgsqlConnection postgres:
            {
                var snapshot = await postgres.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
                return (snapshot, await CheckedAsync(snapshot, async () =>
                {
                    await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", postgres, snapshot))
                    {
                        await readOnly.ExecuteNonQueryAsync(cancellationToken);
                    }

                    return await PostgresLedgerGuards.CheckAsync(postgres, snapshot, cancellationToken);
                }));
            }

            default:
                throw Unsupported(connection, what);
        }
    }

    /// <summary><paramref name="connection"/> itself when the ledger code reads it (SQLite or PostgreSQL); else a refusal naming the provider.</summary>
    public static DbConnection Supported(DbConnection connection, string what)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection is SqliteConnection or NpgsqlConnection ? connection : throw Unsupported(connection, what);
    }

    private static NotSupportedException Unsupported(DbConnection connection, string what) =>
        new($"{what} runs on SQLite and PostgreSQL; this store's connection is a {connection.GetType().Name}");

    private static async Task<IReadOnlyList<string>> CheckedAsync(DbTransaction snapshot, Func<Task<IReadOnlyList<string>>> check)
    {
        try
        {
            return await check();
        }
        catch
        {
            await snapshot.DisposeAsync();
            throw;
        }
    }
}
