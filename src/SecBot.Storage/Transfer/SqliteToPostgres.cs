using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;
using SecBot.Domain;
using SecBot.Storage.Database;
using SecBot.Storage.Ledger;
using SecBot.Storage.Migrations;

namespace SecBot.Storage.Transfer;

/// <summary>
/// Moves a SQLite installation's whole history into an empty PostgreSQL database, ledger chain intact:
/// <list type="number">
/// <item>the SQLite file, opened read-only, must be a SecBot database at this build's schema version, and its ledger
/// must verify (<see cref="LedgerVerifier"/>: chain, guards, gates, stale flags);</item>
/// <item>the target must be reachable and hold no SecBot data (never merged into, never overwritten); it is then
/// migrated to this build's PostgreSQL schema;</item>
/// <item>in ONE PostgreSQL transaction: every table the SQLite schema has (not a list written here), each after the
/// tables its foreign keys name, is copied column by column with a binary COPY from one SQLite read snapshot; every
/// identity is moved past the copied ids; the row counts of both sides are compared and the copied ledger is walked.
/// Anything wrong rolls the whole copy back. The ledger's guard triggers stay enabled throughout: they allow appending
/// history in order, and a refusal from one stops the copy with its message;</item>
/// <item>after the commit the ledger is verified on PostgreSQL and its head compared with SQLite's.</item>
/// </list>
/// </summary>
public sealed class SqliteToPostgres(TimeProvider timeProvider, ILoggerFactory loggerFactory)
{
    /// <summary>Why <paramref name="connectionString"/> cannot name a target (null when it can): Npgsql's keywords, with a Host and a Database.</summary>
    public static string? ConnectionStringProblem(string? connectionString) => PostgresTarget.Parse(connectionString).Problem;

    /// <summary>Copies <paramref name="sqlitePath"/> into the database <paramref name="postgresConnectionString"/> names.</summary>
    /// <exception cref="TransferRefusedException">Why it would not copy, or why the copy was rolled back.</exception>
    public async Task<TransferSummary> RunAsync(string sqlitePath, string postgresConnectionString, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sqlitePath);
        var (builder, problem) = PostgresTarget.Parse(postgresConnectionString);
        if (builder is null) throw new TransferRefusedException($"--to: {problem}");
        var source = Path.GetFullPath(sqlitePath);
        var target = PostgresDatabase.LocationOf(builder);

        await using var sqlite = await SqliteSource.OpenAsync(source, cancellationToken);
        var before = await VerifySourceLedgerAsync(sqlite, source, cancellationToken);

