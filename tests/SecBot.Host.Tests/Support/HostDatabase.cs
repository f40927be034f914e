using Dapper;
using SecBot.Storage;
using SecBot.Storage.Delivery;

namespace SecBot.Host.Tests.Support;

/// <summary>A test's host on one platform or several: the running SecBot whose database the test reads.</summary>
internal interface IHostUnderTest
{
    RunningHost Host { get; }
}

/// <summary>The database of a host under test, read and waited on the same way whichever platforms it serves.</summary>
internal static class HostDatabase
{
    extension(IHostUnderTest under)
    {
        public OutboxRepository Outbox => under.Host.App.Services.GetRequiredService<OutboxRepository>();

        private IStore Store => under.Host.App.Services.GetRequiredService<IStore>();

        public Task<long> CountAsync(string table) =>
            under.Store.ReadAsync(c => c.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}"), CancellationToken.None);

        public Task<T?> ScalarAsync<T>(string sql, object? parameters = null) =>
            under.Store.ReadAsync(c => c.ExecuteScalarAsync<T>(sql, parameters), CancellationToken.None);

        public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null) =>
            [.. await under.Store.ReadAsync(c => c.QueryAsync<T>(sql, parameters), CancellationToken.None)];

        /// <summary>Runs SQL against the host's database, e.g. a trigger that makes the next write fail.</summary>
        public Task ExecuteAsync(string sql) =>
            under.Store.WriteAsync(transaction => transaction.ExecuteAsync(sql), CancellationToken.None);

        /// <summary>Waits (bounded) until the outbox has nothing pending.</summary>
        public async Task<OutboxCounts> WaitForOutboxDrainedAsync(TimeSpan? timeout = null)
        {
            using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
            while (true)
            {
                var counts = await under.Outbox.CountAsync(CancellationToken.None);
                if (counts.Pending == 0) return counts;
                if (cts.IsCancellationRequested) throw new TimeoutException($"outbox still has {counts.Pending} pending");
                await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System, CancellationToken.None);
            }
        }
    }
}
