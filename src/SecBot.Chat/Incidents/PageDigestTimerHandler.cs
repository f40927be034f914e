using SecBot.Storage;
using SecBot.Storage.Timers;

namespace SecBot.Chat.Incidents;

/// <summary>A person's page digest came due (<see cref="PageStorm"/>).</summary>
public sealed class PageDigestTimerHandler(PageStorm storm) : ITimerHandler
{
    public string Kind => PageStorm.DigestTimerKind;

    public Task FireAsync(StoreTransaction transaction, DueTimer timer)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return storm.SendDigestAsync(transaction, timer.Payload ?? throw new InvalidOperationException($"page digest timer {timer.Id} names nobody"));
    }
}
