using System.Data.Common;

namespace SecBot.Storage;

/// <summary>
/// The one way SecBot changes its database. A state change, its timeline rows, the outbox messages
/// it causes and the timers it sets commit together in one <see cref="StoreTransaction"/>, or not at all.
/// </summary>
public interface IStore
{
    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction and commits when it returns. If it throws, nothing it
    /// wrote is kept. How concurrent writers are ordered is the implementation's to say. Not re-entrant.
    /// </summary>
    Task<T> WriteAsync<T>(Func<StoreTransaction, Task<T>> work, CancellationToken cancellationToken);

    /// <inheritdoc cref="WriteAsync{T}(Func{StoreTransaction, Task{T}}, CancellationToken)"/>
    Task WriteAsync(Func<StoreTransaction, Task> work, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="read"/> on its own open connection; it sees committed data only and never waits for writers.
    /// Use Dapper on it (<see cref="DbConnection"/>), not the provider's own API.
    /// </summary>
    Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken cancellationToken);
}
