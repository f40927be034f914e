using SecBot.Chat.Delivery;
using SecBot.Chat.Tests.Reviews;
using SecBot.Chat.Tests.Support;
using SecBot.Storage;
using SecBot.Storage.Delivery;
using SecBot.Storage.Timers;
using SecBot.Storage.Tests.Support;

namespace SecBot.Chat.Tests.Delivery;

/// <summary>
/// Messages the dispatcher gave up on stay in sight: <c>status</c> ends with them, <c>status INC-n</c> / <c>REV-n</c> lists
/// those about it, and each is noted on the incident's or gate's timeline when it is dead-lettered. Dead-lettering goes
/// through the repository call the dispatcher makes.
/// </summary>
public sealed class DeadLetterStatusTests
{
    private const string InvalidAuth = "chat.postMessage: invalid_auth";

    [Fact]
    public async Task Status_ends_with_the_undelivered_messages_newest_first_with_a_total()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("sam", "Suspicious login on VPN");
        var queued = await chat.OutboxAsync();
        await DeadLetterAsync(chat.Store, queued.Single(m => m.IsChannel).Id, "chat.postMessage: channel_not_found");
        chat.Time.Advance(TimeSpan.FromSeconds(30));
        await DeadLetterAsync(chat.Store, queued.Single(m => m.IsPageTo("maya")).Id, InvalidAuth);

        var reply = await chat.SayAsync("leo", "status");

