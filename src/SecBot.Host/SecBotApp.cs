using Microsoft.Extensions.Options;
using SecBot.Chat.OnCall;
using SecBot.Domain.Policy;
using SecBot.Host.Composition;
using SecBot.Host.Configuration;
using SecBot.Host.Health;
using SecBot.Host.Logging;
using SecBot.Host.Slack;
using SecBot.Host.Storage;
using SecBot.Slack.Configuration;
using SecBot.Storage.Database;

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
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
            builder.WebHost.UseUrls(DefaultUrl);

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<PolicyOptions>()
            .Bind(builder.Configuration.GetSection(PolicyOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<PolicyOptions>, PolicyOptionsValidation>();
        builder.Services.AddSecBotStorage(builder.Configuration);
        builder.Services.AddSecBotChat(builder.Configuration);
        builder.Services.AddSlack(builder.Configuration);
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [HealthEndpoints.ReadyTag]);
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        try
        {
            // Resolving the options runs every validator now, before the database is touched.
            _ = app.Services.GetRequiredService<IOptions<PolicyOptions>>().Value;
            _ = app.Services.GetRequiredService<IOptions<SlackOptions>>().Value;
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SecBot.Host");
            HostLog.Starting(logger, settingsPath, app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Path);
            await app.Services.PrepareDatabaseAsync(logger);
            // Slack user ids learned from roster e-mails, so inbound identification and delivery start knowing them.
            await app.Services.GetRequiredService<LearnedIdentities>().LoadAsync(CancellationToken.None);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        app.MapHealthEndpoints();
        app.MapSlack();
        return app;
    }
}
