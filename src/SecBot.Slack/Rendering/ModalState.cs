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

    /// <summary>The button's message is ephemeral: it is answered through <see cref="ResponseUrl"/>, never chat.update.</summary>
    public bool IsEphemeral { get; init; }

    /// <summary>The <c>response_url</c> of the press that opened the modal, for an ephemeral message.</summary>
    public string? ResponseUrl { get; init; }
    public IReadOnlyList<CardInput> Inputs { get; init; } = [];

    /// <summary>
    /// Whether what came back from Slack (private_metadata, a button value) has every member the code relies on:
    /// JSON can carry <c>null</c> where the records declare none, and a null there must be a bad request, not a crash.
    /// </summary>
    internal bool IsWellFormed =>
        !string.IsNullOrWhiteSpace(Kind) && !string.IsNullOrWhiteSpace(Name) && AreWellFormed(Inputs);

    internal static bool AreWellFormed(IReadOnlyList<CardInput>? inputs) =>
        inputs is not null
        && inputs.All(i => i is not null && !string.IsNullOrWhiteSpace(i.Id) && i.Label is not null && i.Options is not null && i.Options.All(o => o is not null));
}
