using SecBot.Chat.Cards;
using SecBot.Chat.Parsing;

namespace SecBot.Chat.Conversation;

/// <summary>The form <c>declare</c> opens when typed with no arguments (Slack modal, Teams card form).</summary>
public static class DeclareForm
{
    public const string Kind = "declare";

    public static FormRequest For(CommandVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        return new FormRequest(Kind, "Declare an incident",
        [
            new CardInput("title", "Title", CardInputKind.Text, Required: true) { MaxLength = CommandLimits.TitleMaxLength, Placeholder = "What is happening?" },
            new CardInput("level", $"Level ({vocabulary.Levels.Describe()})", CardInputKind.Text, Required: false),
            new CardInput("type", $"Type ({vocabulary.IncidentTypes.Describe()})", CardInputKind.Text, Required: false),
        ]);
    }
}
