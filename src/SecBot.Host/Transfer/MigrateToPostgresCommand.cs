using Microsoft.Extensions.Logging.Abstractions;
using SecBot.Domain;
using SecBot.Storage.Transfer;
using SecBot.Host.Commands;

namespace SecBot.Host.Transfer;

/// <summary>
/// <c>migrate-to-postgres --from FILE --to CONNECTION_STRING</c>: moves a SQLite installation's whole history into an
/// empty PostgreSQL database (<see cref="SqliteToPostgres"/>), and prints what it copied and the ledger's head on both
/// sides. The SQLite file is only read.
/// Exit codes: 0 copied and verified, 1 refused or failed (the message says why, and whether the target was changed),
/// 2 bad arguments.
/// </summary>
public static class MigrateToPostgresCommand
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadArguments = 2;

    public const string ShortUsage = "usage: SecBot.Host migrate-to-postgres --from FILE --to CONNECTION_STRING (--help for more)";

    public const string Usage =
        """
        usage: SecBot.Host migrate-to-postgres --from FILE --to CONNECTION_STRING
          Copies a SecBot SQLite database, its whole history, into an empty PostgreSQL database, in one
          transaction, and checks the copy: every table's row count on both sides, and the sign-off
          ledger verified before (SQLite) and after (PostgreSQL) with the same head hash.
            --from FILE               the SQLite file (the service's SecBot:Database:Path, e.g.
                                      data/secbot.db); opened read-only. It must be at this build's
                                      schema version (start this build's service on it once if not)
                                      and its ledger must verify. Stop the service first.
            --to CONNECTION_STRING    the PostgreSQL database, in Npgsql's keywords, e.g.
                                      "Host=db;Port=5432;Database=secbot;Username=secbot;Password=..."
                                      It must hold no SecBot data: it is migrated to this build's
                                      schema and filled, never merged into or overwritten.
          Then run the service with SecBot:Database:Provider=Postgres and that connection string.
          Exit 0 copied and verified, 1 refused or failed (nothing committed unless it says so),
          2 bad arguments.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var (arguments, exit) = await CommandArguments.ReadAsync("migrate-to-postgres", Usage, args, MigrateToPostgresArguments.Parse, output, error);
        if (arguments is null) return exit;

        TransferSummary summary;
        try
        {
            summary = await new SqliteToPostgres(TimeProvider.System, NullLoggerFactory.Instance).RunAsync(arguments.From, arguments.To, cancellationToken);
        }
        catch (TransferRefusedException e)
        {
            await error.WriteLineAsync($"migrate-to-postgres: {e.Message}");
            if (!e.TargetChanged) await error.WriteLineAsync("no rows were committed to the target; the SQLite file is unchanged");
            await error.WriteLineAsync(ShortUsage);
            return Failed;
        }

        await WriteSummaryAsync(summary, output);
        return Ok;
    }

    private static async Task WriteSummaryAsync(TransferSummary summary, TextWriter output)
    {
        await output.WriteLineAsync($"copied {summary.Source} to {summary.Target} in one transaction:");
        var width = summary.Tables.Max(t => (int?)t.Name.Length) ?? 0;
        foreach (var table in summary.Tables)
        {
            var next = table.NextId is { } id ? $" (next id {id})" : "";
            await output.WriteLineAsync($"  {table.Name.PadRight(width)}  {ReadableTime.Count(table.TargetRows, "row")}{next}");
        }

        await output.WriteLineAsync(
            $"{ReadableTime.Count(summary.Tables.Count, "table")}, {ReadableTime.Count(summary.TotalRows, "row")}: every table has as many rows in PostgreSQL as in SQLite");
        await output.WriteLineAsync($"ledger before (SQLite):     {Describe(summary.LedgerBefore)}");
        await output.WriteLineAsync($"ledger after (PostgreSQL):  {Describe(summary.LedgerAfter)}");
        await output.WriteLineAsync(
            "Run the service on it with SecBot:Database:Provider=Postgres and SecBot:Database:ConnectionString set to the --to connection string; "
            + "keep the SQLite file as it is, unchanged, until you no longer need it.");
    }

    private static string Describe(LedgerHead head) =>
        head.Hash is null
            ? "verified, no records"
            : $"{ReadableTime.Count(head.Records, "record")} intact; last record {head.LastId}, hash {head.Hash}";
}
