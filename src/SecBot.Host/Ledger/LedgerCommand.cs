using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using SecBot.Host.Configuration;
using SecBot.Storage.Database;
using SecBot.Storage.Ledger;

namespace SecBot.Host.Ledger;

/// <summary>
/// <c>ledger verify</c> and <c>ledger export</c>: the operator's view of the sign-off ledger, on the database the
/// service's settings name (<c>SecBot:Database:Path</c> from the settings file, environment variables, or a
/// <c>--SecBot:Database:Path=FILE</c> argument). Read-only: nothing is migrated or written to the database.
/// Exit codes: 0 done (verify: the chain is intact and the gates and stale flags agree with it), 1 the chain is broken,
/// the database disagrees with it or cannot be read,
/// 2 bad arguments or configuration.
/// </summary>
public static class LedgerCommand
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadArguments = 2;

    public const string Usage =
        """
        usage: SecBot.Host ledger verify
               SecBot.Host ledger export --format csv|jsonl [--since YYYY-MM-DD] [--out FILE]
          verify  walks the sign-off ledger's hash chain, then checks each gate's requester and type
                  against its opened record and every record's stale flag against the resubmissions;
                  exit 0 when everything checks out, exit 1 naming the first bad record
          export  writes every sign-off and gate decision (from --since, a UTC day, if given)
                  to FILE, or to standard output, with every hashed field exact (prev_hash, kind,
                  the recorded person_name, the checklist as stored JSON) so each hash can be
                  recomputed; roster_name (today's name) is for display only
          Export columns: id, gate, gate_id, revision, stage, seat, kind, person_id, person_name,
          roster_name, role_held, decision, override, optional, comment, checklist, platform, at,
          stale, prev_hash, hash. In CSV only roster_name is guarded against spreadsheet formulas;
          open the CSV as text.
          The database is SecBot:Database:Path from the settings (SECBOT_SETTINGS or appsettings.json),
          SecBot__Database__Path, or --SecBot:Database:Path=FILE.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args is ["--help" or "-h" or "help", ..])
        {
            await output.WriteLineAsync(Usage);
            return Ok;
        }

        var (arguments, problem) = LedgerArguments.Parse(args);
        if (arguments is null)
        {
            await error.WriteLineAsync($"ledger: {problem}");
            await error.WriteLineAsync(Usage);
            return BadArguments;
        }

        string databasePath;
        try
        {
            databasePath = DatabasePath(arguments.ConfigurationArgs);
        }
        catch (Exception e) when (StartupFailure.Describe(e) is { } message)
        {
            await error.WriteLineAsync($"ledger: invalid configuration: {message}");
            return BadArguments;
        }

        if (!File.Exists(databasePath))
        {
            await error.WriteLineAsync($"ledger: there is no SecBot database at {databasePath} (SecBot:Database:Path)");
            return Failed;
        }

        var database = new SqliteDatabase(new DatabaseOptions { Path = databasePath }, NullLogger<SqliteDatabase>.Instance);
        try
        {
            var readiness = await database.PingAsync(cancellationToken);
            if (!readiness.IsReady)
            {
                await error.WriteLineAsync($"ledger: the database at {databasePath} cannot be read as this build's schema: {readiness.Problem}. "
                    + "Start the service once to upgrade it.");
                return Failed;
            }

            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            return arguments.Verb == LedgerArguments.Verify
                ? await VerifyAsync(connection, databasePath, output, error, cancellationToken)
                : await ExportAsync(connection, arguments, output, cancellationToken);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"ledger: {e.Message}");
            return Failed;
        }
        finally
        {
            // Close the pooled handle now, so the file is free for whoever works on it next (a test's cleanup, a copy).
            using var pooled = new SqliteConnection(database.ConnectionString);
            SqliteConnection.ClearPool(pooled);
        }
    }

    private static async Task<int> VerifyAsync(SqliteConnection connection, string databasePath, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var verification = await LedgerVerifier.VerifyAsync(connection, cancellationToken);
        if (verification.Fault is { } fault)
        {
            await error.WriteLineAsync($"ledger verification FAILED at {fault}");
            await error.WriteLineAsync(fault.BreaksChain
                ? $"{verification.RecordsVerified} record(s) before it verified; {databasePath}"
                : $"the hash chain of {verification.RecordsVerified} record(s) is intact, but the database disagrees with it; {databasePath}");
            return Failed;
        }

        var head = verification.HeadHash is { } hash ? $"; last record {verification.LastId}, hash {hash}" : "";
        await output.WriteLineAsync($"ledger verified: {verification.RecordsVerified} record(s) intact{head}");
        return Ok;
    }

    private static async Task<int> ExportAsync(SqliteConnection connection, LedgerArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var format = arguments.Format!.Value;
        if (arguments.OutFile is not { } outFile)
        {
            await LedgerExporter.ExportAsync(connection, output, format, arguments.Since, cancellationToken);
            return Ok;
        }

        var path = Path.GetFullPath(outFile);
        long count;
        await using (var file = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        {
            count = await LedgerExporter.ExportAsync(connection, file, format, arguments.Since, cancellationToken);
        }

        await output.WriteLineAsync($"exported {count} record(s) to {path}");
        return Ok;
    }

    /// <summary>SecBot:Database:Path as the service resolves it: settings file, then environment variables, then arguments.</summary>
    private static string DatabasePath(IReadOnlyList<string> configurationArgs)
    {
        var explicitSettings = Environment.GetEnvironmentVariable(SettingsFile.EnvironmentVariable);
        var builder = new ConfigurationBuilder();
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
        var options = new DatabaseOptions();
        builder.Build().GetSection(DatabaseOptions.SectionName).Bind(options);
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            throw new StartupConfigurationException($"{DatabaseOptions.SectionName}:Path is empty; it must name the SQLite file");
        }

        return Path.GetFullPath(options.Path);
    }
}
