using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SecBot.Chat.Reports;
using SecBot.Host.Commands;
using SecBot.Host.Configuration;
using SecBot.Storage;
using SecBot.Storage.Database;

namespace SecBot.Host.Reports;

/// <summary>
/// <c>report INC-n [--format md|json]</c>: the incident's postmortem draft, whole, on standard output, from the database
/// the service's settings name (as <c>ledger</c> finds it). Read-only: nothing is migrated or written.
/// Exit codes: 0 written, 1 no such incident or the database cannot be read, 2 bad arguments or configuration.
/// </summary>
public static class ReportCommandLine
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadArguments = 2;

    public const string Usage =
        """
        usage: SecBot.Host report INC-n [--format md|json]
          Writes the incident's postmortem draft to standard output: its whole timeline (declared, pages,
          acknowledgements, escalations automatic and manual with their reasons, alert events, resolution),
          the time to acknowledge and to resolve, and the review gates linked to it (the review its resolve
          opened) with their sign-offs from the ledger.
            --format md    Markdown (the default): Summary, Timeline, Response, Sign-offs, and empty
                           Root cause and Follow-ups sections for the author
            --format json  the same report as JSON
          The database is SecBot:Database:Path from the settings (SECBOT_SETTINGS or appsettings.json),
          SecBot__Database__Path, or --SecBot:Database:Path=FILE; on PostgreSQL, SecBot:Database:Provider
          Postgres and SecBot:Database:ConnectionString the same ways.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var (arguments, exit) = await CommandArguments.ReadAsync("report", Usage, args, ReportArguments.Parse, output, error);
        if (arguments is null) return exit;

        DatabaseOptions options;
        try
        {
            using var settings = CommandDatabase.Settings(arguments.ConfigurationArgs);
            options = CommandDatabase.DatabaseOptionsFrom(settings);
        }
        catch (Exception e) when (StartupFailure.Describe(e) is { } message)
        {
            await error.WriteLineAsync($"report: invalid configuration: {message}");
            return BadArguments;
        }

        if (options.Provider == DatabaseProvider.Sqlite && !File.Exists(options.Path))
        {
            await error.WriteLineAsync($"report: there is no SecBot database at {options.Path} (SecBot:Database:Path)");
            return Failed;
        }

        var clock = time ?? TimeProvider.System;
        var database = CommandDatabase.Open(options);
        IStore? store = null;
        try
        {
            var readiness = await database.PingAsync(cancellationToken);
            if (!readiness.IsReady)
            {
                await error.WriteLineAsync($"report: the database at {database.Location} cannot be read as this build's schema: {readiness.Problem}. Start the service once to upgrade it.");
                return Failed;
            }

            store = StoreOver(database, clock);
            var report = await new IncidentReportBuilder(store).BuildAsync(arguments.Incident.Number, clock.GetUtcNow(), cancellationToken);
            if (report is null)
            {
                await error.WriteLineAsync($"report: there is no {arguments.Incident} in the database at {database.Location}");
                return Failed;
            }

            await output.WriteAsync(arguments.Format == ReportFormat.Json ? IncidentReportJson.Render(report) + "\n" : IncidentReportMarkdown.Render(report));
            return Ok;
        }
        catch (Exception e) when (e is SqliteException or NpgsqlException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"report: {e.Message}");
            return Failed;
        }
        finally
        {
            if (store is IAsyncDisposable disposable) await disposable.DisposeAsync();
            await CommandDatabase.ReleaseAsync(database);
        }
    }

    /// <summary>A store over the database for reading only: nothing here writes, so no writer or listener is started.</summary>
    private static IStore StoreOver(StoreDatabase database, TimeProvider time) => database switch
    {
        PostgresDatabase postgres => new PostgresStore(postgres, time, NullLogger<PostgresStore>.Instance),
        SqliteDatabase sqlite => new SqliteStore(sqlite, time, NullLogger<SqliteStore>.Instance),
        _ => throw new ArgumentOutOfRangeException(nameof(database), database.GetType().Name, "an unknown database provider"),
    };
}
