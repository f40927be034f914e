namespace SecBot.Chat.Reports;

/// <summary>
/// How the response went over recent windows: mean time to acknowledge (MTTA) and to resolve (MTTR) by level and by
/// type, pages per person, and review turnaround per gate type. Computed by <see cref="ResponseNumbersCalculator"/>.
/// </summary>
/// <param name="AnyIncidentEver">False while the database holds no incident at all.</param>
public sealed record ResponseNumbers(DateTimeOffset At, bool AnyIncidentEver, IReadOnlyList<ResponseWindow> Windows);

/// <summary>
/// One window: incidents declared and gates opened from <see cref="Since"/> to the time of computing. An incident's level
/// is where it stands, or stood when resolved (escalation only raises it); its time to acknowledge runs to its first
/// acknowledgement. Pages count every page and re-page, not Executive notifications (told, not asked to act).
/// </summary>
public sealed record ResponseWindow(
    int Days,
    DateTimeOffset Since,
    int Incidents,
    IReadOnlyList<DurationStat> AcknowledgeByLevel,
    IReadOnlyList<DurationStat> ResolveByLevel,
    IReadOnlyList<DurationStat> AcknowledgeByType,
    IReadOnlyList<DurationStat> ResolveByType,
    IReadOnlyList<PageCount> PagesPerPerson,
    IReadOnlyList<DurationStat> ReviewTurnaroundByGateType);

/// <summary>A mean over <see cref="Measured"/> items of one group; <see cref="Waiting"/> are not there yet (no mean while none is).</summary>
public sealed record DurationStat(string Group, int Measured, int Waiting, TimeSpan? Mean);

public sealed record PageCount(string PersonId, string Name, int Pages);
