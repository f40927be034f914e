using SecBot.Chat.Incidents;
using SecBot.Domain.Incidents;
using SecBot.Storage;
using SecBot.Storage.Alerts;

namespace SecBot.Chat.Alerts;

/// <summary>
/// Turns alerts into incidents. Requests are committed by one writer in groups: every request waiting when a
/// transaction starts joins it, so a hot dedup key's N repeats cost one row update and one timeline entry, not N
/// transactions, and a request's task completes only once the transaction holding its alerts has committed.
/// A group that fails is retried request by request, so one bad request never fails the others. An alert the engine
/// refuses fails its request with <see cref="AlertRefusedException"/>: nothing of it is recorded, and never silently. A
/// request that would open more incidents than its routing key may (<see cref="NewIncidentLimit"/>) is left out whole and
/// fails with <see cref="AlertRateLimitedException"/>; repeats of open keys are never limited.
/// </summary>
public sealed class AlertIntake(IStore store, AlertKeyRepository keys, IncidentCommands incidents, EscalationEngine engine, AlertLevels levels, NewIncidentLimit newIncidents)
{
    /// <summary>Alerts per transaction, at most: a long queue is committed in several, each releasing its requests.</summary>
    private const int MaxAlertsPerCommit = 2000;

    public const string TriggeredEvent = "alert-triggered";
    public const string RepeatedEvent = "alert-repeated";

    private readonly Lock _gate = new();
    private List<Submission> _waiting = [];
    private bool _writing;

