using SecBot.Chat.Cards;

namespace SecBot.Chat.Conversation;

/// <summary>The form <c>declare</c> opens when typed with no arguments (Slack modal, Teams card form).</summary>
public static class DeclareForm
{
    public const string Kind = "declare";

    public static FormRequest Request { get; } = new(Kind, "Declare an incident",
    [
        new CardInput("title", "Title", CardInputKind.Text, Required: true) { MaxLength = 300, Placeholder = "What is happening?" },
        new CardInput("level", "Level (L1, L2, L3, EXEC)", CardInputKind.Text, Required: false),
        new CardInput("type", "Type (general, customer, aws)", CardInputKind.Text, Required: false),
    ]);
}
