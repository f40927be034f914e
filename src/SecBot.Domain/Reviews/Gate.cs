namespace SecBot.Domain.Reviews;

/// <summary>
/// The review gate aggregate as the engine sees it: where it stands (state, revision, stage) and every
/// sign-off of every revision, stale ones included.
/// </summary>
public sealed record Gate
{
    public required long Number { get; init; }
    public required string Type { get; init; }
    public required string Title { get; init; }
    public required string RequestedBy { get; init; }
    public required DateTimeOffset RequestedAt { get; init; }

    /// <summary>Where the request came from: slack, teams, or secbot when an incident opened it.</summary>
    public required string RequestedVia { get; init; }

    public required GateState State { get; init; }

    /// <summary>Starts at 1; each resubmission starts a new revision back at stage 1.</summary>
    public int Revision { get; init; } = 1;

    /// <summary>The stage being reviewed, from 1; the last stage once approved.</summary>
    public int StageNumber { get; init; } = 1;

    /// <summary>When the current stage of the current revision was put to its reviewers.</summary>
    public required DateTimeOffset StageOpenedAt { get; init; }

    /// <summary>When the gate was last approved or had changes requested.</summary>
    public DateTimeOffset? DecidedAt { get; init; }

    public long? IncidentNumber { get; init; }

    /// <summary>Who owns the outcome once approved (tool-request: the Security Tool Engineer).</summary>
    public string? OwnerPersonId { get; init; }

    public IReadOnlyList<SignOff> SignOffs { get; init; } = [];

    /// <summary>Optimistic concurrency: the store refuses to save a decision made on an older version.</summary>
    public int Version { get; init; }

    public string Key => GateKey.Format(Number);

    public bool IsOpen => State == GateState.Open;

    public IEnumerable<SignOff> CurrentSignOffs => SignOffs.Where(s => s.Revision == Revision && !s.IsStale);

    /// <summary>Optional reviewers' objections to the current revision: they never block, but status shows them.</summary>
    public IReadOnlyList<SignOff> Objections => [.. CurrentSignOffs.Where(s => s.Decision == SignOffDecision.Object)];

    /// <summary>The rejection that put the current revision into changes requested, if any.</summary>
    public SignOff? Rejection => CurrentSignOffs.LastOrDefault(s => s.Decision == SignOffDecision.Reject);
}
