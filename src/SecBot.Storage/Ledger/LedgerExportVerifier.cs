namespace SecBot.Storage.Ledger;

/// <summary>
/// Verifies an export (<see cref="LedgerExporter"/>) for an auditor who has only the file: the chain walk of
/// <see cref="LedgerVerifier"/> over the exported records (ids without a gap, each prev_hash the previous hash, each hash
/// recomputed from the exported fields), and the pinned heads. An export written from a day on starts after record 1:
/// its first record's prev_hash is taken as given, and the result's <see cref="LedgerVerification.FirstId"/> says where
/// it starts. What only the database holds (the gates rows, the guard triggers) is not checked here.
/// </summary>
public static class LedgerExportVerifier
{
    /// <exception cref="FormatException">The text is not a ledger export; the message names the line.</exception>
    public static LedgerVerification Verify(TextReader export, IReadOnlyCollection<LedgerPin> pins)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(pins);
        using var chain = new LedgerChain(pins, mustStartAtOne: false);
        foreach (var record in LedgerExportReader.Read(export))
        {
            if (!chain.Append(record)) return LedgerVerifier.Result(chain, chain.Fault, [], [], []);
        }

        var (confirmed, unpinned) = chain.CheckPins();
        return LedgerVerifier.Result(chain, null, [], unpinned, confirmed);
    }
}
