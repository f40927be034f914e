using System.Text.Json;
using System.Text.Json.Serialization;
using SecBot.Domain.Reviews;

namespace SecBot.Storage.Reviews;

/// <summary>
/// A <see cref="ReviewTimer"/> in the timers table: kind <see cref="ReviewTimer.Kind"/>, subject the gate's
/// <c>REV-n</c>, due_at the timer's due time, and this JSON payload:
/// <c>{"gate":7,"revision":2,"stage":1,"purpose":"reminder"}</c> (purpose <c>reminder</c> or <c>manager-notice</c>).
/// </summary>
public static class ReviewTimerPayload
{
    private const string Reminder = "reminder";
    private const string ManagerNotice = "manager-notice";

    public static string Write(ReviewTimer timer)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return JsonSerializer.Serialize(new Body(timer.GateNumber, timer.Revision, timer.StageNumber, FormatPurpose(timer.Purpose)));
    }

    /// <summary>The timer a stored payload describes; <see cref="InvalidDataException"/> when it is not one.</summary>
    public static ReviewTimer Read(string? payload, DateTimeOffset dueAt)
    {
        Body? body;
        try
        {
            body = JsonSerializer.Deserialize<Body>(payload ?? "");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"not a review timer payload: {payload}", e);
        }

        if (body is null || body.Gate <= 0 || body.Revision <= 0 || body.Stage <= 0)
        {
            throw new InvalidDataException($"not a review timer payload: {payload}");
        }

        return new ReviewTimer(body.Gate, body.Revision, body.Stage, ParsePurpose(body.Purpose), dueAt);
    }

    private static string FormatPurpose(ReviewTimerPurpose purpose) => purpose switch
    {
        ReviewTimerPurpose.Reminder => Reminder,
        ReviewTimerPurpose.ManagerNotice => ManagerNotice,
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, null),
    };

    private static ReviewTimerPurpose ParsePurpose(string? purpose) => purpose switch
    {
        Reminder => ReviewTimerPurpose.Reminder,
        ManagerNotice => ReviewTimerPurpose.ManagerNotice,
        _ => throw new InvalidDataException($"unknown review timer purpose '{purpose}'"),
    };

    private sealed record Body(
        [property: JsonPropertyName("gate")] long Gate,
        [property: JsonPropertyName("revision")] int Revision,
        [property: JsonPropertyName("stage")] int Stage,
        [property: JsonPropertyName("purpose")] string? Purpose);
}
