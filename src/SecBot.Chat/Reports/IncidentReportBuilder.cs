using System.Globalization;
using System.Text.RegularExpressions;
using SecBot.Chat.Alerts;
using SecBot.Domain.Incidents;
using SecBot.Domain.Reviews;
using SecBot.Storage;
using SecBot.Storage.Incidents;
using SecBot.Storage.Ledger;
using SecBot.Storage.Reports;

namespace SecBot.Chat.Reports;

/// <summary>
/// Builds an <see cref="IncidentReport"/> from what the store holds, read on one connection: the incident and its pages,
/// its timeline, the review gates linked to it (<c>gates.incident_id</c>: the review its resolve opened) and their
/// records in the sign-off ledger. Read-only. Names are the ones the roster sync stored, so the command line, with no
/// policy loaded, names people as the chat does.
/// </summary>
public sealed partial class IncidentReportBuilder(IStore store)
{
    private readonly IncidentRepository _incidents = new(store);
    private readonly IncidentReportReads _reads = new();

    /// <summary>The report on incident <paramref name="number"/> as of <paramref name="now"/>; null when there is no such incident.</summary>
    public Task<IncidentReport?> BuildAsync(long number, DateTimeOffset now, CancellationToken cancellationToken) =>
        store.ReadAsync(
            async connection =>
            {
                if (await _incidents.LoadAsync(connection, null, number, cancellationToken) is not { } incident) return null;
                var timeline = await _incidents.TimelineAsync(connection, number, cancellationToken);
                var gates = await _reads.LinkedGatesAsync(connection, number, cancellationToken);
                var ledger = await _reads.LinkedLedgerAsync(connection, number, cancellationToken);
                var names = await _reads.PeopleNamesAsync(connection, cancellationToken);
                return Build(incident, timeline, gates, ledger, names, now);
            },
            cancellationToken);

    private static IncidentReport Build(
        Incident incident, IReadOnlyList<IncidentEvent> timeline, IReadOnlyList<Gate> gates, IReadOnlyList<LedgerRecord> ledger,
        IReadOnlyDictionary<string, string> names, DateTimeOffset now)
    {
        ReportActor Actor(string? id) => id is null ? new ReportActor("", "nobody") : new ReportActor(id, NameOf(id, names));

        var escalations = timeline
            .Where(e => e.Kind is IncidentEventKinds.Escalated or IncidentEventKinds.AutoEscalated)
            .Select(e => Escalation(e, Actor(e.Actor)))
            .OfType<ReportEscalation>()
            .ToList();
        var declaredLevel = escalations.Count > 0 ? escalations[0].From : incident.Level;

        var acknowledgements = new List<ReportAcknowledgement>();
        var level = declaredLevel;
        foreach (var entry in timeline)
        {
            if (entry.Kind is IncidentEventKinds.Escalated or IncidentEventKinds.AutoEscalated && Escalation(entry, Actor(entry.Actor)) is { } step) level = step.To;
            if (entry.Kind == IncidentEventKinds.Acknowledged) acknowledgements.Add(new ReportAcknowledgement(entry.At, Actor(entry.Actor), level));
        }

        var firstAck = acknowledgements.Count > 0 ? acknowledgements[0].At : (DateTimeOffset?)null;
        return new IncidentReport
        {
            Key = incident.Key,
            Number = incident.Number,
            Title = incident.Title,
            Type = incident.Type,
            Level = incident.Level,
            DeclaredLevel = declaredLevel,
            State = incident.State.ToString().ToLowerInvariant(),
            DeclaredBy = Actor(incident.DeclaredBy),
            DeclaredAt = incident.DeclaredAt,
            Lead = incident.LeadPersonId is { } lead ? Actor(lead) : null,
            Pages = [.. incident.Pages.OrderBy(p => p.PagedAt).Select(p => new ReportPage(p.PagedAt, Actor(p.PersonId), p.Level, p.Attempt, p.Reason.ToString(), p.Note))],
            Acknowledgements = acknowledgements,
            Escalations = escalations,
            Alerts = [.. timeline.Where(e => e.Kind is AlertIntake.TriggeredEvent or AlertIntake.RepeatedEvent).Select(Alert)],
            Resolution = incident.ResolvedAt is { } resolvedAt ? new ReportResolution(resolvedAt, Actor(incident.ResolvedBy), incident.Summary) : null,
            Durations = new ReportDurations(
                firstAck is { } acknowledged ? (acknowledged - incident.DeclaredAt).TotalSeconds : null,
                incident.ResolvedAt is { } resolved ? (resolved - incident.DeclaredAt).TotalSeconds : null),
            Timeline = [.. timeline.Select(e => new ReportEntry(e.At, e.Kind, Actor(e.Actor), e.Detail))],
            Gates = [.. gates.Select(g => Gate(g, ledger.Where(r => r.GateId == g.Number), Actor))],
            GeneratedAt = now,
        };
    }

