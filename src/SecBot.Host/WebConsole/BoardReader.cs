using SecBot.Chat.Delivery;
using SecBot.Chat.Ids;
using SecBot.Chat.Incidents;
using SecBot.Chat.OnCall;
using SecBot.Chat.Reviews;
using SecBot.Domain;
using SecBot.Domain.Incidents;
using SecBot.Domain.Policy;
using SecBot.Domain.Reviews;
using SecBot.Domain.Roster;
using SecBot.Storage;
using SecBot.Storage.Delivery;
using SecBot.Storage.Incidents;
using SecBot.Storage.Reviews;
using SecBot.Storage.Roster;
using SecBot.Storage.Timers;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Host.WebConsole;

/// <summary>
/// Reads the board from the store through the repositories <c>status</c>, <c>reviews</c>, <c>oncall</c> and <c>retry</c>
/// read, at the host's <see cref="TimeProvider"/> now. On call is the domain's <see cref="OnCallResolver"/>, as paging uses it.
/// </summary>
public sealed class BoardReader(
    IStore store,
    IncidentRepository incidents,
    GateRepository gates,
    OverrideRepository overrides,
    DeadLetters deadLetters,
    TimerFailures timerFailures,
    EscalationPolicy escalation,
    ReviewCards reviewCards,
    RosterModel roster,
    TimeProvider time)
{
    /// <summary>How many dead letters, and how many parked timers, the board lists (the newest); it counts them all.</summary>
    public const int FailuresListed = 50;

    public async Task<BoardSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var covers = await overrides.ListOverlappingAsync(now, DateTimeOffset.MaxValue, cancellationToken);
        return await store.ReadAsync(
            async connection =>
            {
                var open = await incidents.ListOpenAsync(connection, cancellationToken);
                var openGates = await gates.ListOpenAsync(connection, cancellationToken);
                var dead = await deadLetters.ListAsync(connection, FailuresListed, cancellationToken);
                var deadCount = await deadLetters.CountAsync(connection, cancellationToken);
                var parked = await timerFailures.ListParkedAsync(connection, FailuresListed, cancellationToken);
                var parkedCount = await timerFailures.CountParkedAsync(connection, cancellationToken);
                return new BoardSnapshot(
                    now,
                    [.. open.Select(i => IncidentOf(i, now))],
                    [.. openGates.Select(g => GateOf(g, now))],
                    OnCallAt(new OnCallResolver(roster, covers), now),
                    new BoardFailures(deadCount, [.. dead.Select(DeadLetterOf)]),
                    new BoardFailures(parkedCount, [.. parked.Select(t => new BoardFailure(RetryId.Timer(t.Id).ToString(), t.FailedAt, DeliveryWarnings.Describe(t)))]));
            },
            cancellationToken);
    }

    private BoardIncident IncidentOf(Incident incident, DateTimeOffset now)
    {
        var paged = incident.Pages
            .Where(p => string.Equals(p.Level, incident.Level, StringComparison.OrdinalIgnoreCase))
            .Select(p => p.PersonId)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(roster.PersonName)
            .ToList();
        var acknowledged = incident.State == IncidentState.Acknowledged;
        var due = AckDeadline.Of(incident, escalation);
        return new BoardIncident(
            incident.Key,
            incident.Title,
            incident.Type,
            incident.Level,
            now - incident.DeclaredAt,
            paged,
            acknowledged ? roster.PersonName(incident.AcknowledgedBy) : null,
            acknowledged ? incident.AcknowledgedAt : null,
            due?.NextTimerAt,
            due is null ? null : IncidentCards.NextStep(due));
    }

    private BoardGate GateOf(Gate gate, DateTimeOffset now)
    {
        var state = gate.State == GateState.ChangesRequested ? $"changes requested; waiting for {roster.PersonName(gate.RequestedBy)} to resubmit" : "open";
        if (reviewCards.View(gate) is not { } view) return new BoardGate(gate.Key, gate.Title, gate.Type, roster.PersonName(gate.RequestedBy), $"{state} (its type is gone from the policy)", []);

        var stages = Enumerable.Range(1, view.Type.Stages.Count).Select(number => new BoardStage(
            reviewCards.StageLabel(gate, number),
            number == gate.StageNumber && gate.State == GateState.Open,
            [.. view.StageAt(number).Required.Select(seatId => SeatOf(view, number, seatId, now))]));
        return new BoardGate(gate.Key, gate.Title, reviewCards.TypeName(gate.Type), roster.PersonName(gate.RequestedBy), state, [.. stages]);
    }

    private BoardSeat SeatOf(GateView view, int stage, string seatId, DateTimeOffset now)
    {
        var gate = view.Gate;
        var name = reviewCards.SeatName(seatId);
        var fill = gate.CurrentSignOffs.FirstOrDefault(s =>
            s.StageNumber == stage && s.FillsRequiredSeat && s.SeatId.Equals(seatId, StringComparison.OrdinalIgnoreCase));
        if (fill is not null)
        {
            var how = fill.IsOverride ? "overridden" : "signed";
            return new BoardSeat(name, roster.PersonName(fill.PersonId), [], $"{how} {ReadableTime.Utc(fill.At)}");
        }

        if (stage > gate.StageNumber) return new BoardSeat(name, null, [], "a later stage");
        if (gate.State != GateState.Open) return new BoardSeat(name, null, [], "not signed");
        var reviewers = view.SeatOfType(seatId) is { } seat ? view.ReviewersFor(seat, now) : [];
        return reviewers.Count == 0
            ? new BoardSeat(name, null, [], "nobody can sign it; a manager may override")
            : new BoardSeat(name, null, [.. reviewers.Select(roster.PersonName)], "waiting");
    }

    /// <summary>
    /// Each level's page targets for every incident type (a target only some types page is labelled with them: aws pages
    /// its own engineers at L1), then any rotation no level pages: who now (until when), and who after that.
    /// </summary>
    private IReadOnlyList<BoardOnCall> OnCallAt(OnCallResolver resolver, DateTimeOffset now)
    {
        var rows = new List<BoardOnCall>();
        var listed = new HashSet<PageTarget>();
        foreach (var level in escalation.Levels)
        {
            var typesPaging = new Dictionary<PageTarget, List<string>>();
            var order = new List<PageTarget>();
            foreach (var type in escalation.Types)
            {
                foreach (var target in escalation.TargetsFor(type.Id, level))
                {
                    if (!typesPaging.TryGetValue(target, out var types))
                    {
                        types = [];
                        typesPaging[target] = types;
                        order.Add(target);
                    }

                    types.Add(type.Id);
                }
            }

            foreach (var target in order)
            {
                listed.Add(target);
                var types = typesPaging[target];
                rows.Add(Row(types.Count == escalation.Types.Count ? level.Name : $"{level.Name} ({string.Join(", ", types)})", target));
            }
        }

        foreach (var rotation in roster.Rotations.Where(r => !listed.Contains(r.Target)))
        {
            rows.Add(Row("", rotation.Target));
        }

        return rows;

        BoardOnCall Row(string level, PageTarget target)
        {
            var current = resolver.Resolve(target, now);
            var next = current.Until is { } until ? OnCallText.Who(resolver.Resolve(target, until), roster) : "no change known";
            return new BoardOnCall(level, OnCallText.Describe(target, roster), OnCallText.Who(current, roster), next);
        }
    }

    private BoardFailure DeadLetterOf(OutboxEntry entry)
    {
        var message = UndeliveredMessage.From(entry, roster.PersonName);
        return new BoardFailure(RetryId.Message(entry.Id).ToString(), message.At, message.Summary);
    }
}
