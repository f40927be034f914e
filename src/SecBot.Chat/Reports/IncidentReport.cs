namespace SecBot.Chat.Reports;

/// <summary>
/// An incident's whole story, as the postmortem draft tells it: one neutral model that both the Markdown and the JSON
/// renderer write, for the <c>report</c> chat command and the <c>report</c> command line alike. User text (titles,
/// reasons, summaries, comments) is kept exactly as stored; each renderer makes it safe for its format.
/// </summary>
public sealed record IncidentReport
{
    public required string Key { get; init; }
    public required long Number { get; init; }
    public required string Title { get; init; }
    public required string Type { get; init; }

    /// <summary>Where the incident stands, or stood when it was resolved.</summary>
    public required string Level { get; init; }

    /// <summary>The level it was declared at (before any escalation).</summary>
    public required string DeclaredLevel { get; init; }

    /// <summary><c>open</c>, <c>acknowledged</c> or <c>resolved</c>.</summary>
    public required string State { get; init; }

    public required ReportActor DeclaredBy { get; init; }
    public required DateTimeOffset DeclaredAt { get; init; }
    public ReportActor? Lead { get; init; }
    public required IReadOnlyList<ReportPage> Pages { get; init; }
    public required IReadOnlyList<ReportAcknowledgement> Acknowledgements { get; init; }
    public required IReadOnlyList<ReportEscalation> Escalations { get; init; }
    public required IReadOnlyList<ReportAlert> Alerts { get; init; }
    public ReportResolution? Resolution { get; init; }
    public required ReportDurations Durations { get; init; }

    /// <summary>Every timeline row of the incident, oldest first.</summary>
    public required IReadOnlyList<ReportEntry> Timeline { get; init; }

    /// <summary>The review gates linked to the incident (opened by its resolve), oldest first, with their ledger records.</summary>
    public required IReadOnlyList<ReportGate> Gates { get; init; }

    public required DateTimeOffset GeneratedAt { get; init; }
}

/// <summary>Who did something: a roster person id, <c>secbot</c> for automatic steps, or <c>alert:&lt;source&gt;</c>.</summary>
public sealed record ReportActor(string Id, string Name);

/// <summary>One page: to whom, at which level and attempt, when, and why (<c>OnCall</c>, <c>ManagerFallback</c>, <c>Lead</c>, <c>Notification</c>).</summary>
public sealed record ReportPage(DateTimeOffset At, ReportActor To, string Level, int Attempt, string Reason, string? Note);

public sealed record ReportAcknowledgement(DateTimeOffset At, ReportActor By, string Level);

/// <param name="Automatic">True when SecBot escalated because nobody acknowledged; false when a person escalated.</param>
/// <param name="Reason">The reason given (manual), or why SecBot escalated (automatic); null when none was given.</param>
public sealed record ReportEscalation(DateTimeOffset At, bool Automatic, ReportActor By, string From, string To, string? Reason);

/// <param name="Kind"><c>triggered</c> (the alert opened the incident) or <c>repeated</c> (more firings coalesced into it).</param>
/// <param name="Repeats">How many firings a <c>repeated</c> row coalesced; 0 for the trigger.</param>
public sealed record ReportAlert(DateTimeOffset At, string Source, string Kind, long Repeats, string Detail);

public sealed record ReportResolution(DateTimeOffset At, ReportActor By, string? Summary);

/// <param name="TimeToAcknowledgeSeconds">From declared to the first acknowledgement; null while nobody has.</param>
/// <param name="TimeToResolveSeconds">From declared to resolved; null while open.</param>
public sealed record ReportDurations(double? TimeToAcknowledgeSeconds, double? TimeToResolveSeconds);

public sealed record ReportEntry(DateTimeOffset At, string Kind, ReportActor Actor, string Detail);

public sealed record ReportGate
{
    public required string Key { get; init; }
    public required long Number { get; init; }
    public required string Type { get; init; }
    public required string Title { get; init; }

    /// <summary><c>open</c>, <c>changes-requested</c> or <c>approved</c>.</summary>
    public required string State { get; init; }

    public required ReportActor RequestedBy { get; init; }
    public required DateTimeOffset OpenedAt { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>The gate's ledger records in chain order: reviewers' sign-offs (with a seat) and decisions about the whole gate (no seat).</summary>
    public required IReadOnlyList<ReportSignOff> SignOffs { get; init; }
}

/// <param name="LedgerId">The record's id in the sign-off ledger (its place in the hash chain).</param>
/// <param name="Seat">The seat signed; null for a decision about the whole gate (opened, gate-approved, …).</param>
/// <param name="Stale">A sign-off of an earlier revision that no longer counts.</param>
public sealed record ReportSignOff(
    long LedgerId, DateTimeOffset At, int Revision, int Stage, string? Seat, ReportActor By, string RoleHeld, string Decision, string? Comment, bool Override, bool Stale);
