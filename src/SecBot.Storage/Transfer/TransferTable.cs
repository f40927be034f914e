namespace SecBot.Storage.Transfer;

/// <summary>
/// One table to copy, as the SQLite file defines it: its columns in order, its primary key (the order rows are copied
/// in: the ledger must arrive record by record, as its guards check), the tables its foreign keys name, and the
/// highest id SQLite ever handed out for it (<c>sqlite_sequence</c>; null when the table has none), which may be
/// above the highest id still in the table when rows were deleted.
/// </summary>
public sealed record TransferTable(
    string Name, IReadOnlyList<string> Columns, IReadOnlyList<string> PrimaryKey, IReadOnlyList<string> References, long? SqliteSequence);
