using SecBot.Chat.Cards;

namespace SecBot.Chat.Conversation;

/// <summary>
/// The immediate answer to a request. Private replies are seen by the caller only (errors, personal
/// answers); public ones go to the channel (declarations). Messages to other people go through the outbox.
/// </summary>
public sealed record ChatReply(ReplyVisibility Visibility, string Text, Card? Card = null)
{
    /// <summary>For a button press: replace the message the button was on with <see cref="Card"/>.</summary>
    public bool UpdatesOriginal { get; init; }

    /// <summary>True when nothing changed because the request was refused (bad input, not allowed, stale button).</summary>
    public bool IsRefusal { get; init; }

    /// <summary>
    /// The answer was already queued in the outbox by the request's <see cref="ChatRequest.WriteReply"/>, in the same
    /// transaction as the change it answers: the adapter must not send it again.
    /// </summary>
    public bool IsQueued { get; init; }

    /// <summary>
    /// The command's change is committed (set by the command once its write transaction holds the change): a delivery
    /// whose handling fails after this keeps its idempotency key, and one without it changed nothing.
    /// </summary>
    public bool Committed { get; init; }

    /// <summary>The chat form wants a form opened instead of a text answer (<c>declare</c> with no arguments).</summary>
    public FormRequest? OpensForm { get; init; }

    public static ChatReply Private(string text, Card? card = null) => new(ReplyVisibility.Private, text, card);

    public static ChatReply Public(string text, Card? card = null) => new(ReplyVisibility.Public, text, card);

    public static ChatReply Refusal(string problem, string? usage = null) =>
        new(ReplyVisibility.Private, usage is null ? problem : $"{problem}\nUsage: {usage}") { IsRefusal = true };
}

public enum ReplyVisibility
{
    Private,
    Public,
}

/// <summary>A form to open: its kind, and the inputs it shows.</summary>
public sealed record FormRequest(string Kind, string Title, IReadOnlyList<CardInput> Inputs);
