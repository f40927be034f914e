namespace SecBot.Domain.Reviews;

/// <summary>
/// The instruction a resubmission gives the ledger: every sign-off of <see cref="GateNumber"/> with a revision
/// below <see cref="CurrentRevision"/> is now stale. Rows are flagged, never removed.
/// </summary>
public sealed record StaleSignOffs(long GateNumber, int CurrentRevision);
