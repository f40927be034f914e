using System.Globalization;
using SecBot.Domain.Incidents;
using SecBot.Domain.Reviews;

namespace SecBot.Storage.Timers;

/// <summary>
/// Notes something SecBot failed to do on the timeline of what it concerned: a subject <c>INC-n</c> goes to the
/// incident's timeline, <c>REV-n</c> to the gate's. Any other subject, or one naming nothing stored, writes nothing.
/// Every note is written in the caller's transaction, so it holds no store of its own.
/// </summary>
public sealed class SubjectTimeline
{
    /// <summary>A message about the subject was dead-lettered.</summary>
    public const string DeliveryFailed = "delivery-failed";

    /// <summary>A person could not be paged on a platform (no way to reach them there yet).</summary>
    public const string Unreachable = "unreachable";

    /// <summary>A timer on the subject kept failing and was parked.</summary>
    public const string TimerFailed = "timer-failed";

    /// <summary>Something SecBot had given up on (a dead letter, a parked timer) about the subject was re-queued by a person.</summary>
    public const string Requeued = "requeued";

    /// <summary>Appends the note as <c>secbot</c>, stamped with the transaction's time; false when the subject names no incident or gate.</summary>
    public Task<bool> AppendAsync(StoreTransaction transaction, string? subject, string kind, string detail) =>
        AppendAsync(transaction, subject, kind, detail, null);

    /// <summary>Appends the note as <paramref name="actor"/> (a roster person id; <c>secbot</c> when null), stamped with the transaction's time; false when the subject names no incident or gate.</summary>
    public async Task<bool> AppendAsync(StoreTransaction transaction, string? subject, string kind, string detail, string? actor)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(detail);
        if (TryNumber(subject, IncidentKey.Prefix, out var incident))
        {
            if (await transaction.ExecuteScalarAsync<long>("SELECT count(*) FROM incidents WHERE id = @Id", new { Id = incident }) == 0) return false;
            await transaction.AppendIncidentEventAsync(incident, kind, actor ?? IncidentEvent.System, detail);
            return true;
        }

        if (TryNumber(subject, GateKey.Prefix, out var gate))
        {
            return await transaction.ExecuteAsync(
                """
                INSERT INTO gate_events (gate_id, at, kind, actor, detail)
                SELECT @Id, @At, @Kind, @Actor, @Detail WHERE EXISTS (SELECT 1 FROM gates WHERE id = @Id)
                """,
                new { Id = gate, At = transaction.Now, Kind = kind, Actor = actor ?? GateEvent.System, Detail = detail }) == 1;
        }

        return false;
    }

    private static bool TryNumber(string? subject, string prefix, out long number)
    {
        number = 0;
        return subject is not null
            && subject.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && long.TryParse(subject.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out number)
            && number > 0;
    }
}
