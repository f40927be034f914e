namespace SecBot.Storage.Slack;

/// <summary>
/// Idempotency keys of Slack's inbound traffic (<c>slack.event</c> event ids, <c>slack.action</c>, <c>slack.view</c>),
/// with compensation. A key is recorded before its command runs (the command commits in transactions of its own), so
/// when the command fails the key must go again: otherwise Slack's retry of that delivery would be taken for a
/// duplicate and the event lost.
/// </summary>
public sealed class SlackInboundKeys
{
    private readonly IStore _store;

    public SlackInboundKeys(IStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>True the first time (source, key) is seen, false on every repeat.</summary>
    public Task<bool> TryRecordAsync(string source, string key, CancellationToken cancellationToken) =>
        _store.WriteAsync(transaction => transaction.TryRecordInboundKeyAsync(source, key), cancellationToken);

    /// <summary>Forgets (source, key) after its handling failed, so a redelivery is processed; false when it was not recorded.</summary>
    public Task<bool> ForgetAsync(string source, string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return _store.WriteAsync(
            async transaction => await transaction.ExecuteAsync(
                "DELETE FROM inbound_keys WHERE source = @Source AND key = @Key",
                new { Source = source, Key = key }) == 1,
            cancellationToken);
    }
}
