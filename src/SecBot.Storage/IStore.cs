using Microsoft.Data.Sqlite;

namespace SecBot.Storage;

/// <summary>
/// The one way SecBot changes its database. A state change, its timeline rows, the outbox messages
/// it causes and the timers it sets commit together in one <see cref="StoreTransaction"/>, or not at all.
/// </summary>
public interface IStore
{
    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction (<c>BEGIN IMMEDIATE</c>; one writer at a time)
    /// and commits when it returns. If it throws, nothing it wrote is kept. Not re-entrant.
    /// </summary>
    Task<T> WriteAsync<T>(Func<StoreTransaction, Task<T>> work, CancellationToken cancellationToken);

    /// <inheritdoc cref="WriteAsync{T}(Func{StoreTransaction, Task{T}}, CancellationToken)"/>
    Task WriteAsync(Func<StoreTransaction, Task> work, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="read"/> on its own connection; it sees committed data only and never waits for writers.</summary>
    Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> read, CancellationToken cancellationToken);
}
