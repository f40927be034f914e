using SecBot.Chat.Commands;
using SecBot.Chat.Conversation;
using SecBot.Chat.Parsing;
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
            "teams" => roster.PersonByTeamsUserId(identity.UserId) ?? learned.PersonFor("teams", identity.UserId),
            _ => roster.PersonById(identity.UserId),
        };
    }

    /// <summary>
    /// The person a command names. A platform mention is resolved by platform user id: Slack's markup carries the id
    /// itself; a Teams <c>&lt;at&gt;</c> shows only a display name, so it is resolved through the request's mention entity
    /// of that text (its AAD object id), and without one it names nobody: two people may share a display name, and a
    /// display name is whatever the person set it to. Only a typed name is looked up by name.
    /// </summary>
    public Person? Find(PersonReference reference, string platform, IReadOnlyList<ChatMention> mentions)
    {
        ArgumentNullException.ThrowIfNull(mentions);
        return reference switch
        {
            SlackUserReference slack => BySlackUserId(slack.UserId),
            TeamsMentionReference teams => mentions.FirstOrDefault(m => ShownName(m).Equals(teams.DisplayName, StringComparison.Ordinal)) is { } mention
                ? Identify(new ChatIdentity(platform, mention.UserId))
                : null,
            PersonNameReference typed => roster.PersonById(typed.Name) ?? roster.PersonByEmail(typed.Name) ?? ByName(typed.Name),
            _ => null,
        };
    }

    /// <summary>The name a Teams mention entity shows: its text is the markup (<c>&lt;at&gt;Maya Chen&lt;/at&gt;</c>) or the bare name.</summary>
    private static string ShownName(ChatMention mention) =>
        TeamsMention.TryReadName(mention.Text.Trim(), out var name) ? name : mention.Text.Trim();

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
