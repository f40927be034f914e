using SecBot.Chat.Parsing;

namespace SecBot.Chat.Conversation;

/// <summary>
/// What arrived from a chat platform, after the adapter verified and parsed it: who sent it, where,
/// and either typed text or a button press, with the people it mentions.
/// </summary>
public sealed record ChatRequest(ChatIdentity From, ChatPlace Place, ChatInput Input)
{
    /// <summary>The people the text mentions, with their ids on <see cref="ChatIdentity.Platform"/> as the adapter read them from the platform's data.</summary>
    public IReadOnlyList<ChatMention> Mentions { get; init; } = [];

    /// <summary>
    /// The adapter's way to queue the answer to a button (the update of the message it was on, or a private reply)
    /// inside the command's own transaction, so the change and its answer commit together or not at all. Without one,
    /// the answer is only returned.
    /// </summary>
    public ReplyWriter? WriteReply { get; init; }
}

/// <summary>The sender as the platform knows them; the roster decides who that is.</summary>
public sealed record ChatIdentity(string Platform, string UserId, string? DisplayName = null);

/// <summary>Where the request came from: a channel (and thread), or a direct conversation.</summary>
public sealed record ChatPlace(string? ChannelId, string? ThreadId, bool IsDirect)
{
    /// <summary>The platform whose channel <see cref="ChannelId"/> is (<c>slack</c>, <c>teams</c>): channel ids are only unique within one.</summary>
    public string? Platform { get; init; }

    public static ChatPlace Direct(string? channelId = null) => new(channelId, null, true);
}

public abstract record ChatInput;

/// <summary>A command typed as text (<c>/secbot …</c>, an @mention, a DM).</summary>
public sealed record TextInput(string Text) : ChatInput;

/// <summary>A button press: the button's action id and value, plus the inputs it asked for.</summary>
public sealed record ButtonInput(string ActionId, string Value, IReadOnlyDictionary<string, string> Inputs) : ChatInput
{
    /// <summary>The message the button was on, when the platform says: the press's answer updates it, other copies are refreshed.</summary>
    public Delivery.MessageRef? Pressed { get; init; }

    /// <summary>An input as the command takes it: cleaned exactly as typed text is (<see cref="InboundText.Clean"/>), trimmed; null when blank.</summary>
    public string? InputOrNull(string id) =>
        Inputs.TryGetValue(id, out var value) && InboundText.Clean(value ?? "").Trim() is { Length: > 0 } text ? text : null;
}
