namespace SecBot.Storage;

/// <summary>
/// Raised after a commit so the dispatcher and the clock wake at once instead of polling.
/// Handlers run on the committing thread: they should only release a wait, never do the work.
/// </summary>
public interface IStoreSignals
{
    /// <summary>
    /// A committed transaction added outbox messages or made one due again, or gave up on something (dead-lettered a
    /// message, parked a timer), which the board lists.
    /// </summary>
    event EventHandler<EventArgs>? OutboxChanged;

    /// <summary>
    /// A committed transaction scheduled timers (cancelling or firing one never makes anything due sooner, so it is not
    /// signalled); the arguments carry the earliest due time scheduled, so a clock that will look by then anyway sleeps on.
    /// </summary>
    event EventHandler<TimersChangedEventArgs>? TimersChanged;

    /// <summary>
    /// The longest a waiter may sleep before looking at the store again even with no signal: set where other processes
    /// write the same database and a signal from them can be missed (a dropped connection); null where only this
    /// process writes, so every change is signalled.
    /// </summary>
    TimeSpan? LookAgainAfter { get; }
}
