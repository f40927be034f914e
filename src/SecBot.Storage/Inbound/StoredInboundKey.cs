namespace SecBot.Storage.Inbound;

/// <summary>A recorded idempotency key: claimed at <see cref="ReceivedAt"/>, settled at <see cref="SettledAt"/> (null while only claimed).</summary>
public sealed record StoredInboundKey(string Source, string Key, DateTimeOffset ReceivedAt, DateTimeOffset? SettledAt)
{
    public bool IsSettled => SettledAt is not null;
}

/// <summary>The inbound_keys columns as Dapper reads them.</summary>
internal sealed class StoredInboundKeyRow
{
    public string Source { get; init; } = "";
    public string Key { get; init; } = "";
    public DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset? SettledAt { get; init; }

    public StoredInboundKey ToStoredKey() => new(Source, Key, ReceivedAt, SettledAt);
}
