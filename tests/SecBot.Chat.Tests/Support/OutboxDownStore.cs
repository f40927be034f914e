using System.Data.Common;
using SecBot.Storage;

namespace SecBot.Chat.Tests.Support;

/// <summary>
/// A store whose outbox is unavailable while <see cref="Down"/>: a write that queued any outbox message fails after
/// its work, inside its transaction, so everything it wrote is undone. Fault injection through <see cref="IStore"/>
/// only, so it works over any provider.
/// </summary>
internal sealed class OutboxDownStore(IStore inner) : IStore
{
    public bool Down { get; set; }

    public Task<T> WriteAsync<T>(Func<StoreTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        inner.WriteAsync(
            async transaction =>
            {
                var before = await OutboxRowsAsync(transaction);
                var result = await work(transaction);
                if (Down && await OutboxRowsAsync(transaction) != before) throw new InvalidOperationException("outbox unavailable");
                return result;
            },
            cancellationToken);

    public Task WriteAsync(Func<StoreTransaction, Task> work, CancellationToken cancellationToken) =>
        WriteAsync(
            async transaction =>
            {
                await work(transaction);
                return true;
            },
            cancellationToken);

    public Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken cancellationToken) => inner.ReadAsync(read, cancellationToken);

    private static async Task<long> OutboxRowsAsync(StoreTransaction transaction) =>
        await transaction.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox");
}
