using Microsoft.Extensions.Time.Testing;
using SecBot.Chat.Tests.Support;
using SecBot.Host.Retention;
using SecBot.Host.Tests.Support;
using SecBot.Storage;
using SecBot.Storage.Delivery;
using SecBot.Storage.Inbound;

namespace SecBot.Host.Tests.Retention;

public sealed class RetentionSweeperTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_sweep_deletes_only_messages_delivered_before_the_retention_and_keys_older_than_theirs()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider(Start);
        await using var app = await SecBotApp.CreateAsync(
            ["--urls", "http://127.0.0.1:0", $"--SecBot:Database:Path={dir.File("secbot.db")}"],
            PolicyFile.WriteCopy(dir),
            services => services.AddSingleton<TimeProvider>(time));
        var store = app.Services.GetRequiredService<IStore>();
        var outbox = app.Services.GetRequiredService<OutboxRepository>();
        var keys = app.Services.GetRequiredService<InboundKeys>();
        var sentCards = app.Services.GetRequiredService<SentCardRepository>();
        await sentCards.RecordAsync(new SentCard("slack", "INC-1", "D1", "1.1", null), CancellationToken.None);

        var oldSent = await outbox.EnqueueAsync(new OutboxMessage("slack", "C1", "post", "old"), CancellationToken.None);
        var oldDead = await outbox.EnqueueAsync(new OutboxMessage("slack", "C2", "post", "dead"), CancellationToken.None);
        var stillPending = await outbox.EnqueueAsync(new OutboxMessage("slack", "C3", "post", "pending"), CancellationToken.None);
        await outbox.MarkSentAsync(oldSent, CancellationToken.None);
        await outbox.MarkDeadAsync(oldDead, "channel_not_found", CancellationToken.None);
        await keys.TryClaimAsync("slack.event", "Ev-old", CancellationToken.None);

        time.Advance(TimeSpan.FromDays(6));
        var recentSent = await outbox.EnqueueAsync(new OutboxMessage("slack", "C4", "post", "recent"), CancellationToken.None);
        await outbox.MarkSentAsync(recentSent, CancellationToken.None);
        await keys.TryClaimAsync("slack.event", "Ev-new", CancellationToken.None);
        time.Advance(TimeSpan.FromDays(2));
        await sentCards.RecordAsync(new SentCard("slack", "INC-9", "D1", "9.9", null), CancellationToken.None);
        time.Advance(TimeSpan.FromDays(23));
        await keys.TryClaimAsync("slack.event", "Ev-newest", CancellationToken.None);
        var newestSent = await outbox.EnqueueAsync(new OutboxMessage("slack", "C5", "post", "newest"), CancellationToken.None);
        await outbox.MarkSentAsync(newestSent, CancellationToken.None);

        var sweeper = app.Services.GetRequiredService<RetentionSweeper>();
        var swept = await sweeper.SweepAsync(CancellationToken.None);

        Assert.Equal((2, 2, 1), swept);
        var left = (await store.OutboxEntriesAsync()).Select(m => m.Id);
        Assert.Equal([oldDead, stillPending, newestSent], left);
        Assert.Equal(["Ev-newest"], (await store.InboundKeysAsync()).Select(k => k.Key));
        Assert.Equal(["INC-9"], (await sentCards.ListAsync("slack", "INC-9", CancellationToken.None)).Select(c => c.Subject));
        Assert.Empty(await sentCards.ListAsync("slack", "INC-1", CancellationToken.None));
        Assert.Equal((0, 0, 0), await sweeper.SweepAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("SentMessages", "00:10:00", "SecBot:Retention:SentMessages")]
    [InlineData("InboundKeys", "02:00:00", "SecBot:Retention:InboundKeys")]
    [InlineData("SentCards", "12:00:00", "SecBot:Retention:SentCards")]
    [InlineData("SweepEvery", "00:00:05", "SecBot:Retention:SweepEvery")]
    [InlineData("SweepEvery", "45d", "SecBot:Retention:SweepEvery must be at most")]
    public async Task A_retention_setting_out_of_range_stops_the_host_and_names_its_key(string key, string value, string path)
    {
        using var dir = new TempDirectory();
        var settings = PolicyFile.WriteCopy(dir, root => root["SecBot"]!["Retention"] = new System.Text.Json.Nodes.JsonObject { [key] = value });

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => RunningHost.StartAsync(settings, dir.File("secbot.db")));

        Assert.Contains(path, SecBot.Host.Configuration.StartupFailure.Describe(failure), StringComparison.Ordinal);
    }
}
