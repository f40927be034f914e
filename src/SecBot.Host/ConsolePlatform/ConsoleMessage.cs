using SecBot.Chat.Cards;

namespace SecBot.Host.ConsolePlatform;

/// <summary>
/// One message delivered on the <c>console</c> platform: to whom (<see cref="SecBot.Chat.Delivery.Recipient.ChannelKey"/>,
/// <c>person:maya</c> or <c>channel:incidents</c>), what it is about, and the card as it now stands. <see cref="Id"/> never
/// changes; <see cref="Version"/> grows each time the card is replaced, so a watcher asks only for what changed.
/// </summary>
public sealed record ConsoleMessage(long Id, long Version, string Recipient, string? Subject, Card Card, DateTimeOffset DeliveredAt)
{
    /// <summary>The outbox row it was delivered from (0: not known), so a refresh leaves alone the cards queued with its change.</summary>
    public long OutboxId { get; init; }
}
