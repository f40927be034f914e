namespace SecBot.Storage;

/// <summary>
/// Raised after a commit so the dispatcher and the clock wake at once instead of polling.
/// Handlers run on the committing thread: they should only release a wait, never do the work.
/// </summary>
public interface IStoreSignals
{
    /// <summary>A committed transaction added outbox messages.</summary>
    event EventHandler? OutboxChanged;

    /// <summary>A committed transaction scheduled, fired or cancelled timers.</summary>
    event EventHandler? TimersChanged;
}
