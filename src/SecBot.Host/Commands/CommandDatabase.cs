using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using SecBot.Host.Configuration;
using SecBot.Storage.Database;

namespace SecBot.Host.Commands;

/// <summary>
/// How the operator subcommands (<c>ledger</c>, <c>report</c>) find the database the service uses: its settings as it
/// resolves them (settings file, then environment variables, then <c>--SecBot:...</c> arguments), the database they
/// name, and closing its pooled connections when done.
/// </summary>
internal static class CommandDatabase
{
    /// <summary>The service's settings as it resolves them: settings file, then environment variables, then arguments.</summary>
    public static ConfigurationManager Settings(IReadOnlyList<string> configurationArgs)
    {
        var explicitSettings = Environment.GetEnvironmentVariable(SettingsFile.EnvironmentVariable);
        var builder = new ConfigurationManager();
        string? settingsPath;
        try
        {
            settingsPath = SettingsFile.Locate(explicitSettings, Directory.GetCurrentDirectory(), AppContext.BaseDirectory);
        }
        catch (StartupConfigurationException) when (string.IsNullOrWhiteSpace(explicitSettings))
        {
            // No settings file at all: the path may still come from the environment or the arguments, else the default.
            settingsPath = null;
        }

        if (settingsPath is not null) builder.AddJsonFile(settingsPath, optional: false, reloadOnChange: false);
        builder.AddEnvironmentVariables();
        builder.AddCommandLine([.. configurationArgs]);
        return builder;
    }

    /// <exception cref="StartupConfigurationException">The settings name no database.</exception>
    public static DatabaseOptions DatabaseOptionsFrom(IConfiguration settings)
    {
        var options = new DatabaseOptions();
        settings.GetSection(DatabaseOptions.SectionName).Bind(options);
        if (options.Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new StartupConfigurationException($"{DatabaseOptions.SectionName}:ConnectionString is empty; with Provider Postgres it must name the database");
        }

        if (options.Provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(options.Path))
        {
            throw new StartupConfigurationException($"{DatabaseOptions.SectionName}:Path is empty; it must name the SQLite file");
        }

        options.Path = Path.GetFullPath(options.Path);
        return options;
    }

    public static StoreDatabase Open(DatabaseOptions options) =>
        options.Provider == DatabaseProvider.Postgres
            ? new PostgresDatabase(options, NullLogger<PostgresDatabase>.Instance)
            : new SqliteDatabase(options, NullLogger<SqliteDatabase>.Instance);

    /// <summary>Closes the pooled connections now, so the file is free for whoever works on it next (a test's cleanup, a copy).</summary>
    public static async Task ReleaseAsync(StoreDatabase database)
    {
        switch (database)
        {
            case SqliteDatabase sqlite:
                using (var pooled = new SqliteConnection(sqlite.ConnectionString)) SqliteConnection.ClearPool(pooled);
                break;
            case PostgresDatabase postgres:
                await postgres.DisposeAsync();
                break;
        }
    }
}
