using SecBot.Chat.Conversation;

namespace SecBot.Teams.Cards;

/// <summary>A click on a SecBot card, read back from Teams (<see cref="TeamsActionReader"/>).</summary>
public abstract record CardSubmission;

/// <summary>A button: the same <see cref="ButtonInput"/> the chat layer gets for it from Slack, its inputs by their card ids.</summary>
public sealed record CardButtonPress(ButtonInput Button) : CardSubmission;

/// <summary>A submitted form (<c>declare</c>): its kind and values by input id.</summary>
public sealed record CardFormSubmission(string Kind, IReadOnlyDictionary<string, string> Values) : CardSubmission
{
    /// <summary>The command the form stands for (<see cref="FormCommands.CommandText"/>); null for a kind SecBot does not know.</summary>
    public string? CommandText() => FormCommands.CommandText(Kind, Values);
}
