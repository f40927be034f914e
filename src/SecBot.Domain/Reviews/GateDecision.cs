namespace SecBot.Domain.Reviews;

/// <summary>
/// What one engine call changed: the new gate, the ledger rows to append (and, on resubmission, which rows
/// turn stale), timeline rows, who to tell, and what timers to set.
/// </summary>
public sealed record GateDecision(
    Gate Gate,
    IReadOnlyList<LedgerEntry> Ledger,
    StaleSignOffs? Stale,
    IReadOnlyList<GateEvent> Events,
    IReadOnlyList<GateNotice> Notices,
    IReadOnlyList<ReviewTimer> Timers);
