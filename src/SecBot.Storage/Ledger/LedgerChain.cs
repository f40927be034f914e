using System.Globalization;
using SecBot.Domain;

namespace SecBot.Storage.Ledger;

/// <summary>
/// Checks records one at a time, in id order, as they are read (from the database or an export): ids run on without
/// a gap, each prev_hash is the previous record's hash, and each hash is the hash of its record
/// (<see cref="LedgerHasher"/>). It also notes where each <see cref="LedgerPin"/> is found. The first fault stops the walk.
/// </summary>
internal sealed class LedgerChain(IReadOnlyCollection<LedgerPin> pins, bool mustStartAtOne) : IDisposable
{
    private readonly LedgerHasher _hasher = new();
    private readonly Dictionary<string, long> _pinnedAt = new(StringComparer.Ordinal);
    private readonly Dictionary<long, string> _pinnedRecords = [];

    /// <summary>The id of the first record read; 0 until one is.</summary>
    public long FirstId { get; private set; }

    public long Verified { get; private set; }

    public long LastId { get; private set; }

    public string? LastHash { get; private set; }

    public LedgerFault? Fault { get; private set; }

    /// <summary>
    /// Checks <paramref name="record"/>; false (and <see cref="Fault"/> set) when it is bad. When the walk need not
    /// start at record 1 (an export from a day on) and does not, the first record's prev_hash is taken as given.
    /// </summary>
    public bool Append(LedgerRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (Fault is not null) return false;
        // Record 1 has no predecessor, wherever the walk starts.
        if (FirstId == 0 && !mustStartAtOne && record.Id > 1)
        {
            LastId = record.Id - 1;
            LastHash = record.PrevHash;
        }

        Fault = Check(record);
        if (Fault is not null) return false;
        if (FirstId == 0) FirstId = record.Id;
        Verified++;
        LastId = record.Id;
        LastHash = record.Hash;
        foreach (var pin in pins)
        {
            if (string.Equals(pin.Head, record.Hash, StringComparison.Ordinal)) _pinnedAt[pin.Head] = record.Id;
            if (pin.RecordId == record.Id) _pinnedRecords[record.Id] = record.Hash!;
        }

        return true;
    }

    /// <summary>For each pin, after an intact walk: where it was found, or why the ledger does not hold it.</summary>
    public (IReadOnlyList<string> Confirmed, IReadOnlyList<string> Problems) CheckPins()
    {
        var confirmed = new List<string>();
        var problems = new List<string>();
        foreach (var pin in pins)
        {
            var (found, problem) = Locate(pin);
            if (problem is not null)
            {
                problems.Add($"{pin.Source}: {problem}");
            }
            else
            {
                confirmed.Add(string.Create(CultureInfo.InvariantCulture, $"{pin.Source}: head {pin.Head} is record {found}, and the chain goes on intact from it ({ReadableTime.Count(LastId - found, "record")} since)"));
            }
        }

        return (confirmed, problems);
    }

    public void Dispose() => _hasher.Dispose();

    private (long Found, string? Problem) Locate(LedgerPin pin)
    {
        var found = _pinnedAt.GetValueOrDefault(pin.Head);
        if (pin.RecordId is not { } id)
        {
            return found != 0
                ? (found, null)
                : (0, FirstId > 1
                    ? $"no record from {FirstId} on has hash {pin.Head}: either it is older than this export, or the ledger was rewritten or cut back since it was pinned"
                    : $"no record has hash {pin.Head}: the ledger was rewritten or cut back since it was pinned");
        }

        if (found == id) return (id, null);
        if (id > LastId) return (0, $"it counted {ReadableTime.Count(id, "record")}, but the ledger ends at record {LastId}: records were cut off since it was signed");
        if (id < FirstId) return (0, $"its record {id} is older than this export, which starts at record {FirstId}: export the whole ledger to check it");
        return (0, _pinnedRecords.TryGetValue(id, out var actual)
            ? $"record {id}'s hash is {actual}, not the signed head {pin.Head}: the ledger was rewritten since it was signed"
            : $"record {id} is not in the ledger");
    }

    private LedgerFault? Check(LedgerRecord record)
    {
        if (record.Id != LastId + 1)
        {
            var missing = record.Id == LastId + 2 ? $"{LastId + 1}" : $"{LastId + 1} to {record.Id - 1}";
            var after = LastId == 0 ? "the ledger starts" : $"record {LastId}";
            return record.Id <= LastId
                ? new LedgerFault(record.Id, record.GateId, LedgerFaultKind.BrokenLink, $"record {record.Id} comes after record {LastId}: the records are out of order or repeated")
                : new LedgerFault(LastId + 1, null, LedgerFaultKind.MissingRecord, $"id {missing} is missing: {after} is followed by record {record.Id} ({record.GateKey})");
        }

        if (!string.Equals(record.PrevHash ?? "", LastHash ?? "", StringComparison.Ordinal))
        {
            var expected = LastHash is null ? "no prev_hash for the first record" : $"record {LastId}'s hash {LastHash}";
            return new LedgerFault(record.Id, record.GateId, LedgerFaultKind.BrokenLink, $"prev_hash is {Show(record.PrevHash)}, expected {expected}");
        }

        var computed = _hasher.Compute(record);
        return string.Equals(computed, record.Hash, StringComparison.Ordinal)
            ? null
            : new LedgerFault(record.Id, record.GateId, LedgerFaultKind.HashMismatch,
                $"stored hash {Show(record.Hash)} is not the hash of the record's contents ({computed}): it was changed after it was written");
    }

    private static string Show(string? hash) => string.IsNullOrEmpty(hash) ? "(none)" : hash;
}
