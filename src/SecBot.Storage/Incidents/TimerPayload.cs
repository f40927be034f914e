using System.Text.Json;
using SecBot.Domain.Incidents;

namespace SecBot.Storage.Incidents;

/// <summary>The ack timer's payload: which level and step of which incident it is for.</summary>
public static class TimerPayload
{
    public static string Write(EscalationTimer timer)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return JsonSerializer.Serialize(new Body(timer.IncidentNumber, timer.Level, timer.Step));
    }

    public static EscalationTimer Read(string? payload, DateTimeOffset dueAt)
    {
        var body = JsonSerializer.Deserialize<Body>(payload ?? "") ?? throw new InvalidDataException("empty timer payload");
        return new EscalationTimer(body.Incident, body.Level, body.Step, dueAt);
    }

    private sealed record Body(long Incident, string Level, int Step);
}
