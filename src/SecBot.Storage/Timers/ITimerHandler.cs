namespace SecBot.Storage.Timers;

/// <summary>Fires timers of one <see cref="Kind"/>. It runs inside the transaction that marks the timer fired.</summary>
public interface ITimerHandler
{
    string Kind { get; }

    Task FireAsync(StoreTransaction transaction, DueTimer timer);
}
