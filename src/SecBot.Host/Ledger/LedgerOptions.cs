namespace SecBot.Host.Ledger;

/// <summary>
/// Checkpoints of the sign-off ledger (<c>SecBot:Ledger</c>): the head, signed with a key that lives in configuration
/// only (never in the database), posted to the incidents channel and the log, so a ledger rewritten by whoever holds
/// the database file no longer matches what was posted.
/// </summary>
public sealed class LedgerOptions
{
    public const string SectionName = "SecBot:Ledger";

    /// <summary>Minimum key length in UTF-8 bytes: a short key could be guessed from one posted checkpoint.</summary>
    public const int MinimumKeyBytes = 32;

    /// <summary>The HMAC-SHA256 key checkpoints are signed with; empty: no checkpoints.</summary>
    public string CheckpointKey { get; set; } = "";

    /// <summary>How often the head is checkpointed (the first at start); a checkpoint is posted only when the ledger grew.</summary>
    public TimeSpan CheckpointEvery { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// A file outside the database (another volume, ideally append-only) to which every signed checkpoint line is
    /// appended; at start the last line in it pins the ledger, so a ledger rewritten while SecBot was stopped is refused
    /// rather than signed afresh. Empty: the pin lasts only while the process runs.
    /// </summary>
    public string CheckpointFile { get; set; } = "";

    public bool SignsCheckpoints => !string.IsNullOrEmpty(CheckpointKey);
}
