using SecBot.Chat.Cards;

namespace SecBot.Slack.Rendering;

/// <summary>
/// What a SecBot modal remembers in <c>private_metadata</c> (at most 3000 characters, slack-protocol.md §7) so its
/// <c>view_submission</c> can finish the job: the button or form it stands for, the inputs it shows, and the
/// message (channel + ts) to update or the channel to answer in.
/// </summary>
public sealed record ModalState(string Kind, string Name)
{
    /// <summary>A button that asked for inputs; <see cref="Name"/> is the card action id.</summary>
    public const string ButtonKind = "button";

    /// <summary>A form such as <c>declare</c>; <see cref="Name"/> is the form kind.</summary>
    public const string FormKind = "form";

    public string? Value { get; init; }
    public string? Channel { get; init; }
    public string? MessageTs { get; init; }
    public IReadOnlyList<CardInput> Inputs { get; init; } = [];
}
