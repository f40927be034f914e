namespace SecBot.Storage.Ledger;

/// <summary>
/// A head the ledger must still contain, noted down outside the database: <paramref name="Head"/> is a record's hash,
/// and <paramref name="RecordId"/>, when known (a checkpoint says how many records there were), the id of that record.
/// A ledger rewritten or cut back after the pin was taken no longer holds it. <paramref name="Source"/> names the pin
/// in reports (<c>--head …</c>, <c>checkpoint of …</c>).
/// </summary>
public sealed record LedgerPin(string Head, long? RecordId, string Source)
{
    public static LedgerPin Of(LedgerCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return new LedgerPin(checkpoint.Head, checkpoint.Records, $"the checkpoint of {checkpoint.AtText} ({SecBot.Domain.ReadableTime.Count(checkpoint.Records, "record")})");
    }
}
