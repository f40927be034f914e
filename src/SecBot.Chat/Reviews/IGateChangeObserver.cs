using SecBot.Domain.Reviews;
using SecBot.Storage;

namespace SecBot.Chat.Reviews;

/// <summary>
/// Told of every gate change <see cref="ReviewCommands"/> saves, inside the transaction that saves it, so what it writes
/// (an outbox message) commits with the change or not at all.
/// </summary>
public interface IGateChangeObserver
{
    /// <param name="before">The gate as it stood; null when <paramref name="after"/> was just opened.</param>
    Task SavedAsync(StoreTransaction transaction, Gate? before, Gate after);
}
