using SecBot.Chat.Cards;

namespace SecBot.Slack.Rendering;

/// <summary>
/// A button that asks for inputs before it acts (<see cref="CardButton.Asks"/>): clicking it opens a modal, and
/// the submission carries the inputs. Travels in the button's <c>value</c> (at most 2000 characters, §7).
/// </summary>
public sealed record ButtonForm(string Value, IReadOnlyList<CardInput> Asks)
{
    /// <summary>The button's label, for the modal's title.</summary>
    public string? Label { get; init; }

    /// <summary>The modal's title as people read it (<see cref="CardButton.FormTitle"/>, e.g. <c>Approve REV-7</c>).</summary>
    public string? Title { get; init; }
}
