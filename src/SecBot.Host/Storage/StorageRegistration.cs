using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using SecBot.Domain.Policy;
using SecBot.Host.Delivery;
using SecBot.Host.Logging;
using SecBot.Storage;
using SecBot.Storage.Database;
using SecBot.Storage.Delivery;
using SecBot.Storage.Inbound;
using SecBot.Storage.Incidents;
using SecBot.Storage.Migrations;
using SecBot.Storage.Reviews;
using SecBot.Storage.Roster;
using SecBot.Storage.Telemetry;
using SecBot.Storage.Timers;

namespace SecBot.Host.Storage;

public static class StorageRegistration
{
    /// <summary>
    /// The database of <c>SecBot:Database:Provider</c> and one store over it for the process: on SQLite its single writer
    /// is what serializes writers; on PostgreSQL each write is its own transaction, shared with the other replicas.
    /// </summary>
    public static IServiceCollection AddSecBotStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.SectionName));
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidation>();
        services.AddSingleton(sp => new SqliteDatabase(Options(sp), sp.GetRequiredService<ILogger<SqliteDatabase>>()));
        services.AddSingleton(sp => new PostgresDatabase(Options(sp), sp.GetRequiredService<ILogger<PostgresDatabase>>()));
        services.AddSingleton<StoreDatabase>(sp => Options(sp).Provider == DatabaseProvider.Postgres
            ? sp.GetRequiredService<PostgresDatabase>()
            : sp.GetRequiredService<SqliteDatabase>());
        services.AddSingleton(sp => new StoreMetrics(sp.GetService<IMeterFactory>()));
        services.AddSingleton<SqliteStore>();
        services.AddSingleton<PostgresStore>(sp => new PostgresStore(
            sp.GetRequiredService<PostgresDatabase>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<PostgresStore>>(), Options(sp).LookAgainAfter,
            sp.GetRequiredService<StoreMetrics>()));
        services.AddSingleton<IStore>(sp => Store(sp));
        services.AddSingleton<IStoreSignals>(sp => (IStoreSignals)Store(sp));
        services.AddHostedService<StoreSignalListener>();
        services.AddHostedService<StoreBackedCacheRefresher>();
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<RosterSync>();
        services.AddSingleton<OverrideRepository>();
        services.AddSingleton(sp => new TimerRepository(sp.GetRequiredService<IStore>()));
        services.AddSingleton(sp => new OutboxRepository(sp.GetRequiredService<IStore>(), sp.GetRequiredService<IOptions<DeliveryOptions>>().Value.ClaimLease));
        services.AddSingleton<InboundKeys>();
        services.AddSingleton<IncidentRepository>();
        services.AddSingleton<IncidentChannelRepository>();
        services.AddSingleton<GateRepository>();
        services.AddSingleton<DeadLetters>();
        services.AddSingleton<OutboxBacklog>();
        services.AddSingleton<DueTimers>();
        services.AddSingleton<TimerFailures>();
        services.AddSingleton<SubjectTimeline>();
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

    private static DatabaseOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<DatabaseOptions>>().Value;

    private static IStore Store(IServiceProvider services) => Options(services).Provider == DatabaseProvider.Postgres
        ? services.GetRequiredService<PostgresStore>()
        : services.GetRequiredService<SqliteStore>();
}
