using SecBot.Chat.Commands;
using SecBot.Chat.Conversation;
using SecBot.Domain.Roster;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Chat.OnCall;

/// <summary>
/// Finds roster people from what chat platforms send: user ids, mentions, typed names. A platform user id is matched
/// against the roster's configured ids first; only when none matches is it looked up among the ids learned from roster
/// e-mails (<see cref="LearnedIdentities"/>, in memory: identifying someone never calls the platform or the database).
/// </summary>
public sealed class PersonDirectory(RosterModel roster, LearnedIdentities learned)
{
    public Person? Identify(ChatIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return identity.Platform switch
        {
            "slack" => BySlackUserId(identity.UserId),
            "teams" => roster.PersonByTeamsUserId(identity.UserId),
            _ => roster.PersonById(identity.UserId),
        };
    }

    public Person? Find(PersonReference reference) => reference switch
    {
        SlackUserReference slack => BySlackUserId(slack.UserId),
        TeamsMentionReference teams => ByName(teams.DisplayName),
        PersonNameReference typed => roster.PersonById(typed.Name) ?? roster.PersonByEmail(typed.Name) ?? ByName(typed.Name),
        _ => null,
    };

    private Person? BySlackUserId(string userId) =>
        roster.PersonBySlackUserId(userId) ?? learned.PersonFor("slack", userId);

    private Person? ByName(string name)
    {
        var matches = roster.People.Where(p =>
            p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)
            || p.Name.Split(' ')[0].Equals(name, StringComparison.OrdinalIgnoreCase)).Take(2).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }
}
