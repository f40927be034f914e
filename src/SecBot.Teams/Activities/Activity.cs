using System.Text.Json;

namespace SecBot.Teams.Activities;

/// <summary>
/// A Bot Framework activity as Teams posts it to <c>/api/messages</c> (teams-protocol.md §5, §6): only the members SecBot
/// reads. Everything but <see cref="Type"/> is optional, because each activity type carries a different subset.
/// </summary>
public sealed record Activity
{
    public required string Type { get; init; }
    public string? Id { get; init; }
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>The Bot Connector base to answer through; bound to the token's <c>serviceurl</c> claim (§1).</summary>
    public string? ServiceUrl { get; init; }
    public string? ChannelId { get; init; }
    public ChannelAccount? From { get; init; }

    /// <summary>The bot itself (<c>28:&lt;appId&gt;</c>).</summary>
    public ChannelAccount? Recipient { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public string? Text { get; init; }
    public string? TextFormat { get; init; }

    /// <summary>A card action's payload: the invoke's <c>{action, trigger}</c>, or a legacy <c>Action.Submit</c>'s data merged with its inputs.</summary>
    public JsonElement? Value { get; init; }

    /// <summary>The invoke's name (<c>adaptiveCard/action</c>).</summary>
    public string? Name { get; init; }

    /// <summary>For a card action: the id of the message holding the card (§5, §6).</summary>
    public string? ReplyToId { get; init; }
    public IReadOnlyList<ActivityEntity>? Entities { get; init; }
    public TeamsChannelData? ChannelData { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersRemoved { get; init; }
    public IReadOnlyList<ActivityAttachment>? Attachments { get; init; }
}
