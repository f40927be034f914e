using SecBot.Chat;
using SecBot.Domain.Roster;
using SecBot.Storage.Conversations;

namespace SecBot.Teams.Delivery;

/// <summary>
/// How Teams reaches each roster person (teams-protocol.md §4): their per-bot <c>29:</c> id, the serviceUrl and tenant
/// of their activities, and their 1:1 conversation once known. Learned from every activity they send and from the
/// bot's installation; kept in <c>platform_conversations</c> and in memory, so sending never reads the database first.
/// </summary>
public sealed class TeamsConversations : IStoreBackedCache
{
    private readonly PlatformConversationRepository _repository;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, PlatformConversation> _byPerson = new(StringComparer.Ordinal);

    public TeamsConversations(PlatformConversationRepository repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        _repository = repository;
    }

    /// <summary>Reads everything learned so far into memory (at start, before requests or deliveries).</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var known = await _repository.ListAsync(TeamsPlatform.Name, cancellationToken);
        lock (_gate)
        {
            foreach (var conversation in known) _byPerson[conversation.PersonId] = conversation;
        }
    }

    /// <summary>The conversation reference of <paramref name="personId"/>, if Teams has told SecBot about them.</summary>
    public PlatformConversation? For(string personId)
    {
        lock (_gate)
        {
            return _byPerson.GetValueOrDefault(personId);
        }
    }

    /// <summary>Keeps the 1:1 conversation SecBot created with <paramref name="personId"/> (a proactive page's first step).</summary>
    public async Task LearnConversationAsync(string personId, string conversationId, CancellationToken cancellationToken)
    {
        if (For(personId) is not { } known) return;
        var stored = await _repository.RecordAsync(known with { ConversationId = conversationId }, cancellationToken);
        lock (_gate)
        {
            _byPerson[personId] = stored;
        }
    }

    /// <summary>The person whose per-bot <c>29:</c> id is <paramref name="userId"/>, if Teams has told SecBot about them.</summary>
    public string? PersonIdFor(string userId)
    {
        lock (_gate)
        {
            return _byPerson.Values.FirstOrDefault(c => c.UserId == userId)?.PersonId;
        }
    }

    /// <summary>
    /// Keeps what an activity said about <paramref name="person"/>: their 29: id, where to reach them, and the 1:1
    /// conversation when the activity came from one (null keeps the one known). Writes only when something changed.
    /// </summary>
    public async Task LearnAsync(Person person, string userId, string? personalConversationId, string? serviceUrl, string? tenantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        var known = For(person.Id);
        if (known is not null && known.UserId == userId && (personalConversationId is null || known.ConversationId == personalConversationId)
            && (serviceUrl is null || known.ServiceUrl == serviceUrl) && (tenantId is null || known.TenantId == tenantId))
        {
            return;
        }

        var stored = await _repository.RecordAsync(
            new PlatformConversation(person.Id, TeamsPlatform.Name, userId, personalConversationId, serviceUrl, tenantId, default), cancellationToken);
        lock (_gate)
        {
            _byPerson[person.Id] = stored;
        }
    }
}
