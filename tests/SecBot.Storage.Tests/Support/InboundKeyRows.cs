namespace SecBot.Storage.Tests.Support;

/// <summary>
/// A plain write for store tests: one settled <c>inbound_keys</c> row, false when (source, key) is already there.
/// Production records keys only through <see cref="Inbound.InboundKeys"/> (claim, then settle with the change).
/// </summary>
internal static class InboundKeyRows
{
    public static async Task<bool> TryRecordInboundKeyAsync(this StoreTransaction transaction, string source, string key) =>
        await transaction.ExecuteAsync(
            """
            INSERT INTO inbound_keys (source, key, received_at, settled_at) VALUES (@Source, @Key, @Now, @Now)
            ON CONFLICT (source, key) DO NOTHING
            """,
            new { Source = source, Key = key, transaction.Now }) == 1;
}
