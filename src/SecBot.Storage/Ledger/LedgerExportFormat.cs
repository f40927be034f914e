namespace SecBot.Storage.Ledger;

public enum LedgerExportFormat
{
    /// <summary>RFC 4180: a header line, CRLF line ends, fields quoted when they hold a comma, quote, CR or LF.</summary>
    Csv,

    /// <summary>One JSON object per line (LF), UTF-8.</summary>
    Jsonl,
}
