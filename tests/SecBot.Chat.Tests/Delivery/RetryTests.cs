using SecBot.Chat.Delivery;
using SecBot.Chat.Tests.Support;
using SecBot.Storage;
using SecBot.Storage.Delivery;
using SecBot.Storage.Requeues;
using SecBot.Storage.Tests.Support;
using SecBot.Storage.Timers;

namespace SecBot.Chat.Tests.Delivery;

/// <summary>
/// <c>retry</c>: anyone lists what SecBot gave up on by the ids <c>status</c> shows; a team manager re-queues one, noted on
/// the timeline of what it concerns and audited; anyone else is refused, told who may, and nothing changes.
/// </summary>
public sealed class RetryTests
{
    private const string InvalidAuth = "chat.postMessage: invalid_auth";

    [Fact]
    public async Task A_manager_requeues_a_dead_letter_by_the_id_status_shows_and_it_is_noted_on_the_incident_and_audited()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        var number = await chat.DeclareAsync(NonManager(chat), "Suspicious login on VPN");
        var paged = await chat.FirstPagedAsync(number);
        var page = (await chat.OutboxAsync()).Single(m => m.IsPageTo(paged)).Id;
        await DeadLetterAsync(chat, page);
        var id = $"MSG-{page}";
        Assert.Contains($" {id} Slack DM to {chat.NameOf(paged)} (INC-{number})", (await chat.SayAsync(NonManager(chat), "status")).Text, StringComparison.Ordinal);
        Assert.Matches($"^Undelivered messages:\n{id} · .* UTC · Slack DM to {chat.NameOf(paged)} \\(INC-{number}\\): chat.postMessage: invalid_auth\n", (await chat.SayAsync(NonManager(chat), "retry")).Text);
        chat.Time.Advance(TimeSpan.FromMinutes(5));
        var manager = Manager(chat);

        var reply = await chat.SayAsync(manager, "retry " + id.ToLowerInvariant());

        Assert.False(reply.IsRefusal, reply.Text);
        Assert.StartsWith($"{id} is re-queued and will be tried again now: Slack DM to {chat.NameOf(paged)}", reply.Text, StringComparison.Ordinal);
        var row = (await chat.Store.OutboxEntriesAsync()).Single(m => m.Id == page);
        Assert.Equal((OutboxState.Pending, 0, chat.Time.GetUtcNow()), (row.State, row.Attempts, row.NextAttemptAt));
        var note = (await chat.TimelineAsync(number))[^1];
        Assert.Equal((SubjectTimeline.Requeued, manager), (note.Kind, note.Actor));
        Assert.StartsWith($"{chat.NameOf(manager)} re-queued {id}: Slack DM to {chat.NameOf(paged)}, given up on ", note.Detail, StringComparison.Ordinal);
        var audit = Assert.Single(await chat.Store.RequeuesAsync());
        Assert.Equal((manager, RequeueTarget.Message, page, $"INC-{number}", note.Detail), (audit.Actor, audit.Target, audit.TargetId, audit.Subject, audit.Detail));
        Assert.DoesNotContain("could not be delivered", (await chat.SayAsync(manager, "status")).Text, StringComparison.Ordinal);

        var again = await chat.SayAsync(manager, "retry " + id);
        Assert.True(again.IsRefusal);
        Assert.StartsWith($"{id} is not an undelivered message", again.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manager_requeues_a_parked_timer_and_the_clock_fires_it()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        var number = await chat.DeclareAsync(NonManager(chat), "Suspicious login on VPN");
        var timer = (await chat.Store.TimersAsync()).Single(t => t.Subject == $"INC-{number}").Id;
        chat.Time.Advance(TimeSpan.FromMinutes(1));
        await chat.TimerFailures.RecordAsync(timer, "InvalidDataException: empty timer payload", _ => null, CancellationToken.None);
        Assert.Contains($"TMR-{timer} the ack deadline of INC-{number}", (await chat.SayAsync(NonManager(chat), "status")).Text, StringComparison.Ordinal);
        Assert.Contains($"Timers given up on:\nTMR-{timer} · ", (await chat.SayAsync(NonManager(chat), "retry")).Text, StringComparison.Ordinal);
        var manager = Manager(chat);

        var reply = await chat.SayAsync(manager, $"retry TMR-{timer}");

        Assert.False(reply.IsRefusal, reply.Text);
        Assert.Equal(SubjectTimeline.Requeued, (await chat.TimelineAsync(number))[^1].Kind);
        Assert.Equal((RequeueTarget.Timer, timer), (Assert.Single(await chat.Store.RequeuesAsync()).Target, Assert.Single(await chat.Store.RequeuesAsync()).TargetId));
        Assert.Equal(1, await chat.FireDueTimersAsync());
        Assert.Equal("Nothing to retry: every message was delivered or is still being tried, and no timer was given up on.", (await chat.SayAsync(manager, "retry")).Text);
    }

