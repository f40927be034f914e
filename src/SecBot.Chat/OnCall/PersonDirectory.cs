using SecBot.Chat.Commands;
using SecBot.Chat.Conversation;
using SecBot.Domain.Roster;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Chat.OnCall;

/// <summary>Finds roster people from what chat platforms send: user ids, mentions, typed names.</summary>
public sealed class PersonDirectory(RosterModel roster)
{
    public Person? Identify(ChatIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return identity.Platform switch
        {
            "slack" => roster.PersonBySlackUserId(identity.UserId),
            "teams" => roster.PersonByTeamsUserId(identity.UserId),
            _ => roster.PersonById(identity.UserId),
        };
    }

    public Person? Find(PersonReference reference) => reference switch
    {
        SlackUserReference slack => roster.PersonBySlackUserId(slack.UserId),
        TeamsMentionReference teams => ByName(teams.DisplayName),
        PersonNameReference typed => roster.PersonById(typed.Name) ?? roster.PersonByEmail(typed.Name) ?? ByName(typed.Name),
        _ => null,
    };

    private Person? ByName(string name)
    {
        var matches = roster.People.Where(p =>
            p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)
            || p.Name.Split(' ')[0].Equals(name, StringComparison.OrdinalIgnoreCase)).Take(2).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }
}
