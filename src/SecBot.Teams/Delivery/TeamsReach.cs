using SecBot.Chat.Delivery;
using SecBot.Domain.Roster;

namespace SecBot.Teams.Delivery;

/// <summary>
/// Teams reaches a person once it has told SecBot where they are (installation or any activity): a bot cannot start a
/// chat from an e-mail or AAD id alone (teams-protocol.md §4).
/// </summary>
internal sealed class TeamsReach(TeamsConversations conversations) : IPlatformReach
{
    public string Platform => TeamsPlatform.Name;

    public string? WhyUnreachable(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return conversations.For(person.Id) is null
            ? "SecBot has no Teams conversation with them yet (they have not installed the app or written to it)"
            : null;
    }
}
