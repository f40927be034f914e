namespace SecBot.Storage.Transfer;

/// <summary>What <see cref="SqliteToPostgres"/> copied: every table in the order copied, and the ledger's head on both sides.</summary>
public sealed record TransferSummary(
    string Source,
    string Target,
    IReadOnlyList<TableCopy> Tables,
    LedgerHead LedgerBefore,
    LedgerHead LedgerAfter)
{
    public long TotalRows => Tables.Sum(t => t.TargetRows);
}

/// <summary>
/// One copied table: its rows in the SQLite file and in PostgreSQL after the copy (always equal in a summary), and for
/// a table with an identity the id PostgreSQL hands out next.
/// </summary>
public sealed record TableCopy(string Name, long SourceRows, long TargetRows, long? NextId);

/// <summary>The sign-off ledger as verified: how many records, the last record's id and its hash (null when empty).</summary>
public sealed record LedgerHead(long Records, long LastId, string? Hash);
