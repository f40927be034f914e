using Microsoft.Data.Sqlite;

namespace SecBot.Storage.Ledger;

/// <summary>
/// Walks the sign-off ledger in id order, streaming it through one data reader and one reused
/// <see cref="LedgerHasher"/>, and stops at the first bad record: a missing id (the sequence must run 1, 2, 3...),
/// a prev_hash that is not the previous record's hash, or a hash that is not the hash of the record's contents.
/// It reads one consistent snapshot, so it can run while the service writes.
/// </summary>
public static class LedgerVerifier
{
    internal const string Select =
        "SELECT id, gate_id, revision, stage, seat, kind, person_id, person_name, role_held, decision, comment, checklist, " +
        "platform, is_override, optional_seat, at, prev_hash, hash FROM signoffs";

    public static async Task<LedgerVerification> VerifyAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Select + " ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        using var hasher = new LedgerHasher();

        long verified = 0;
        long lastId = 0;
        string? lastHash = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            var record = Read(reader);
            var fault = Check(record, lastId, lastHash, hasher);
            if (fault is not null) return new LedgerVerification(verified, lastId, lastHash, fault);
            verified++;
            lastId = record.Id;
            lastHash = record.Hash;
        }

        return new LedgerVerification(verified, lastId, lastHash, null);
    }

    private static LedgerFault? Check(LedgerRecord record, long lastId, string? lastHash, LedgerHasher hasher)
    {
        if (record.Id != lastId + 1)
        {
            var missing = record.Id == lastId + 2 ? $"{lastId + 1}" : $"{lastId + 1} to {record.Id - 1}";
            var after = lastId == 0 ? "the ledger starts" : $"record {lastId}";
            return new LedgerFault(lastId + 1, null, LedgerFaultKind.MissingRecord,
                $"id {missing} is missing: {after} is followed by record {record.Id} ({record.GateKey})");
        }

        if (!string.Equals(record.PrevHash ?? "", lastHash ?? "", StringComparison.Ordinal))
        {
            var expected = lastHash is null ? "no prev_hash for the first record" : $"record {lastId}'s hash {lastHash}";
            return new LedgerFault(record.Id, record.GateId, LedgerFaultKind.BrokenLink,
                $"prev_hash is {Show(record.PrevHash)}, expected {expected}");
        }

        var computed = hasher.Compute(record);
        return string.Equals(computed, record.Hash, StringComparison.Ordinal)
            ? null
            : new LedgerFault(record.Id, record.GateId, LedgerFaultKind.HashMismatch,
                $"stored hash {Show(record.Hash)} is not the hash of the record's contents ({computed}): it was changed after it was written");
    }

    internal static LedgerRecord Read(SqliteDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        GateId = reader.GetInt64(1),
        Revision = reader.GetInt32(2),
        Stage = reader.GetInt32(3),
        Seat = reader.GetString(4),
        Kind = reader.GetString(5),
        PersonId = reader.GetString(6),
        PersonName = reader.IsDBNull(7) ? null : reader.GetString(7),
        RoleHeld = reader.GetString(8),
        Decision = reader.GetString(9),
        Comment = reader.IsDBNull(10) ? null : reader.GetString(10),
        Checklist = reader.IsDBNull(11) ? null : reader.GetString(11),
        Platform = reader.GetString(12),
        IsOverride = reader.GetInt64(13) != 0,
        OptionalSeat = reader.GetInt64(14) != 0,
        At = reader.GetInt64(15),
        PrevHash = reader.IsDBNull(16) ? null : reader.GetString(16),
        Hash = reader.IsDBNull(17) ? null : reader.GetString(17),
    };

    private static string Show(string? hash) => string.IsNullOrEmpty(hash) ? "(none)" : hash;
}
