using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using SecBot.Host.Configuration;
using SecBot.Storage.Database;
using SecBot.Storage.Ledger;
using SecBot.Domain;
using SecBot.Host.Commands;

namespace SecBot.Host.Ledger;

/// <summary>
/// <c>ledger verify</c> and <c>ledger export</c>: the operator's and the auditor's view of the sign-off ledger, on the
/// database the service's settings name (<c>SecBot:Database:Path</c>, or <c>Provider</c> Postgres and its
/// <c>ConnectionString</c>, from the settings file, environment variables, or <c>--SecBot:Database:...</c> arguments), or for <c>verify --export FILE</c> on an export file alone.
/// Read-only: nothing is migrated or written to the database.
/// Exit codes: 0 done (verify: the chain is intact, the guard triggers are in place, the gates and stale flags agree
/// with it, and every pinned head and checkpoint holds), 1 any of that fails or the database or file cannot be read,
/// 2 bad arguments or configuration.
/// </summary>
public static class LedgerCommand
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadArguments = 2;

    public const string Usage =
        """
        usage: SecBot.Host ledger verify [--head HASH]... [--checkpoint "LINE"]... [--export FILE]
               SecBot.Host ledger export --format csv|jsonl [--since YYYY-MM-DD] [--out FILE]
          verify  walks the sign-off ledger's hash chain, checks that its guard triggers are in place,
                  each gate's requester and type against its opened record and every record's stale
                  flag against the resubmissions; exit 0 when everything checks out, exit 1 naming
                  the first bad record or what else is wrong
            --head HASH          a head noted down earlier (a record's hash): the chain must still
                                 hold it and go on intact from it
            --checkpoint "LINE"  a checkpoint line the service posted: its hmac must match
                                 SecBot:Ledger:CheckpointKey, and record <records> must still have
                                 hash <head>
            --export FILE        verify an export file instead of the database (CSV or JSON lines),
                                 recomputing every hash from the file alone
          export  writes every sign-off and gate decision (from --since, a UTC day, if given)
                  to FILE, or to standard output, with every hashed field in the form it is hashed
                  (at_ms, flags 0/1, prev_hash "" for the first record) beside readable columns
          Export columns: id, gate, gate_id, revision, stage, seat, kind, person_id, person_name,
          roster_name, role_held, decision, override, optional, comment, checklist, platform, at,
          at_ms, stale, prev_hash, hash. In CSV an unquoted empty cell is NULL and "" is the empty
          string; only roster_name is guarded against spreadsheet formulas: open the CSV as text.
          The database is SecBot:Database:Path from the settings (SECBOT_SETTINGS or appsettings.json),
          SecBot__Database__Path, or --SecBot:Database:Path=FILE; on PostgreSQL, SecBot:Database:Provider
          Postgres and SecBot:Database:ConnectionString the same ways. The checkpoint key likewise
          (SecBot__Ledger__CheckpointKey).
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var (arguments, exit) = await CommandArguments.ReadAsync("ledger", Usage, args, LedgerArguments.Parse, output, error);
        if (arguments is null) return exit;

        IConfiguration settings;
        try
        {
            settings = CommandDatabase.Settings(arguments.ConfigurationArgs);
        }
        catch (Exception e) when (StartupFailure.Describe(e) is { } message)
        {
            await error.WriteLineAsync($"ledger: invalid configuration: {message}");
            return BadArguments;
        }

        var pins = new List<LedgerPin>(arguments.Heads.Select(h => new LedgerPin(h, null, $"--head {h}")));
        if (arguments.Checkpoints.Count > 0)
        {
            var key = settings[$"{LedgerOptions.SectionName}:{nameof(LedgerOptions.CheckpointKey)}"];
            if (string.IsNullOrEmpty(key))
            {
                await error.WriteLineAsync($"ledger: --checkpoint needs the key the service signs with: set {LedgerOptions.SectionName}:CheckpointKey "
                    + "(SecBot__Ledger__CheckpointKey) as the service has it");
                return BadArguments;
            }

            foreach (var line in arguments.Checkpoints)
            {
                var (checkpoint, forged) = LedgerCheckpoint.Read(line, key);
                if (checkpoint is null)
                {
                    await error.WriteLineAsync($"ledger verification FAILED: checkpoint not accepted: {forged}: {line}");
                    return Failed;
                }

                pins.Add(LedgerPin.Of(checkpoint));
            }
        }

        if (arguments.ExportFile is { } exportFile) return await VerifyExportAsync(exportFile, pins, output, error);

        DatabaseOptions options;
        try
        {
            options = CommandDatabase.DatabaseOptionsFrom(settings);
        }
        catch (Exception e) when (StartupFailure.Describe(e) is { } message)
        {
            await error.WriteLineAsync($"ledger: invalid configuration: {message}");
            return BadArguments;
        }

        if (options.Provider == DatabaseProvider.Sqlite && !File.Exists(options.Path))
        {
            await error.WriteLineAsync($"ledger: there is no SecBot database at {options.Path} (SecBot:Database:Path)");
            return Failed;
        }

        var database = CommandDatabase.Open(options);
        try
        {
            var readiness = await database.PingAsync(cancellationToken);
            if (!readiness.IsReady)
            {
                await error.WriteLineAsync($"ledger: the database at {database.Location} cannot be read as this build's schema: {readiness.Problem}. "
                    + "Start the service once to upgrade it.");
                return Failed;
            }

            await using var connection = await database.OpenAsync(cancellationToken);
            if (arguments.Verb == LedgerArguments.Export) return await ExportAsync(connection, arguments, output, cancellationToken);

            var verification = await LedgerVerifier.VerifyAsync(connection, pins, cancellationToken);
            return await ReportAsync(verification, "ledger verified", database.Location, "the database disagrees with it", output, error);
        }
        catch (Exception e) when (e is SqliteException or NpgsqlException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"ledger: {e.Message}");
            return Failed;
        }
        finally
        {
            await CommandDatabase.ReleaseAsync(database);
        }
    }

    private static async Task<int> VerifyExportAsync(string exportFile, IReadOnlyCollection<LedgerPin> pins, TextWriter output, TextWriter error)
    {
        var path = Path.GetFullPath(exportFile);
        LedgerVerification verification;
        try
        {
            using var reader = new StreamReader(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            verification = LedgerExportVerifier.Verify(reader, pins);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"ledger: cannot read {path}: {e.Message}");
            return Failed;
        }
        catch (FormatException e)
        {
            await error.WriteLineAsync($"ledger verification FAILED: {path} is not a ledger export as `ledger export` writes it: {e.Message}");
            return Failed;
        }

        if (verification.IsIntact && verification.FirstId > 1 && verification.RecordsVerified > 0)
        {
            await output.WriteLineAsync($"the export starts at record {verification.FirstId}: its link to record {verification.FirstId - 1} is taken as given");
        }

        return await ReportAsync(verification, "export verified", path, "", output, error);
    }

    private static async Task<int> ReportAsync(
        LedgerVerification verification, string verified, string source, string disagreement, TextWriter output, TextWriter error)
    {
        if (verification.IsIntact)
        {
            var head = verification.HeadHash is { } hash ? $"; last record {verification.LastId}, hash {hash}" : "";
            await output.WriteLineAsync($"{verified}: {ReadableTime.Count(verification.RecordsVerified, "record")} intact{head}");
            foreach (var pin in verification.Confirmed) await output.WriteLineAsync($"pinned: {pin}");
            return Ok;
        }

        if (verification.Fault is { } fault)
        {
            await error.WriteLineAsync($"ledger verification FAILED at {fault}");
            await error.WriteLineAsync(fault.BreaksChain
                ? $"{ReadableTime.Count(verification.RecordsVerified, "record")} before it verified; {source}"
                : $"the hash chain of {ReadableTime.Count(verification.RecordsVerified, "record")} is intact, but {disagreement}; {source}");
        }

        foreach (var problem in verification.Problems) await error.WriteLineAsync($"ledger verification FAILED: {problem}");
        if (verification.Fault is null) await error.WriteLineAsync($"the hash chain of {ReadableTime.Count(verification.RecordsVerified, "record")} is intact; {source}");
        return Failed;
    }

    private static async Task<int> ExportAsync(System.Data.Common.DbConnection connection, LedgerArguments arguments, TextWriter output, CancellationToken cancellationToken)
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

        await output.WriteLineAsync($"exported {ReadableTime.Count(count, "record")} to {path}");
        return Ok;
    }
}