    [Fact]
    public async Task Someone_who_is_not_a_manager_is_refused_with_who_may_and_nothing_changes()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        var number = await chat.DeclareAsync(NonManager(chat), "Suspicious login on VPN");
        var paged = await chat.FirstPagedAsync(number);
        var page = (await chat.OutboxAsync()).First(m => m.IsPageTo(paged)).Id;
        await DeadLetterAsync(chat, page);
        var before = await chat.CountsAsync();

        var reply = await chat.SayAsync(NonManager(chat), $"retry MSG-{page}");

        Assert.True(reply.IsRefusal);
        Assert.Equal($"Only a Security Operations Manager or Security Engineering Manager can retry MSG-{page}; retry alone lists what is waiting.", reply.Text);
        Assert.Equal(before, await chat.CountsAsync());
        Assert.Equal(OutboxState.Dead, (await chat.Store.OutboxEntriesAsync()).Single(m => m.Id == page).State);
        Assert.Empty(await chat.Store.RequeuesAsync());
    }

    [Fact]
    public async Task A_dead_letter_about_nothing_is_requeued_with_the_audit_as_its_only_record()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        var id = await new OutboxRepository(chat.Store).EnqueueAsync(new OutboxMessage("slack", "slack:C0123", "slack.update", "{}"), CancellationToken.None);
        await DeadLetterAsync(chat, id);
        var before = await chat.CountsAsync();
        var manager = Manager(chat);

        Assert.False((await chat.SayAsync(manager, $"retry MSG-{id}")).IsRefusal);

        Assert.Equal(before, await chat.CountsAsync());
        var audit = Assert.Single(await chat.Store.RequeuesAsync());
        Assert.Equal((manager, (string?)null), (audit.Actor, audit.Subject));
        Assert.StartsWith($"{chat.NameOf(manager)} re-queued MSG-{id}: Slack slack.update to slack:C0123", audit.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("retry INC-1", "'INC-1' is not something to retry; ids look like MSG-12 (an undelivered message) or TMR-4 (a parked timer)")]
    [InlineData("retry MSG-1 MSG-2", "retry takes one id; 'MSG-2' is extra.")]
    [InlineData("retry TMR-9", "TMR-9 is not a timer SecBot gave up on")]
    public async Task Bad_or_unknown_ids_are_refused_with_the_usage_and_change_nothing(string text, string problem)
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        var before = await chat.CountsAsync();

        var reply = await chat.SayAsync(Manager(chat), text);

        Assert.True(reply.IsRefusal);
        Assert.StartsWith(problem, reply.Text, StringComparison.Ordinal);
        Assert.StartsWith("Usage: retry [MSG-n|TMR-n]", reply.Text.Split('\n')[^1], StringComparison.Ordinal);
        Assert.Equal(before, await chat.CountsAsync());
    }

    private static string Manager(ChatHarness chat) => chat.Roster.People.First(p => chat.Roster.IsManager(p.Id, chat.Time.GetUtcNow())).Id;

    private static string NonManager(ChatHarness chat) =>
        chat.Roster.People.First(p => !chat.Roster.IsManager(p.Id, chat.Time.GetUtcNow()) && chat.Roster.RolesHeldBy(p.Id, chat.Time.GetUtcNow()).Count > 0).Id;

    private static Task DeadLetterAsync(ChatHarness chat, long id) =>
        new OutboxRepository(chat.Store).MarkDeadAsync(id, InvalidAuth, UndeliveredMessage.TimelineNote(chat.SubjectTimeline, chat.Roster.PersonName), CancellationToken.None);
}
