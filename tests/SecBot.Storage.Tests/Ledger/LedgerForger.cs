using Microsoft.Data.Sqlite;
using SecBot.Storage.Ledger;

namespace SecBot.Storage.Tests.Ledger;

/// <summary>
/// What whoever holds the database file can do to an unkeyed chain: drop the guard triggers, edit a record, recompute
/// every hash and link from it on, and put the triggers back exactly as they were. Afterwards the chain and the guards
/// verify; only a head kept outside the database (a checkpoint) shows the rewrite.
/// </summary>
internal static class LedgerForger
{
    public static async Task RewriteAsync(string connectionString, long id, string assignment)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        var triggers = new List<(string Name, string Sql)>();
        await using (var read = Command(connection, transaction, "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'signoffs'"))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) triggers.Add((reader.GetString(0), reader.GetString(1)));
        }

        foreach (var (name, _) in triggers) await ExecuteAsync(connection, transaction, $"DROP TRIGGER {name}");
        await ExecuteAsync(connection, transaction, $"UPDATE signoffs SET {assignment} WHERE id = {id}");

        var records = new List<LedgerRecord>();
        await using (var read = Command(connection, transaction,
            "SELECT id, gate_id, revision, stage, seat, kind, person_id, person_name, role_held, decision, comment, checklist, platform, " +
            $"is_override, optional_seat, at, prev_hash FROM signoffs WHERE id >= {id - 1} ORDER BY id"))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                records.Add(new LedgerRecord
                {
                    Id = reader.GetInt64(0), GateId = reader.GetInt64(1), Revision = reader.GetInt32(2), Stage = reader.GetInt32(3), Seat = reader.GetString(4),
                    Kind = reader.GetString(5), PersonId = reader.GetString(6), PersonName = reader.IsDBNull(7) ? null : reader.GetString(7),
                    RoleHeld = reader.GetString(8), Decision = reader.GetString(9), Comment = reader.IsDBNull(10) ? null : reader.GetString(10),
                    Checklist = reader.IsDBNull(11) ? null : reader.GetString(11), Platform = reader.GetString(12), IsOverride = reader.GetInt64(13) != 0,
                    OptionalSeat = reader.GetInt64(14) != 0, At = reader.GetInt64(15), PrevHash = reader.IsDBNull(16) ? null : reader.GetString(16),
                });
            }
        }

        using var hasher = new LedgerHasher();
        string? previous = null;
        foreach (var record in records)
        {
            if (record.Id < id)
            {
                previous = hasher.Compute(record);
                continue;
            }

            var hash = hasher.Compute(record with { PrevHash = previous });
            await using (var update = Command(connection, transaction, "UPDATE signoffs SET prev_hash = $prev, hash = $hash WHERE id = $id"))
            {
                update.Parameters.AddWithValue("$prev", (object?)previous ?? DBNull.Value);
                update.Parameters.AddWithValue("$hash", hash);
                update.Parameters.AddWithValue("$id", record.Id);
                await update.ExecuteNonQueryAsync();
            }

            previous = hash;
        }

        foreach (var (_, sql) in triggers) await ExecuteAsync(connection, transaction, sql);
        await transaction.CommitAsync();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        await using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync();
    }
}
