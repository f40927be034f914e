using System.Data;
using System.Globalization;
using SecBot.Chat.Ids;
using SecBot.Domain;
using SecBot.Domain.Incidents;
using SecBot.Domain.Reviews;
using SecBot.Storage.Delivery;
using SecBot.Storage.Timers;

namespace SecBot.Chat.Delivery;

/// <summary>
/// What SecBot failed to do, for <c>status</c>: messages a platform keeps refusing (still being retried, e.g. while it is
/// down), messages it gave up delivering and timers it gave up firing. The last two stay until someone deals with them
/// (they are never dropped), so <c>status</c> keeps showing them, newest first and bounded.
/// </summary>
public sealed class DeliveryWarnings(DeadLetters deadLetters, TimerFailures timerFailures, OutboxBacklog backlog, TimeProvider time)
{
    /// <summary>How many undelivered messages (and parked timers) the open-incidents list names before it just counts.</summary>
    public const int NamedInSummary = 3;

    /// <summary>How many undelivered messages the status of one incident or gate lists.</summary>
    public const int ListedForSubject = 10;

    /// <summary>
    /// "⏳ 5 messages to Slack are waiting, …", "⚠ 2 messages could not be delivered (retry MSG-n re-queues one): MSG-7 Slack DM to …"
    /// and "⚠ 1 timer failed and was given up on (retry TMR-n re-queues one): TMR-3 the ack deadline of …"; empty when all is
    /// well. Each names the id <c>retry</c> takes.
    /// </summary>
    public async Task<IReadOnlyList<string>> SummaryAsync(IDbConnection connection, Func<string, string> personName, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var now = time.GetUtcNow();
        // Only a platform that failed: messages pending for the moment it takes to send them are no news.
        foreach (var platform in (await backlog.ListAsync(connection, cancellationToken)).Where(p => p.Retrying > 0))
        {
            lines.Add(
                $"⏳ {ReadableTime.Count(platform.Pending, "message")} to {PlatformNames.Of(platform.Platform)} {(platform.Pending == 1 ? "is" : "are")} waiting, "
                + $"the oldest for {ReadableTime.Span(platform.OldestPendingAge(now))}; {PlatformNames.Of(platform.Platform)} is being retried "
                + $"({OneLine.Shorten(platform.LastError)}). Nothing is lost: they go out in order once it answers.");
        }

        if (await deadLetters.CountAsync(connection, cancellationToken) is var dead and > 0)
        {
            var newest = await deadLetters.ListAsync(connection, NamedInSummary, cancellationToken);
            lines.Add(Warning(dead, "message could not be delivered", "messages could not be delivered", RetryId.MessagePrefix, newest.Select(m => $"{RetryId.Message(m.Id)} {UndeliveredMessage.From(m, personName).Summary}")));
        }

        if (await timerFailures.CountParkedAsync(connection, cancellationToken) is var parked and > 0)
        {
            var newest = await timerFailures.ListParkedAsync(connection, NamedInSummary, cancellationToken);
            lines.Add(Warning(parked, "timer failed and was given up on", "timers failed and were given up on", RetryId.TimerPrefix, newest.Select(t => $"{RetryId.Timer(t.Id)} {Describe(t)}")));
        }

        return lines;
    }

    /// <summary>"Undelivered messages:" and one line each (<c>MSG-7 · Mon 2 Mar 09:00 UTC · Slack DM to …</c>), for the status of <paramref name="subject"/>; null when there are none.</summary>
    public async Task<string?> AboutAsync(IDbConnection connection, string subject, Func<string, string> personName, CancellationToken cancellationToken)
    {
        var dead = await deadLetters.ListAboutAsync(connection, subject, ListedForSubject + 1, cancellationToken);
        if (dead.Count == 0) return null;
        var heading = dead.Count > ListedForSubject
            ? $"⚠ Undelivered messages (the newest {ListedForSubject.ToString(CultureInfo.InvariantCulture)}):"
            : "⚠ Undelivered messages:";
        return heading + "\n" + string.Join('\n', dead.Take(ListedForSubject).Select(m => $"{RetryId.Message(m.Id)} · {UndeliveredMessage.From(m, personName).Line}"));
    }

    private static string Warning(long total, string one, string many, string idPrefix, IEnumerable<string> newest)
    {
        var named = newest.ToList();
        var more = total > named.Count ? "; …" : "";
        return $"⚠ {total.ToString(CultureInfo.InvariantCulture)} {(total == 1 ? one : many)} (retry {idPrefix}-n re-queues one): {string.Join("; ", named)}{more}";
    }

    /// <summary>"the ack deadline of INC-1 (no automatic re-page or escalation) after 5 attempts: …": what a parked timer no longer does, and why.</summary>
    public static string Describe(ParkedTimer timer) =>
        $"{What(timer)} after {ReadableTime.Count(timer.Attempts, "attempt")}: {OneLine.Shorten(timer.LastError)}";

    /// <summary>What a given-up timer will no longer do, in people's words; an unknown kind by its name.</summary>
    private static string What(ParkedTimer timer) => timer.Kind switch
    {
        EscalationTimer.Kind => $"the ack deadline of {timer.Subject} (no automatic re-page or escalation)",
        ReviewTimer.Kind => $"the reminder or manager notice of {timer.Subject}",
        _ => $"{timer.Kind} for {timer.Subject}",
    };
}
