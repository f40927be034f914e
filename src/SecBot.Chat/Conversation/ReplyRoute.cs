namespace SecBot.Chat.Conversation;

/// <summary>
/// Where an answer goes, decided once for every platform; each adapter only renders the decision (Slack: chat.update or
/// the interaction's response_url for <see cref="UpdateOriginal"/>, chat.postMessage for <see cref="Public"/>,
/// chat.postEphemeral, or a plain message in a DM, for <see cref="Private"/>).
/// </summary>
public enum ReplyRoute
{
    /// <summary>Replace the message the pressed button was on.</summary>
    UpdateOriginal,

    /// <summary>Post where the request came from, for everyone there.</summary>
    Public,

    /// <summary>Answer the caller only.</summary>
    Private,
}

/// <summary>The routing policy: which <see cref="ReplyRoute"/> an answer takes.</summary>
public static class ReplyRouting
{
    /// <summary>The answer to a button press: its message updated in place when the command asks for it with a card, else as any answer.</summary>
    public static ReplyRoute AfterButton(ChatReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return reply.UpdatesOriginal && reply.Card is not null ? ReplyRoute.UpdateOriginal : For(reply);
    }

    /// <summary>Any other answer: public when the command made it public and it is not a refusal; else private.</summary>
    public static ReplyRoute For(ChatReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return reply.Visibility == ReplyVisibility.Public && !reply.IsRefusal ? ReplyRoute.Public : ReplyRoute.Private;
    }
}
