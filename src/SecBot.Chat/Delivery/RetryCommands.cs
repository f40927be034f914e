using SecBot.Chat.Conversation;
using SecBot.Chat.Ids;
using SecBot.Domain;
using SecBot.Domain.Roster;
using SecBot.Storage;
using SecBot.Storage.Delivery;
using SecBot.Storage.Requeues;
using SecBot.Storage.Timers;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Chat.Delivery;

/// <summary>
/// <c>retry</c> lists what SecBot gave up on, by the ids <c>status</c> shows (<see cref="RetryId"/>); <c>retry MSG-n|TMR-n</c>
/// re-queues one. Only a team manager (a SecOps or SecEng manager in the shipped policy) may re-queue, checked in the
/// transaction that does it; the re-queue is noted on the timeline of the incident or gate it concerns, as done by the
/// manager, and every re-queue is audited (<see cref="RequeueLog"/>), the only record of one that concerns nothing.
/// </summary>
public sealed class RetryCommands(
    IStore store, DeadLetters deadLetters, TimerFailures timerFailures, SubjectTimeline subjectTimeline, RequeueLog requeueLog, RosterModel roster)
{
    /// <summary>How many undelivered messages, and how many parked timers, <c>retry</c> lists (the newest).</summary>
    public const int ListedAtMost = 20;

    private const string Usage = "retry [MSG-n|TMR-n]";

    /// <summary>Anyone on the roster may look: the same failures <c>status</c> counts, each with its id.</summary>
    public Task<ChatReply> ListAsync(CancellationToken cancellationToken) =>
        store.ReadAsync(
            async connection =>
            {
                var dead = await deadLetters.ListAsync(connection, ListedAtMost, cancellationToken);
                var parked = await timerFailures.ListParkedAsync(connection, ListedAtMost, cancellationToken);
                if (dead.Count == 0 && parked.Count == 0) return ChatReply.Private("Nothing to retry: every message was delivered or is still being tried, and no timer was given up on.");

                var lines = new List<string>();
                if (dead.Count > 0)
                {
                    lines.Add("Undelivered messages:");
                    lines.AddRange(dead.Select(ListLine));
                }

                if (parked.Count > 0)
                {
                    lines.Add("Timers given up on:");
                    lines.AddRange(parked.Select(t => $"{RetryId.Timer(t.Id)} · {ReadableTime.Utc(t.FailedAt)} · {DeliveryWarnings.Describe(t)}"));
                }

                lines.Add($"{Article.A(ManagerNames)} re-queues one with retry <id>.");
                return ChatReply.Private(string.Join('\n', lines));
            },
            cancellationToken);

    public Task<ChatReply> RetryAsync(Person caller, RetryId id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return store.WriteAsync(
            async transaction =>
            {
                if (!roster.IsManager(caller.Id, transaction.Now))
                {
                    return ChatReply.Refusal($"Only {Article.A(ManagerNames)} can retry {id}; retry alone lists what is waiting.");
                }

                var requeued = id.Target == RequeueTarget.Timer
                    ? await RequeueTimerAsync(transaction, id)
                    : await RequeueMessageAsync(transaction, id);
                if (requeued is not { } done)
                {
                    return ChatReply.Refusal(
                        id.Target == RequeueTarget.Timer
                            ? $"{id} is not a timer SecBot gave up on (it fired, is still waiting, or does not exist); retry lists what can be retried."
                            : $"{id} is not an undelivered message (it was delivered, is still being tried, or does not exist); retry lists what can be retried.",
                        Usage);
                }

                var detail = $"{caller.Name} re-queued {id}: {done.What}";
                await subjectTimeline.AppendAsync(transaction, done.Subject, SubjectTimeline.Requeued, detail, caller.Id);
                await requeueLog.AppendAsync(transaction, caller.Id, id.Target, id.Number, done.Subject, detail);
                return ChatReply.Private($"{id} is re-queued and will be tried again now: {done.What}") with { Committed = true };
            },
            cancellationToken);
    }

    private string ManagerNames => roster.RoleNames(roster.ManagerRoles);

    /// <summary>"MSG-7 · Mon 2 Mar 09:00 UTC · Slack DM to Maya Chen (INC-1): invalid_auth": when it was given up on, and what it was.</summary>
    private string ListLine(OutboxEntry entry)
    {
        var message = UndeliveredMessage.From(entry, roster.PersonName);
        return $"{RetryId.Message(entry.Id)} · {ReadableTime.Utc(message.At)} · {message.Summary}";
    }

    private async Task<Requeued?> RequeueMessageAsync(StoreTransaction transaction, RetryId id)
    {
        if (await deadLetters.RequeueAsync(transaction, id.Number) is not { } entry) return null;
        var message = UndeliveredMessage.From(entry, roster.PersonName);
        var since = entry.DeadAt is { } deadAt ? $", given up on {ReadableTime.Utc(deadAt)}" : "";
        return new Requeued(message.Subject, $"{PlatformNames.Of(message.Platform)} {message.Destination}{since} after {ReadableTime.Count(entry.Attempts, "attempt")}: {message.Error}");
    }

    private async Task<Requeued?> RequeueTimerAsync(StoreTransaction transaction, RetryId id)
    {
        if (await timerFailures.RequeueAsync(transaction, id.Number) is not { } timer) return null;
        return new Requeued(timer.Subject, $"{DeliveryWarnings.Describe(timer)} (given up on {ReadableTime.Utc(timer.FailedAt)})");
    }

    private sealed record Requeued(string? Subject, string What);
}
