using SecBot.Domain.Reviews;
using SecBot.Storage;
using SecBot.Storage.Reviews;
using SecBot.Storage.Timers;

namespace SecBot.Chat.Reviews;

/// <summary>Review deadlines: remind the pending reviewers after a day, tell their team managers after three; overtaken timers do nothing.</summary>
public sealed class ReviewTimerHandler(ReviewCommands reviews) : ITimerHandler
{
    public string Kind => ReviewTimer.Kind;

    public Task FireAsync(StoreTransaction transaction, DueTimer timer)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return reviews.FireTimerAsync(transaction, ReviewTimerPayload.Read(timer.Payload, timer.DueAt));
    }
}
