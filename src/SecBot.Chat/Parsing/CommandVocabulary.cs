using SecBot.Domain.Policy;

namespace SecBot.Chat.Parsing;

/// <summary>
/// The policy's names that commands may use. It is configuration, not code, so the parser is given it rather
/// than knowing "L1" or "aws" itself.
/// </summary>
public sealed class CommandVocabulary
{
    public CommandVocabulary(
        IEnumerable<VocabularyTerm> levels,
        IEnumerable<VocabularyTerm> incidentTypes,
        IEnumerable<VocabularyTerm> gateTypes,
        IEnumerable<VocabularyTerm> roles,
        IEnumerable<VocabularyTerm>? seats = null)
    {
        Levels = new VocabularyTermSet(levels);
        IncidentTypes = new VocabularyTermSet(incidentTypes);
        GateTypes = new VocabularyTermSet(gateTypes);
        Roles = new VocabularyTermSet(roles);
        Seats = new VocabularyTermSet(seats ?? []);
    }

    /// <summary>Escalation level names with their aliases (<c>Executive</c>, alias <c>EXEC</c>).</summary>
    public VocabularyTermSet Levels { get; }

    public VocabularyTermSet IncidentTypes { get; }

    public VocabularyTermSet GateTypes { get; }

    /// <summary>Role ids; a role's display name is accepted too, so <c>oncall SOC Engineer</c> works.</summary>
    public VocabularyTermSet Roles { get; }

    /// <summary>Seat ids of the approval matrix (<c>IRLead</c>), for <c>override REV-n &lt;seat&gt; &lt;reason&gt;</c>.</summary>
    public VocabularyTermSet Seats { get; }

    /// <exception cref="ArgumentException">One spelling names two different terms of the same kind.</exception>
    public static CommandVocabulary FromPolicy(PolicyOptions policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new CommandVocabulary(
            policy.Escalation.Levels.Select(l => new VocabularyTerm(l.Name, l.Aliases)),
            policy.Escalation.IncidentTypes.Select(t => new VocabularyTerm(t.Id)),
            policy.Reviews.GateTypes.Select(g => new VocabularyTerm(g.Id)),
            policy.Roster.Roles.Select(r => new VocabularyTerm(r.Id, [r.Name])),
            policy.Reviews.Seats.Select(s => new VocabularyTerm(s.Id)));
    }
}
