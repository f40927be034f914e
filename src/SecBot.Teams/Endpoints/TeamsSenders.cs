using SecBot.Chat.Conversation;
using SecBot.Chat.OnCall;
using SecBot.Domain.Roster;
using SecBot.Teams.Activities;
using SecBot.Teams.Configuration;
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
    RosterModel roster, LearnedIdentities learned, TeamsConversations conversations, BotConnectorClient connector, TeamsOptions options, TimeProvider time, ILogger<TeamsSenders> logger)
{
    public static readonly TimeSpan StrangerMemory = TimeSpan.FromMinutes(10);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _strangers = new(StringComparer.Ordinal);

    /// <summary>The roster person behind <paramref name="account"/> in <paramref name="activity"/>, learning how to reach them; null when not on the roster.</summary>
    /// <param name="lookUp">Ask the connector for the member's e-mail when the AAD id is not known (not for a team install, which may add hundreds at once).</param>
    public async Task<Person?> LearnAsync(Activity activity, ChannelAccount account, CancellationToken cancellationToken, bool lookUp = true)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(account);
        var person = await IdentifyAsync(activity, account, lookUp, cancellationToken);
        if (person is null || string.IsNullOrWhiteSpace(account.Id)) return person;

        var personal = activity.Conversation is { IsPersonal: true, Id: { Length: > 0 } id } ? id : null;
        var tenant = ActivityTenant.Of(activity);
        await conversations.LearnAsync(person, account.Id, personal, activity.ServiceUrl, tenant, cancellationToken);
        return person;
    }

    /// <summary>
    /// Mentions as the chat layer resolves them, by the id roster people are known by on Teams: a mention entity that
    /// carries only the per-bot <c>29:</c> id is translated through the conversations learned from that person.
    /// </summary>
    public IReadOnlyList<ChatMention> Resolve(IReadOnlyList<ChatMention> mentions)
    {
        ArgumentNullException.ThrowIfNull(mentions);
        return [.. mentions.Select(mention =>
            mention.UserId.StartsWith("29:", StringComparison.Ordinal)
            && conversations.PersonIdFor(mention.UserId) is { } personId && roster.PersonById(personId) is { } person
            && (person.TeamsUserId is { Length: > 0 } configured ? configured : learned.UserIdFor(TeamsPlatform.Name, person)) is { } known
                ? mention with { UserId = known }
                : mention)];
    }

    private async Task<Person?> IdentifyAsync(Activity activity, ChannelAccount account, bool lookUp, CancellationToken cancellationToken)
    {
        if (account.TeamsUserId is { Length: > 0 } userId
            && (roster.PersonByTeamsUserId(userId) ?? learned.PersonFor(TeamsPlatform.Name, userId)) is { } known)
        {
            return known;
        }

        // In a channel the members API answers for the team, not for the thread.
        if (!lookUp || string.IsNullOrWhiteSpace(account.Id) || string.IsNullOrWhiteSpace(account.AadObjectId)
            || (activity.ChannelData?.Team?.Id ?? activity.Conversation?.ChannelId ?? activity.Conversation?.Id) is not { Length: > 0 } conversation
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

        // A UPN's domain is verified by its own tenant; a mail attribute is whatever that tenant's admin typed, so it is
        // trusted only when SecBot serves one tenant (SecBot:Teams:TenantId, checked on every activity).
        var person = (options.TenantId.Length > 0 && member.Value.Email is { Length: > 0 } email ? roster.PersonByEmail(email) : null)
            ?? (member.Value.UserPrincipalName is { Length: > 0 } upn ? roster.PersonByEmail(upn) : null);
        if (person is null || !string.IsNullOrWhiteSpace(person.TeamsUserId)
            || learned.UserIdFor(TeamsPlatform.Name, person) is { } other && other != account.AadObjectId)
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