    /// <summary>A person's stored name; SecBot itself; an alert source by its name; else the id as recorded.</summary>
    private static string NameOf(string id, IReadOnlyDictionary<string, string> names)
    {
        if (names.TryGetValue(id, out var name)) return name;
        if (id == IncidentEvent.System) return "SecBot";
        return AlertSource.IsSource(id) ? $"alert source {id[AlertSource.ActorPrefix.Length..]}" : id;
    }

    /// <summary>
    /// An escalation row as the engine writes it: <c>escalated L1 → L2 by Name: reason</c> or
    /// <c>escalated L1 → L2 automatically: why</c>. Null for a row in another form (nothing is made up).
    /// </summary>
    private static ReportEscalation? Escalation(IncidentEvent entry, ReportActor by)
    {
        var match = EscalationRow().Match(entry.Detail);
        if (!match.Success) return null;
        var automatic = entry.Kind == IncidentEventKinds.AutoEscalated;
        var rest = match.Groups["rest"].Value;
        string? reason;
        if (automatic)
        {
            reason = rest.StartsWith(AutomaticallyPrefix, StringComparison.Ordinal) ? rest[AutomaticallyPrefix.Length..] : null;
        }
        else
        {
            // "by <name>" then ": <reason>" when one was given; the name is the one recorded, which may hold a colon itself.
            var afterBy = rest.StartsWith("by ", StringComparison.Ordinal) ? rest[3..] : rest;
            var named = afterBy.StartsWith(by.Name, StringComparison.Ordinal) ? afterBy[by.Name.Length..] : afterBy[Math.Max(afterBy.IndexOf(':', StringComparison.Ordinal), 0)..];
            reason = named.StartsWith(": ", StringComparison.Ordinal) ? named[2..] : null;
        }

        return new ReportEscalation(entry.At, automatic, by, match.Groups["from"].Value, match.Groups["to"].Value, string.IsNullOrEmpty(reason) ? null : reason);
    }

    private const string AutomaticallyPrefix = "automatically: ";

    private static ReportAlert Alert(IncidentEvent entry)
    {
        var source = AlertSource.IsSource(entry.Actor) ? entry.Actor[AlertSource.ActorPrefix.Length..] : entry.Actor;
        if (entry.Kind == AlertIntake.TriggeredEvent) return new ReportAlert(entry.At, source, "triggered", 0, entry.Detail);
        var times = RepeatCount().Match(entry.Detail);
        var repeats = !times.Success ? 0 : times.Groups["n"].Success ? long.Parse(times.Groups["n"].Value, CultureInfo.InvariantCulture) : 1;
        return new ReportAlert(entry.At, source, "repeated", repeats, entry.Detail);
    }

    private static ReportGate Gate(Gate gate, IEnumerable<LedgerRecord> records, Func<string?, ReportActor> actor) => new()
    {
        Key = gate.Key,
        Number = gate.Number,
        Type = gate.Type,
        Title = gate.Title,
        State = gate.State switch
        {
            GateState.Open => "open",
            GateState.ChangesRequested => "changes-requested",
            _ => "approved",
        },
        RequestedBy = actor(gate.RequestedBy),
        OpenedAt = gate.RequestedAt,
        DecidedAt = gate.DecidedAt,
        SignOffs =
        [
            .. records.Select(r => new ReportSignOff(
                r.Id,
                DateTimeOffset.FromUnixTimeMilliseconds(r.At),
                r.Revision,
                r.Stage,
                r.Seat.Length == 0 ? null : r.Seat,
                r.PersonName is { } recorded ? new ReportActor(r.PersonId, recorded) : actor(r.PersonId),
                r.RoleHeld,
                r.Decision,
                r.Comment,
                r.IsOverride,
                r.IsStale)),
        ],
    };

    [GeneratedRegex(@"^escalated (?<from>\S+) → (?<to>\S+) (?<rest>.*)$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex EscalationRow();

    [GeneratedRegex(@"fired (?:(?<n>\d+) more times|once more)", RegexOptions.CultureInvariant)]
    private static partial Regex RepeatCount();
}
