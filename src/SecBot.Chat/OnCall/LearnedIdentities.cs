using SecBot.Domain.Roster;
using SecBot.Storage.Roster;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Chat.OnCall;

/// <summary>
/// Chat user ids learned for roster people configured with an Email but no user id on a platform (Slack's
/// users.lookupByEmail when a card is delivered to them), kept in memory for inbound identification and outbound
/// delivery, and in <c>learned_platform_ids</c> so a restart neither forgets them nor looks them up again.
/// <see cref="LoadAsync"/> fills it at start; <see cref="LearnAsync"/> writes the table, then memory. Reading never
/// touches the database or the platform. A learned id applies only while the person's roster entry has no id of its
/// own on that platform and still has the e-mail it was learned from.
/// </summary>
public sealed class LearnedIdentities : IStoreBackedCache
{
    private readonly LearnedPlatformIdRepository _repository;
    private readonly RosterModel _roster;
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Platform, string UserId), LearnedPlatformId> _byUser = [];
    private readonly Dictionary<(string Platform, string PersonId), LearnedPlatformId> _byPerson = [];

    public LearnedIdentities(LearnedPlatformIdRepository repository, RosterModel roster)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(roster);
        _repository = repository;
        _roster = roster;
    }

    /// <summary>Reads everything learned so far into memory (at start, before requests or deliveries).</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var learned = await _repository.ListAsync(cancellationToken);
        lock (_gate)
        {
            foreach (var id in learned) Remember(id);
        }
    }

    /// <summary>Records that <paramref name="person"/> is <paramref name="userId"/> on <paramref name="platform"/>, learned from their roster e-mail.</summary>
    public async Task LearnAsync(string platform, Person person, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var learned = await _repository.RecordAsync(person.Id, platform, userId, person.Email, cancellationToken);
        lock (_gate)
        {
            Remember(learned);
        }
    }

    /// <summary>The roster person learned to be <paramref name="userId"/> on <paramref name="platform"/>, if it still applies.</summary>
    public Person? PersonFor(string platform, string userId)
    {
        LearnedPlatformId? learned;
        lock (_gate)
        {
            _byUser.TryGetValue((platform, userId), out learned);
        }

        return learned is not null && _roster.PersonById(learned.PersonId) is { } person && Applies(learned, person) ? person : null;
    }

    /// <summary>The user id learned for <paramref name="person"/> on <paramref name="platform"/>, if it still applies.</summary>
    public string? UserIdFor(string platform, Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        LearnedPlatformId? learned;
        lock (_gate)
        {
            _byPerson.TryGetValue((platform, person.Id), out learned);
        }

        return learned is not null && Applies(learned, person) ? learned.UserId : null;
    }

    private static bool Applies(LearnedPlatformId learned, Person person) =>
        string.IsNullOrEmpty(ConfiguredId(learned.Platform, person))
        && !string.IsNullOrWhiteSpace(person.Email)
        && string.Equals(person.Email.Trim(), learned.Email.Trim(), StringComparison.OrdinalIgnoreCase);

    private static string? ConfiguredId(string platform, Person person) => platform switch
    {
        "slack" => person.SlackUserId,
        "teams" => person.TeamsUserId,
        _ => null,
    };

    private void Remember(LearnedPlatformId learned)
    {
        if (_byPerson.Remove((learned.Platform, learned.PersonId), out var previous)) _byUser.Remove((previous.Platform, previous.UserId));
        if (_byUser.Remove((learned.Platform, learned.UserId), out var other)) _byPerson.Remove((other.Platform, other.PersonId));
        _byPerson[(learned.Platform, learned.PersonId)] = learned;
        _byUser[(learned.Platform, learned.UserId)] = learned;
    }
}
