using SecBot.Chat.Delivery;
using SecBot.Chat.OnCall;
using SecBot.Domain.Roster;

namespace SecBot.Slack.Delivery;

/// <summary>Slack reaches whoever has a Slack user id in the roster, one learned from their e-mail, or an e-mail to look one up by.</summary>
internal sealed class SlackReach(LearnedIdentities learned) : IPlatformReach
{
    public string Platform => SlackOutboxKinds.Platform;

    public string? WhyUnreachable(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return string.IsNullOrWhiteSpace(person.SlackUserId) && string.IsNullOrWhiteSpace(person.Email) && learned.UserIdFor(Platform, person) is null
            ? "the roster has neither a Slack user id nor an e-mail for them"
            : null;
    }
}
