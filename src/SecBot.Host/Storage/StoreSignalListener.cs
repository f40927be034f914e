using SecBot.Storage;

namespace SecBot.Host.Storage;

/// <summary>On PostgreSQL, hears the other replicas' commits (<see cref="PostgresStore.ListenAsync"/>); SQLite has no other writers to hear.</summary>
internal sealed class StoreSignalListener(IStore store) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        store is PostgresStore postgres ? postgres.ListenAsync(stoppingToken) : Task.CompletedTask;
}
