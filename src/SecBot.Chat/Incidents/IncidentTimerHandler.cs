using SecBot.Domain.Incidents;
using SecBot.Storage;
using SecBot.Storage.Incidents;
using SecBot.Storage.Timers;

namespace SecBot.Chat.Incidents;

/// <summary>Ack deadlines: re-page, escalate, or note that an acknowledgement got there first.</summary>
public sealed class IncidentTimerHandler(IncidentCommands incidents) : ITimerHandler
{
    public string Kind => EscalationTimer.Kind;

    public Task FireAsync(StoreTransaction transaction, DueTimer timer)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return incidents.FireAckTimeoutAsync(transaction, TimerPayload.Read(timer.Payload, timer.DueAt));
    }
}
