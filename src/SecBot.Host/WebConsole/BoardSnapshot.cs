namespace SecBot.Host.WebConsole;

/// <summary>
/// The board as read at <see cref="At"/> (the host's clock): everything open or waiting, already in people's words, so the
/// page only has to lay it out and encode it.
/// </summary>
public sealed record BoardSnapshot(
    DateTimeOffset At,
    IReadOnlyList<BoardIncident> Incidents,
    IReadOnlyList<BoardGate> Gates,
    IReadOnlyList<BoardOnCall> OnCall,
    BoardFailures DeadLetters,
    BoardFailures ParkedTimers);

/// <summary>An open incident: who was paged at its level, whether (and by whom) it was acknowledged, and what happens next unacknowledged.</summary>
public sealed record BoardIncident(
    string Key,
    string Title,
    string Type,
    string Level,
    TimeSpan Age,
    IReadOnlyList<string> Paged,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? NextEscalationAt,
    string? NextEscalation);

/// <summary>A gate not yet approved, stage by stage.</summary>
public sealed record BoardGate(string Key, string Title, string TypeName, string RequestedBy, string State, IReadOnlyList<BoardStage> Stages);

public sealed record BoardStage(string Label, bool IsCurrent, IReadOnlyList<BoardSeat> Seats);

/// <summary>A required seat: who filled it (<see cref="SignedBy"/>), or who it waits on; <see cref="Note"/> says how it stands.</summary>
public sealed record BoardSeat(string Seat, string? SignedBy, IReadOnlyList<string> WaitingOn, string Note);

/// <summary>Who is paged for one target of one escalation level (or a rotation no level pages) now, until when, and who after.</summary>
public sealed record BoardOnCall(string Level, string Target, string Now, string Next);

/// <summary>The newest of what SecBot gave up on, and how many there are in all.</summary>
public sealed record BoardFailures(long Total, IReadOnlyList<BoardFailure> Newest);

/// <summary>One dead letter (<c>MSG-n</c>) or parked timer (<c>TMR-n</c>): its retry id, when it was given up on, and what it was.</summary>
public sealed record BoardFailure(string Id, DateTimeOffset At, string Summary);
