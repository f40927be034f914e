using Microsoft.Extensions.Options;
using SecBot.Domain.Policy;
using SecBot.Host.Logging;
using SecBot.Storage;
using SecBot.Storage.Database;
using SecBot.Storage.Delivery;
using SecBot.Storage.Inbound;
using SecBot.Storage.Migrations;
using SecBot.Storage.Roster;
using SecBot.Storage.Timers;

namespace SecBot.Host.Storage;

public static class StorageRegistration
{
    /// <summary>One store per process: its write gate is what serializes writers.</summary>
    public static IServiceCollection AddSecBotStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.SectionName));
        services.AddSingleton(sp => new SqliteDatabase(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, sp.GetRequiredService<ILogger<SqliteDatabase>>()));
        services.AddSingleton<SqliteStore>();
        services.AddSingleton<IStore>(sp => sp.GetRequiredService<SqliteStore>());
        services.AddSingleton<IStoreSignals>(sp => sp.GetRequiredService<SqliteStore>());
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<RosterSync>();
        services.AddSingleton<OverrideRepository>();
        services.AddSingleton(sp => new TimerRepository(sp.GetRequiredService<IStore>()));
        services.AddSingleton(sp => new OutboxRepository(sp.GetRequiredService<IStore>()));
        services.AddSingleton<InboundKeys>();
        return services;
    }

    /// <summary>Creates or upgrades the schema, then syncs the configured roster into it.</summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, ILogger logger, CancellationToken cancellationToken = default)
    {
        var migrations = services.GetRequiredService<MigrationRunner>();
        await migrations.ApplyAsync(cancellationToken: cancellationToken);
        var roster = services.GetRequiredService<IOptions<PolicyOptions>>().Value.Roster;
        await services.GetRequiredService<RosterSync>().SyncAsync(roster, cancellationToken);
        HostLog.DatabaseReady(logger, await migrations.CurrentVersionAsync(cancellationToken), roster.People.Count);
    }
}
