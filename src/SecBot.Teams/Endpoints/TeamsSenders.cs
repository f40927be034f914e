using SecBot.Chat.OnCall;
using SecBot.Domain.Roster;
using SecBot.Teams.Activities;
using SecBot.Teams.Connector;
using SecBot.Teams.Delivery;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Teams.Endpoints;

/// <summary>
/// Who sent an activity, and where Teams can reach them from now on. People are matched to the roster by
/// <c>from.aadObjectId</c> = the roster's <c>TeamsUserId</c>; failing that, the connector's member record gives their
/// e-mail or UPN, matched to the roster's <c>Email</c> and learned (so it is asked once). Every activity from a roster
/// person refreshes their 29: id, serviceUrl, tenant and, in a 1:1 chat, their conversation (teams-protocol.md §4).
/// Someone the member record did not match is not looked up again for <see cref="StrangerMemory"/>, so strangers
/// writing to SecBot cannot turn each message into a call to the connector.
/// </summary>
internal sealed partial class TeamsSenders(
    RosterModel roster, LearnedIdentities learned, TeamsConversations conversations, BotConnectorClient connector, TimeProvider time, ILogger<TeamsSenders> logger)
{
    public static readonly TimeSpan StrangerMemory = TimeSpan.FromMinutes(10);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _strangers = new(StringComparer.Ordinal);

    /// <summary>The roster person behind <paramref name="account"/> in <paramref name="activity"/>, learning how to reach them; null when not on the roster.</summary>
    public async Task<Person?> LearnAsync(Activity activity, ChannelAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(account);
        var person = await IdentifyAsync(activity, account, cancellationToken);
        if (person is null || string.IsNullOrWhiteSpace(account.Id)) return person;

        var personal = activity.Conversation is { IsPersonal: true, Id: { Length: > 0 } id } ? id : null;
        var tenant = ActivityTenant.Of(activity);
        await conversations.LearnAsync(person, account.Id, personal, activity.ServiceUrl, tenant, cancellationToken);
        return person;
    }

    private async Task<Person?> IdentifyAsync(Activity activity, ChannelAccount account, CancellationToken cancellationToken)
    {
        if (account.TeamsUserId is { Length: > 0 } userId
            && (roster.PersonByTeamsUserId(userId) ?? learned.PersonFor(TeamsPlatform.Name, userId)) is { } known)
        {
            return known;
        }

        if (string.IsNullOrWhiteSpace(account.Id) || string.IsNullOrWhiteSpace(account.AadObjectId)
            || activity.Conversation?.Id is not { Length: > 0 } conversation
            || !Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl))
        {
            return null;
        }

        if (_strangers.TryGetValue(account.AadObjectId, out var lookedUp) && time.GetUtcNow() - lookedUp < StrangerMemory) return null;
        var member = await connector.GetMemberAsync(serviceUrl, conversation, account.Id, cancellationToken);
        if (!member.IsSuccess)
        {
            MemberLookupFailed(logger, member.Failure.ToString());
            if (!member.Failure.IsRetryable) _strangers[account.AadObjectId] = time.GetUtcNow();
            return null;
        }

        var person = (member.Value.Email is { Length: > 0 } email ? roster.PersonByEmail(email) : null)
            ?? (member.Value.UserPrincipalName is { Length: > 0 } upn ? roster.PersonByEmail(upn) : null);
        if (person is null || !string.IsNullOrWhiteSpace(person.TeamsUserId))
        {
            _strangers[account.AadObjectId] = time.GetUtcNow();
            return null;
        }

        _strangers.TryRemove(account.AadObjectId, out _);
        await learned.LearnAsync(TeamsPlatform.Name, person, account.AadObjectId, cancellationToken);
        return person;
    }

    [LoggerMessage(EventId = 620, Level = LogLevel.Warning, Message = "Could not look up a Teams member's e-mail to match them to the roster: {Failure}")]
    private static partial void MemberLookupFailed(ILogger logger, string failure);
}