    /// <summary>Applies <paramref name="alerts"/> (one request's) in one transaction; completes when it has committed.</summary>
    public Task SubmitAsync(AlertRoute route, IReadOnlyList<AlertEvent> alerts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(alerts);
        if (alerts.Count == 0) return Task.CompletedTask;
        var submission = new Submission(route, alerts);
        bool startWriter;
        lock (_gate)
        {
            _waiting.Add(submission);
            startWriter = !_writing;
            _writing = true;
        }

        if (startWriter) _ = Task.Run(WriteWaitingAsync, CancellationToken.None);
        return submission.Committed.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteWaitingAsync()
    {
        while (TakeGroup() is { } group)
        {
            try
            {
                await store.WriteAsync(transaction => ApplyAsync(transaction, group), CancellationToken.None);
                foreach (var submission in group) submission.Finish();
            }
            catch (Exception) when (group.Count > 1)
            {
                foreach (var submission in group) await WriteAloneAsync(submission);
            }
            catch (Exception e)
            {
                group[0].Committed.TrySetException(e);
            }
        }
    }

    private async Task WriteAloneAsync(Submission submission)
    {
        try
        {
            await store.WriteAsync(transaction => ApplyAsync(transaction, [submission]), CancellationToken.None);
            submission.Finish();
        }
        catch (Exception e)
        {
            submission.Committed.TrySetException(e);
        }
    }

    private List<Submission>? TakeGroup()
    {
        lock (_gate)
        {
            if (_waiting.Count == 0)
            {
                _writing = false;
                return null;
            }

            var group = new List<Submission>();
            var alerts = 0;
            var taken = 0;
            while (taken < _waiting.Count && (group.Count == 0 || alerts + _waiting[taken].Alerts.Count <= MaxAlertsPerCommit))
            {
                alerts += _waiting[taken].Alerts.Count;
                group.Add(_waiting[taken++]);
            }

            _waiting.RemoveRange(0, taken);
            return group;
        }
    }

    /// <summary>Every alert of the group, in arrival order, in the caller's transaction.</summary>
    private async Task ApplyAsync(StoreTransaction transaction, IReadOnlyList<Submission> group)
    {
        transaction.Record(metrics => metrics.WriterBatch("alert-intake", group.Count));
        await keys.TakeTurnAsync(transaction);
        var known = new Dictionary<(string KeySpace, string DedupKey), AlertKey>();
        foreach (var keySpace in group.GroupBy(s => s.Route.KeySpace, StringComparer.Ordinal))
        {
            var found = await keys.FindAsync(transaction, keySpace.Key, [.. keySpace.SelectMany(s => s.Alerts).Select(a => a.DedupKey)]);
            foreach (var (dedupKey, key) in found) known[(keySpace.Key, dedupKey)] = key;
        }

        var repeats = new Dictionary<(string KeySpace, string DedupKey), (AlertRoute Route, long Count)>();
        foreach (var submission in group)
        {
            // Decided once: a group retried request by request must not take a request's permits twice.
            if (!submission.LimitAsked)
            {
                submission.RateLimited = newIncidents.TryTake(submission.Route, NewIncidents(submission, known));
                submission.LimitAsked = true;
            }

            if (submission.RateLimited is not null) continue;
            foreach (var alert in submission.Alerts)
            {
                var id = (submission.Route.KeySpace, alert.DedupKey);
                var open = known.TryGetValue(id, out var key) && key.IncidentOpen ? key : null;
                if (alert.Action == AlertAction.Trigger && open is not null)
                {
                    repeats[id] = (submission.Route, (repeats.TryGetValue(id, out var counted) ? counted.Count : 0) + 1);
                    continue;
                }

                await FlushRepeatsAsync(transaction, repeats, known, id);
                if (alert.Action == AlertAction.Trigger)
                {
                    known[id] = await OpenAsync(transaction, submission.Route, alert);
                }
                else if (open is not null)
                {
                    var closed = await ActAsync(transaction, submission.Route, alert, open.IncidentId);
                    if (closed) known[id] = open with { IncidentOpen = false };
                }
            }
        }

        foreach (var id in repeats.Keys.ToList()) await FlushRepeatsAsync(transaction, repeats, known, id);
    }

    /// <summary>How many incidents the submission's alerts would open, given the keys open now.</summary>
    private static int NewIncidents(Submission submission, Dictionary<(string KeySpace, string DedupKey), AlertKey> known)
    {
        var open = new Dictionary<string, bool>(StringComparer.Ordinal);
        var count = 0;
        foreach (var alert in submission.Alerts)
        {
            var isOpen = open.TryGetValue(alert.DedupKey, out var seen) ? seen : known.TryGetValue((submission.Route.KeySpace, alert.DedupKey), out var key) && key.IncidentOpen;
            if (alert.Action == AlertAction.Trigger && !isOpen) count++;
            if (alert.Action == AlertAction.Trigger) open[alert.DedupKey] = true;
            else if (alert.Action == AlertAction.Resolve) open[alert.DedupKey] = false;
        }

        return count;
    }

    private async Task<AlertKey> OpenAsync(StoreTransaction transaction, AlertRoute route, AlertEvent alert)
    {
        var level = levels.For(route.Level, alert.Severity);
        var request = new DeclareIncident(alert.Title, level, route.Type, route.Source.ActorId);
        var outcome = await incidents.DeclareAsync(transaction, (number, onCall, now) => engine.DeclareByAlert(request, route.Source, alert.Links, number, onCall, now));
        if (outcome.Value is not { } decision) throw new AlertRefusedException(alert.DedupKey, outcome.Refusal ?? "the engine declined it");

        var number = decision.Incident.Number;
        await keys.OpenAsync(transaction, route.KeySpace, alert.DedupKey, number);
        var links = alert.Links.Count == 0 ? "" : "; links: " + string.Join(", ", alert.Links.Select(l => $"{l.Text} {l.Url}"));
        var severity = alert.Severity is null ? "" : $", severity {alert.Severity}";
        await transaction.AppendIncidentEventAsync(
            number, TriggeredEvent, route.Source.ActorId, $"alert {alert.DedupKey} from {route.Source.Name}{severity}: {alert.Details}{links}");
        return new AlertKey(route.KeySpace, alert.DedupKey, number, 0, IncidentOpen: true);
    }

    /// <summary>Acknowledges or resolves the key's open incident as the alert source; true when it is resolved now.</summary>
    private async Task<bool> ActAsync(StoreTransaction transaction, AlertRoute route, AlertEvent alert, long incidentId)
    {
        var source = route.Source;
        var outcome = alert.Action == AlertAction.Acknowledge
            ? await incidents.ActAsync(transaction, incidentId, (incident, _, now) => engine.AcknowledgeBySource(incident, source, now), $"Acknowledged by alert source {source.Name}")
            : await incidents.ActAsync(transaction, incidentId, (incident, _, now) => engine.ResolveBySource(incident, source, Summary(alert), now), $"Resolved by alert source {source.Name}");
        return outcome?.Value is { Incident.IsOpen: false };
    }

    private static string Summary(AlertEvent alert) =>
        string.IsNullOrWhiteSpace(alert.Details) ? $"alert {alert.DedupKey} resolved" : $"alert {alert.DedupKey} resolved ({alert.Details})";

    private async Task FlushRepeatsAsync(
        StoreTransaction transaction, Dictionary<(string, string), (AlertRoute Route, long Count)> repeats, Dictionary<(string, string), AlertKey> known, (string KeySpace, string DedupKey) id)
    {
        if (!repeats.Remove(id, out var pending)) return;
        var key = known[id];
        var total = await keys.AddRepeatsAsync(transaction, id.KeySpace, id.DedupKey, pending.Count);
        var times = pending.Count == 1 ? "once more" : $"{pending.Count} more times";
        await transaction.AppendIncidentEventAsync(
            key.IncidentId, RepeatedEvent, pending.Route.Source.ActorId,
            $"alert {id.DedupKey} from {pending.Route.Source.Name} fired {times} ({total} repeats since it opened); nobody paged");
    }

    private sealed record Submission(AlertRoute Route, IReadOnlyList<AlertEvent> Alerts)
    {
        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool LimitAsked { get; set; }

        /// <summary>The limit's refusal; null when the request may open its incidents.</summary>
        public AlertRateLimitedException? RateLimited { get; set; }

        /// <summary>Its transaction has committed: done, or refused by the limit with nothing of it recorded.</summary>
        public void Finish()
        {
            if (RateLimited is { } limited) Committed.TrySetException(limited);
            else Committed.TrySetResult();
        }
    }
}
