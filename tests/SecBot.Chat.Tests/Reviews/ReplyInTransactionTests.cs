using SecBot.Chat.Cards;
using SecBot.Chat.Conversation;
using SecBot.Chat.Tests.Support;
using SecBot.Domain.Incidents;
using SecBot.Storage.Ledger;
using SecBot.Storage.Reviews;
using SecBot.Storage;
using SecBot.Storage.Delivery;
using SecBot.Storage.Tests.Support;

namespace SecBot.Chat.Tests.Reviews;

/// <summary>
/// A button's answer (the update of its message) is written by the adapter's <see cref="ReplyWriter"/> inside the
/// command's own transaction: the change and its answer commit together, or neither does.
/// </summary>
public sealed class ReplyInTransactionTests
{
    private const string UpdateKind = "test.update";

    private static async Task<ReviewHarness> WithNewMicroserviceAsync(TemporaryDatabase db)
    {
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("diego", "review new-microservice Payments API v2");
        return chat;
    }

    private static Task QueueUpdate(StoreTransaction transaction, ChatReply reply) =>
        transaction.EnqueueOutboxAsync(new OutboxMessage("slack", "slack:D0DIRECT", UpdateKind, reply.Text));

    [Fact]
    public async Task A_press_queues_its_update_in_the_transaction_that_signs_and_the_reply_says_it_is_queued()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithNewMicroserviceAsync(db);
        long signOffsSeenByTheWriter = -1;

        var reply = await chat.PressWritingReplyAsync("amara", ActionIds.Approve, "REV-1@1/1/SecArch", async (transaction, answer) =>
        {
            signOffsSeenByTheWriter = (await chat.GateRepository.ReadLedgerAsync(transaction.Statements, transaction.Transaction, transaction.CancellationToken))
                .Count(r => r.Kind == LedgerRecord.SignOffKind);
            await QueueUpdate(transaction, answer);
        });

        Assert.True(reply.IsQueued);
        Assert.Equal(1, signOffsSeenByTheWriter);
        Assert.Equal(1, (await chat.Store.OutboxEntriesAsync()).Count(m => m.Kind == UpdateKind));
        Assert.Single((await chat.GateAsync(1)).CurrentSignOffs);
    }

    [Fact]
    public async Task When_queueing_the_update_fails_the_sign_off_is_not_kept_either_and_the_press_can_be_made_again()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithNewMicroserviceAsync(db);
        var before = await chat.CountsAsync();

        await Assert.ThrowsAsync<IOException>(() => chat.PressWritingReplyAsync("amara", ActionIds.Approve, "REV-1@1/1/SecArch", async (transaction, answer) =>
        {
            await QueueUpdate(transaction, answer);
            throw new IOException("the process died between the change and its answer");
        }));

        Assert.Equal(before, await chat.CountsAsync());
        Assert.Empty((await chat.GateAsync(1)).SignOffs);

        var retried = await chat.PressWritingReplyAsync("amara", ActionIds.Approve, "REV-1@1/1/SecArch", QueueUpdate);
        Assert.True(retried.IsQueued);
        Assert.Single((await chat.GateAsync(1)).CurrentSignOffs);
        Assert.Equal(1, (await chat.Store.OutboxEntriesAsync()).Count(m => m.Kind == UpdateKind));
    }

    [Fact]
    public async Task A_refusal_changes_nothing_and_is_not_written_by_the_writer()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithNewMicroserviceAsync(db);
        var called = false;

        var reply = await chat.PressWritingReplyAsync("diego", ActionIds.Approve, "REV-1@1/1/SecArch", (_, _) =>
        {
            called = true;
            return Task.CompletedTask;
        });

        Assert.True(reply.IsRefusal);
        Assert.False(reply.IsQueued);
        Assert.False(called);
    }

    [Fact]
    public async Task An_incident_buttons_update_is_queued_with_its_change_too()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("maya", "declare Suspicious login");

        await Assert.ThrowsAsync<IOException>(() => chat.PressWritingReplyAsync("maya", ActionIds.Acknowledge, "INC-1", (_, _) => throw new IOException("crash")));
        Assert.Equal(IncidentState.Open, (await chat.Store.IncidentAsync(1)).State);

        var reply = await chat.PressWritingReplyAsync("maya", ActionIds.Acknowledge, "INC-1", QueueUpdate);

        Assert.True(reply.IsQueued);
        Assert.Equal(IncidentState.Acknowledged, (await chat.Store.IncidentAsync(1)).State);
        Assert.Equal(1, (await chat.Store.OutboxEntriesAsync()).Count(m => m.Kind == UpdateKind));
    }
}
