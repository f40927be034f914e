using Microsoft.Extensions.Options;
using SecBot.Chat;
using SecBot.Chat.OnCall;
using SecBot.Chat.Incidents;
using SecBot.Domain;
using SecBot.Domain.Policy;
using SecBot.Host.Alerts;
using SecBot.Host.Composition;
using SecBot.Host.Configuration;
using SecBot.Host.Delivery;
using SecBot.Host.GateApi;
using SecBot.Host.Health;
using SecBot.Host.Http;
using SecBot.Host.Ledger;
using SecBot.Host.Logging;
using SecBot.Host.Metrics;
using SecBot.Host.Retention;
using SecBot.Host.Storage;
using SecBot.Host.WebConsole;
using SecBot.Slack;
using SecBot.Storage.Database;
using SecBot.Teams;

namespace SecBot.Host;

/// <summary>Composition root: configuration, services, endpoints, and the start-up checks.</summary>
public static class SecBotApp
{
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>
    /// Builds the service and prepares it to serve: the policy is validated, the database migrated and the
    /// roster synced before anything listens. <paramref name="settingsFile"/> overrides <c>SECBOT_SETTINGS</c>.
    /// </summary>
    public static async Task<WebApplication> CreateAsync(string[] args, string? settingsFile = null, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        var settingsPath = SettingsFile.Locate(
            settingsFile ?? Environment.GetEnvironmentVariable(SettingsFile.EnvironmentVariable),
            Directory.GetCurrentDirectory(),
            AppContext.BaseDirectory);
        builder.Configuration.UseSettingsFile(settingsPath);
        // Before anything binds: durations by SecBot's one rule, refused values kept from the binder (see SettingsCheck).
        var settings = SettingsCheck.Apply(builder.Configuration, BoundSection.All);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
            builder.WebHost.UseUrls(DefaultUrl);

        builder.Logging.KeepSecretsOut();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<PolicyOptions>()
            .Bind(builder.Configuration.GetSection(PolicyOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<PolicyOptions>, PolicyOptionsValidation>();
        builder.Services.AddSecBotStorage(builder.Configuration);
        builder.Services.AddSecBotChat(builder.Configuration);
        builder.Services.AddSlack(builder.Configuration);
        builder.Services.AddTeams(builder.Configuration);
        builder.Services.AddKestrelLimits(builder.Configuration);
        builder.Services.AddGateApi(builder.Configuration);
        builder.Services.AddAlerts(builder.Configuration);
        builder.Services.AddWebConsole();
        builder.Services.AddSecBotMetrics(builder.Configuration);
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<DeliveryHealthCheck>("delivery", Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded, [HealthEndpoints.ReadyTag]);
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        try
        {
            // Every validator runs now, before the database is touched, and all their problems are reported together.
            StartupValidation.ThrowIfInvalid(app.Services, settings);
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SecBot.Host");
            HostLog.Starting(logger, settingsPath, app.Services.GetRequiredService<StoreDatabase>().Location);
            LogEffectiveDurations(app.Services, logger);
            await app.Services.PrepareDatabaseAsync(logger);
            // Chat user ids learned from roster e-mails, and the Teams conversations learned from activities, so inbound
            // identification and delivery start knowing them.
            foreach (var cache in app.Services.GetServices<IStoreBackedCache>()) await cache.LoadAsync(CancellationToken.None);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        BodySizeLimit.Use(app);
        app.MapHealthEndpoints();
        app.MapMetrics();
        app.MapSlack();
        app.MapTeams();
        app.MapGateApi();
        app.MapAlerts();
        app.MapConsole();
        return app;
    }

    private static void LogEffectiveDurations(IServiceProvider services, ILogger logger)
    {
        var policy = services.GetRequiredService<IOptions<PolicyOptions>>().Value;
        var durations = EffectiveDurations.From(
            policy, services.GetRequiredService<IOptions<DeliveryOptions>>().Value, services.GetRequiredService<IOptions<RetentionOptions>>().Value,
            services.GetRequiredService<IOptions<LedgerOptions>>().Value, services.GetRequiredService<IOptions<DeclareLimitOptions>>().Value);
        foreach (var entry in durations)
        {
            HostLog.EffectiveDuration(logger, entry.Meaning, SettingDuration.Words(entry.Value), entry.KeyPath, SettingDuration.Text(entry.Value));
        }

        HostLog.Repages(logger, ReadableTime.Count(policy.Escalation.Repages, "time"));
    }
}