        await using var database = new PostgresDatabase(
            new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = builder.ConnectionString },
            loggerFactory.CreateLogger<PostgresDatabase>());
        await using var postgres = await ConnectAsync(database, target, cancellationToken);

        List<TableCopy> copies;
        try
        {
            await using var snapshot = sqlite.BeginTransaction(deferred: true);
            var tables = await SqliteSource.TablesAsync(sqlite, snapshot, cancellationToken);
            await RefuseOccupiedAsync(postgres, null, tables, target, cancellationToken);
            await MigrateAsync(database, target, cancellationToken);
            copies = await CopyAsync(sqlite, snapshot, postgres, tables, before, target, cancellationToken);
        }
        catch (SqliteException e)
        {
            throw new TransferRefusedException($"reading {source} failed: {e.Message}; nothing was committed to {target}", e);
        }
        catch (PostgresException e)
        {
            throw new TransferRefusedException($"PostgreSQL at {target} refused: {e.MessageText}; nothing was committed", e);
        }
        catch (NpgsqlException e)
        {
            throw new TransferRefusedException($"the connection to {target} failed during the copy: {e.Message}; nothing was committed", e);
        }

        LedgerHead after;
        try
        {
            after = await VerifyTargetLedgerAsync(postgres, before, target, cancellationToken);
        }
        catch (NpgsqlException e)
        {
            throw new TransferRefusedException(
                $"the copy was committed to {target}, but the ledger could not be verified there after it: {e.Message}. "
                + "Verify it before starting the service on that database",
                e)
            { TargetChanged = true };
        }
        return new TransferSummary(source, target, copies, before, after);
    }

    private static async Task<LedgerHead> VerifySourceLedgerAsync(SqliteConnection sqlite, string source, CancellationToken cancellationToken)
    {
        LedgerVerification verification;
        try
        {
            verification = await LedgerVerifier.VerifyAsync(sqlite, cancellationToken);
        }
        catch (SqliteException e)
        {
            throw new TransferRefusedException($"the sign-off ledger in {source} cannot be read: {e.Message}", e);
        }

        if (!verification.IsIntact)
        {
            throw new TransferRefusedException(
                $"the sign-off ledger in {source} does not verify, so it is not copied: {Describe(verification)}. "
                + $"Run `ledger verify --SecBot:Database:Path={source}` for the details; a broken chain is evidence to keep, not to carry over as if intact");
        }

        return new LedgerHead(verification.RecordsVerified, verification.LastId, verification.HeadHash);
    }

    private static async Task<NpgsqlConnection> ConnectAsync(PostgresDatabase database, string target, CancellationToken cancellationToken)
    {
        try
        {
            return await database.OpenConnectionAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new TransferRefusedException($"--to: cannot connect to PostgreSQL at {target}: {e.Message}", e);
        }
    }

    private static async Task RefuseOccupiedAsync(
        NpgsqlConnection postgres, NpgsqlTransaction? transaction, IReadOnlyList<TransferTable> tables, string target, CancellationToken cancellationToken)
    {
        var occupied = await PostgresTarget.OccupiedAsync(postgres, transaction, tables.Select(t => t.Name), cancellationToken);
        if (occupied.Count == 0) return;
        throw new TransferRefusedException(
            $"--to {target} already holds SecBot data ({string.Join(", ", occupied.Select(o => $"{o.Table}: {ReadableTime.Count(o.Rows, "row")}"))}); "
            + "migrate-to-postgres never merges into or overwrites a database: point --to at a new, empty database");
    }

    private async Task MigrateAsync(PostgresDatabase database, string target, CancellationToken cancellationToken)
    {
        var runner = new MigrationRunner(database, timeProvider, loggerFactory.CreateLogger<MigrationRunner>());
        try
        {
            await runner.ApplyAsync(cancellationToken: cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            throw new TransferRefusedException($"--to {target}: {e.Message}", e);
        }
        catch (PostgresException e)
        {
            throw new TransferRefusedException(
                $"--to {target}: this build's PostgreSQL schema cannot be created there: {e.MessageText}; point --to at a new, empty database", e);
        }
    }

    private static async Task<List<TableCopy>> CopyAsync(
        SqliteConnection sqlite,
        SqliteTransaction snapshot,
        NpgsqlConnection postgres,
        IReadOnlyList<TransferTable> tables,
        LedgerHead before,
        string target,
        CancellationToken cancellationToken)
    {
        await using var transaction = await postgres.BeginTransactionAsync(cancellationToken);
        await PostgresTarget.LockAsync(postgres, transaction, tables.Select(t => t.Name), cancellationToken);
        // Checked again under the lock: nothing can have slipped in between the first look and the copy.
        await RefuseOccupiedAsync(postgres, transaction, tables, target, cancellationToken);
        var shapes = await PostgresTarget.ColumnsAsync(postgres, transaction, cancellationToken);

        var copies = new List<TableCopy>(tables.Count);
        foreach (var table in tables)
        {
            var types = TypesFor(table, shapes, target);
            var sourceRows = await SqliteSource.CountAsync(sqlite, snapshot, table.Name, cancellationToken);
            ulong written;
            await using (var select = SqliteSource.SelectAll(sqlite, snapshot, table))
            await using (var rows = await select.ExecuteReaderAsync(cancellationToken))
            {
                try
                {
                    written = await PostgresTarget.CopyAsync(postgres, table, types, rows, cancellationToken);
                }
                catch (PostgresException e)
                {
                    throw Refused(table, e, target);
                }
            }

            var nextId = await PostgresTarget.MovePastCopiedIdsAsync(postgres, transaction, table, cancellationToken);
            var targetRows = await PostgresTarget.CountAsync(postgres, transaction, table.Name, cancellationToken);
            if (targetRows != sourceRows || (long)written != sourceRows)
            {
                throw new TransferRefusedException(
                    $"{table.Name}: {sourceRows} rows in SQLite, {written} copied, {targetRows} in PostgreSQL; the copy was rolled back and nothing was committed to {target}");
            }

            copies.Add(new TableCopy(table.Name, sourceRows, targetRows, nextId));
        }

        var (head, fault) = await PostgresTarget.WalkLedgerAsync(postgres, transaction, cancellationToken);
        if (fault is not null || head != before)
        {
            throw new TransferRefusedException(
                $"the copied ledger is not the verified one (SQLite: {Describe(before)}; PostgreSQL: {Describe(head)}{(fault is null ? "" : $", first bad record {fault}")}): "
                + $"was the service still writing to the SQLite file? Stop it and run again. The copy was rolled back and nothing was committed to {target}");
        }

        await transaction.CommitAsync(cancellationToken);
        return copies;
    }

    private static List<string> TypesFor(TransferTable table, Dictionary<string, List<(string Column, string Type)>> shapes, string target)
    {
        if (!shapes.TryGetValue(table.Name, out var shape))
        {
            throw new TransferRefusedException($"this build's PostgreSQL schema has no table {table.Name}, which the SQLite file has; nothing was committed to {target}");
        }

        if (!shape.Select(c => c.Column).SequenceEqual(table.Columns, StringComparer.Ordinal))
        {
            throw new TransferRefusedException(
                $"{table.Name} has the columns ({string.Join(", ", table.Columns)}) in SQLite but ({string.Join(", ", shape.Select(c => c.Column))}) in PostgreSQL; "
                + $"the schemas must match column for column; nothing was committed to {target}");
        }

        return [.. shape.Select(c => c.Type)];
    }

    private static TransferRefusedException Refused(TransferTable table, PostgresException e, string target)
    {
        var where = string.IsNullOrEmpty(e.Where) ? "" : $" ({e.Where.ReplaceLineEndings(" ")})";
        if (table.Name == "signoffs" && e.SqlState == PostgresErrorCodes.RaiseException)
        {
            return new TransferRefusedException(
                $"PostgreSQL's ledger guard refused the copied history: {e.MessageText}{where}. The guards stay enabled and the ledger is never copied "
                + $"around them: the copy was rolled back and nothing was committed to {target}. The SQLite ledger verified, so its records were "
                + "in order: was something else writing to the target's signoffs?",
                e);
        }

        return new TransferRefusedException(
            $"PostgreSQL refused the rows of {table.Name}: {e.MessageText}{where}; the copy was rolled back and nothing was committed to {target}", e);
    }

    private static async Task<LedgerHead> VerifyTargetLedgerAsync(NpgsqlConnection postgres, LedgerHead before, string target, CancellationToken cancellationToken)
    {
        var verification = await LedgerVerifier.VerifyAsync(postgres, cancellationToken);
        var after = new LedgerHead(verification.RecordsVerified, verification.LastId, verification.HeadHash);
        if (!verification.IsIntact || after != before)
        {
            throw new TransferRefusedException(
                $"the copy was committed to {target}, but its ledger does not verify there as it did in SQLite (SQLite: {Describe(before)}; "
                + $"PostgreSQL: {Describe(verification)}). Do not start the service on it: drop that database and run again")
            { TargetChanged = true };
        }

        return after;
    }

    private static string Describe(LedgerHead head) =>
        head.Hash is null ? "no records" : $"{head.Records} records, last record {head.LastId}, hash {head.Hash}";

    private static string Describe(LedgerVerification verification)
    {
        var parts = new List<string>();
        if (verification.Fault is { } fault) parts.Add($"first bad record {fault}");
        parts.AddRange(verification.Problems);
        if (parts.Count == 0) parts.Add($"{verification.RecordsVerified} records, last record {verification.LastId}, hash {verification.HeadHash}");
        return string.Join("; ", parts);
    }
}