        var lines = reply.Text.Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal("1 open incident:", lines[0]);
        Assert.StartsWith("INC-1 (L1, declared just now): Suspicious login on VPN — paged ", lines[1], StringComparison.Ordinal);
        Assert.Equal(
            $"⚠ 2 messages could not be delivered (retry MSG-n re-queues one): MSG-{queued.Single(m => m.IsPageTo("maya")).Id} Slack DM to Maya Chen (INC-1): chat.postMessage: invalid_auth; "
            + $"MSG-{queued.Single(m => m.IsChannel).Id} Slack post to the incidents channel (INC-1): chat.postMessage: channel_not_found",
            lines[2]);
    }

    [Fact]
    public async Task Status_names_the_newest_three_undelivered_messages_and_counts_them_all()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        foreach (var title in new[] { "First", "Second", "Third" })
        {
            await chat.DeclareAsync("sam", title);
        }

        foreach (var message in await chat.OutboxAsync())
        {
            chat.Time.Advance(TimeSpan.FromSeconds(1));
            await DeadLetterAsync(chat.Store, message.Id, InvalidAuth);
        }

        var warning = (await chat.SayAsync("leo", "status")).Text.Split('\n')[^1];

        Assert.StartsWith("⚠ 6 messages could not be delivered (retry MSG-n re-queues one): MSG-6 Slack ", warning, StringComparison.Ordinal);
        Assert.EndsWith("; …", warning, StringComparison.Ordinal);
        Assert.Equal(4, warning.Split("; ").Length);
        Assert.Contains("(INC-3)", warning.Split("; ")[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_with_no_open_incidents_still_reports_undelivered_messages()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("sam", "Suspicious login on VPN");
        var page = (await chat.OutboxAsync()).Single(m => m.IsPageTo("maya")).Id;
        await DeadLetterAsync(chat.Store, page, InvalidAuth);
        Assert.False((await chat.SayAsync(await chat.FirstPagedAsync(1), "resolve INC-1 false alarm")).IsRefusal);

        var reply = await chat.SayAsync("leo", "status");

        Assert.Equal($"No open incidents.\n⚠ 1 message could not be delivered (retry MSG-n re-queues one): MSG-{page} Slack DM to Maya Chen (INC-1): chat.postMessage: invalid_auth", reply.Text);
    }

    [Fact]
    public async Task Status_of_an_incident_lists_its_undelivered_messages_with_platform_recipient_error_and_time()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("sam", "First");
        await chat.DeclareAsync("sam", "Second");
        chat.Time.Advance(TimeSpan.FromSeconds(5));
        foreach (var message in await chat.OutboxAsync())
        {
            await DeadLetterAsync(chat.Store, message.Id, message.Message.Subject == "INC-1" ? InvalidAuth : "other incident");
        }

        var text = (await chat.SayAsync("leo", "status INC-1")).Card!.Text!;
        var first = (await chat.OutboxAsync()).Where(m => m.Message.Subject == "INC-1").ToList();

        var undelivered = text[text.IndexOf("⚠ Undelivered messages:", StringComparison.Ordinal)..].Split('\n');
        Assert.Equal(
            [
                "⚠ Undelivered messages:",
                $"MSG-{first.Single(m => m.IsChannel).Id} · Mon 2 Mar 09:00 UTC · Slack post to the incidents channel: chat.postMessage: invalid_auth",
                $"MSG-{first.Single(m => m.IsPageTo("maya")).Id} · Mon 2 Mar 09:00 UTC · Slack DM to Maya Chen: chat.postMessage: invalid_auth",
            ],
            undelivered);
        Assert.DoesNotContain("other incident", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_of_an_incident_lists_only_its_newest_ten_undelivered_messages_and_says_so()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("sam", "Suspicious login on VPN");
        var outbox = new OutboxRepository(chat.Store);
        for (var index = 1; index <= 12; index++)
        {
            chat.Time.Advance(TimeSpan.FromSeconds(1));
            var id = await outbox.EnqueueAsync(new OutboxMessage("slack", "slack:C0123", "slack.update", """{"subject":"INC-1"}"""), CancellationToken.None);
            await DeadLetterAsync(chat.Store, id, $"error {index}");
        }

        var text = (await chat.SayAsync("leo", "status INC-1")).Card!.Text!;

        var undelivered = text[text.IndexOf("⚠ Undelivered messages", StringComparison.Ordinal)..].Split('\n');
        Assert.Equal("⚠ Undelivered messages (the newest 10):", undelivered[0]);
        Assert.Equal(11, undelivered.Length);
        Assert.EndsWith("Slack slack.update to slack:C0123: error 12", undelivered[1], StringComparison.Ordinal);
        Assert.EndsWith("error 3", undelivered[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dead_lettered_message_about_an_incident_is_noted_on_its_timeline_by_secbot()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("sam", "Suspicious login on VPN");

        await DeadLetterAsync(chat.Store, (await chat.OutboxAsync()).Single(m => m.IsPageTo("maya")).Id, InvalidAuth);

        var note = (await chat.TimelineAsync(1))[^1];
        Assert.Equal(("delivery-failed", "secbot", "Slack DM to Maya Chen could not be delivered: chat.postMessage: invalid_auth"), (note.Kind, note.Actor, note.Detail));
        Assert.Contains("UTC · Slack DM to Maya Chen could not be delivered", (await chat.SayAsync("leo", "status INC-1")).Card!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dead_lettered_refresh_of_an_incidents_cards_is_noted_on_its_timeline_and_listed_in_its_status()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("sam", "Suspicious login on VPN");
        Assert.False((await chat.SayAsync(await chat.FirstPagedAsync(1), "ack INC-1")).IsRefusal);
        var refresh = (await chat.Store.OutboxEntriesAsync()).First(m => m.Kind == OutboxWriter.RefreshKind).Id;

        await DeadLetterAsync(chat.Store, refresh, "chat.update: token_revoked");

        var note = (await chat.TimelineAsync(1))[^1];
        Assert.Equal(("delivery-failed", "secbot", $"Slack {UndeliveredMessage.RefreshDestination} could not be delivered: chat.update: token_revoked"), (note.Kind, note.Actor, note.Detail));
        Assert.EndsWith(
            $"⚠ Undelivered messages:\nMSG-{refresh} · Mon 2 Mar 09:00 UTC · Slack {UndeliveredMessage.RefreshDestination}: chat.update: token_revoked",
            (await chat.SayAsync("leo", "status INC-1")).Card!.Text,
            StringComparison.Ordinal);
        Assert.EndsWith($"Slack {UndeliveredMessage.RefreshDestination} (INC-1): chat.update: token_revoked", (await chat.SayAsync("leo", "status")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dead_lettered_message_about_a_gate_is_noted_on_the_gate_timeline_and_listed_in_its_status()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("diego", "review high-risk-deploy Payments API v2");
        var request = (await chat.OutboxAsync()).First(m => m.IsDirectTo("amara"));

        await DeadLetterAsync(chat.Store, request.Id, InvalidAuth);

        var text = (await chat.DoAsync("kenji", "status REV-1")).Card!.Text!;
        Assert.Contains("UTC · Slack DM to Amara Osei could not be delivered: chat.postMessage: invalid_auth", text, StringComparison.Ordinal);
        Assert.EndsWith($"⚠ Undelivered messages:\nMSG-{request.Id} · Mon 2 Mar 09:00 UTC · Slack DM to Amara Osei: chat.postMessage: invalid_auth", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_that_is_not_a_card_is_described_by_its_kind_and_channel()
    {
        var entry = new OutboxEntry(7, "slack", "slack:C0123", "slack.update", "{\"channel\":\"C0123\"}", TemporaryDatabase.Start, TemporaryDatabase.Start, 3, "chat.update: message_not_found", OutboxState.Dead, null);

        var message = UndeliveredMessage.From(entry, ShippedRoster.PersonName);

        Assert.Equal("Slack slack.update to slack:C0123: chat.update: message_not_found", message.Summary);
        Assert.Null(message.Subject);
    }

    private static Task DeadLetterAsync(IStore store, long id, string error) =>
        new OutboxRepository(store).MarkDeadAsync(id, error, UndeliveredMessage.TimelineNote(new SubjectTimeline(), ShippedRoster.PersonName), CancellationToken.None);

    private static readonly SecBot.Domain.Roster.Roster ShippedRoster = SecBot.Domain.Roster.Roster.From(Support.ChatHarness.ShippedPolicy().Roster);
}
