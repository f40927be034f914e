using SecBot.Chat.Cards;

namespace SecBot.Chat.Delivery;

/// <summary>
/// A message waiting in the outbox, channel-neutral: who it goes to and the card to show. The dispatcher
/// hands it to the platform adapter its outbox row names, which renders and sends it.
/// </summary>
public sealed record OutboundMessage(Recipient To, Card Card)
{
    /// <summary>What the message is about (<c>INC-12</c>, <c>REV-7</c>), so later updates can find it.</summary>
    public string? Subject { get; init; }
}

/// <summary>Where a message goes: one person's direct messages, or the incidents channel.</summary>
public sealed record Recipient(RecipientKind Kind, string Id)
{
    public const string IncidentsChannelId = "incidents";

    public static Recipient Person(string personId) => new(RecipientKind.Person, personId);

    public static Recipient IncidentsChannel { get; } = new(RecipientKind.Channel, IncidentsChannelId);

    /// <summary>The platform channel a channel recipient means: the incidents channel as the platform configures it, else its own id.</summary>
    public string ChannelOn(string configuredIncidentsChannel) => Id == IncidentsChannelId ? configuredIncidentsChannel : Id;

    /// <summary>The outbox ordering key: messages to one recipient are delivered in order.</summary>
    public string ChannelKey => $"{(Kind == RecipientKind.Person ? "person" : "channel")}:{Id}";
}

public enum RecipientKind
{
    Person,
    Channel,
}
