namespace SecBot.Storage.Database;

/// <summary>Work that concurrent writers must do one at a time, even on a provider that lets them run together.</summary>
internal enum SerializedSection
{
    /// <summary>Appending to the sign-off ledger: each record chains to the one before, so the chain must stay linear.</summary>
    LedgerAppend = 1,

    /// <summary>Claiming outbox runs: a channel's messages are handed out in order, to one claimant at a time.</summary>
    OutboxClaim = 2,

    /// <summary>Applying migrations.</summary>
    Migrations = 3,

    /// <summary>Syncing the configured roster: replicas starting together would insert the same assignments.</summary>
    RosterSync = 4,

    /// <summary>Opening incidents by alert dedup key: two replicas given one new key must not both open an incident for it.</summary>
    AlertKeys = 5,
}
