using SecBot.Domain.Reviews;

namespace SecBot.Storage.Ledger;

public enum LedgerFaultKind
{
    /// <summary>The record's stored hash is not the hash of its contents: it was changed after it was written.</summary>
    HashMismatch,

    /// <summary>The record's prev_hash is not the previous record's hash: a record was replaced, or the chain re-hashed from here.</summary>
    BrokenLink,

    /// <summary>An id is missing from the sequence 1, 2, 3...: a record was deleted.</summary>
    MissingRecord,

    /// <summary>
    /// The chain is intact, but a gate's requester or type is not what its <c>opened</c> record says: the gates row was
    /// changed. The record is the gate's opened record.
    /// </summary>
    GateMismatch,

    /// <summary>
    /// The chain is intact, but the record's is_stale flag (outside the hash) disagrees with it: a sign-off is stale
    /// exactly when its revision is lower than its gate's latest <c>resubmitted</c> record's, and a gate-level record never is.
    /// </summary>
    StaleMismatch,
}

/// <summary>
/// The first bad record of the ledger. For <see cref="LedgerFaultKind.MissingRecord"/>, <see cref="Id"/> is the
/// missing id and <see cref="GateNumber"/> is unknown (null); <see cref="Detail"/> names the records either side.
/// </summary>
public sealed record LedgerFault(long Id, long? GateNumber, LedgerFaultKind Kind, string Detail)
{
    public string Reason => Kind switch
    {
        LedgerFaultKind.HashMismatch => "hash mismatch",
        LedgerFaultKind.BrokenLink => "broken prev link",
        LedgerFaultKind.MissingRecord => "missing id",
        LedgerFaultKind.GateMismatch => "gate does not match its opened record",
        LedgerFaultKind.StaleMismatch => "stale flag disagrees with the chain",
        _ => Kind.ToString(),
    };

    /// <summary>
    /// True for a fault in the hash chain itself; false for <see cref="LedgerFaultKind.GateMismatch"/> and
    /// <see cref="LedgerFaultKind.StaleMismatch"/>, which are found after the whole chain checked out.
    /// </summary>
    public bool BreaksChain => Kind is LedgerFaultKind.HashMismatch or LedgerFaultKind.BrokenLink or LedgerFaultKind.MissingRecord;

    public override string ToString() =>
        GateNumber is { } gate
            ? $"record {Id} ({GateKey.Format(gate)}): {Reason}: {Detail}"
            : $"record {Id}: {Reason}: {Detail}";
}

/// <summary>
/// The result of walking the chain: how many records checked out before the first fault (all of them when there
/// is none), and the last good record's id and hash. When the fault does not <see cref="LedgerFault.BreaksChain"/>,
/// the whole chain checked out: the count, id and hash are its head's. <see cref="Problems"/> are what is wrong beside
/// the records themselves (a guard trigger missing, a pinned head the ledger no longer holds); <see cref="Confirmed"/>
/// says where each pinned head was found. <see cref="FirstId"/> is 1 for a database, and the first record's id for
/// an export written from a day on.
/// </summary>
public sealed record LedgerVerification(long RecordsVerified, long LastId, string? HeadHash, LedgerFault? Fault)
{
    public long FirstId { get; init; } = 1;

    public IReadOnlyList<string> Problems { get; init; } = [];

    public IReadOnlyList<string> Confirmed { get; init; } = [];

    public bool IsIntact => Fault is null && Problems.Count == 0;
}
