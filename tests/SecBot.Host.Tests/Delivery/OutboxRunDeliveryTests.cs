using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using SecBot.Chat.Delivery;
using SecBot.Chat.Tests.Support;
using SecBot.Host.Delivery;
using SecBot.Host.Tests.Support;
using SecBot.Storage;
using SecBot.Storage.Delivery;

namespace SecBot.Host.Tests.Delivery;

/// <summary>
/// The dispatcher claims a run of each channel's oldest messages and sends it in order; the first failure ends the run,
/// the rest are handed back and go out later, still in order, while other channels carry on.
/// </summary>
public sealed class OutboxRunDeliveryTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_channels_messages_go_out_one_at_a_time_in_order_across_multi_message_claims()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider(Start);
        var sender = new ScriptedSender();
        await using var app = await CreateAsync(dir, time, sender);
        await EnqueueAsync(app, "C-A", 40);
        await EnqueueAsync(app, "C-B", 3);

        var attempted = await app.Services.GetRequiredService<OutboxDispatcher>().DeliverDueAsync(CancellationToken.None);

        Assert.Equal(43, attempted);
        Assert.Equal(Names("C-A", 1..40), sender.SentTo("C-A"));
        Assert.Equal(Names("C-B", 1..3), sender.SentTo("C-B"));
        Assert.False(sender.Overlapped);
        Assert.Equal(43, (await OutboxRowsAsync(app)).Count(row => row.Message.State == OutboxState.Sent && row.ClaimedBy is null && row.ClaimedAt is null));
    }

    [Fact]
    public async Task A_retryable_failure_mid_run_stops_only_that_channel_and_the_rest_follow_it_in_order_later()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider(Start);
        var sender = new ScriptedSender();
        sender.FailOnce("C-A 3", DeliveryResult.Retry("429 Too Many Requests", TimeSpan.FromSeconds(30)));
        await using var app = await CreateAsync(dir, time, sender);
        await EnqueueAsync(app, "C-A", 6);
        await EnqueueAsync(app, "C-B", 4);
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();

        Assert.Equal(7, await dispatcher.DeliverDueAsync(CancellationToken.None));

        Assert.Equal(Names("C-A", 1..3), sender.AttemptedTo("C-A"));
        Assert.Equal(Names("C-B", 1..4), sender.SentTo("C-B"));
        var pending = await PendingAsync(app);
        Assert.Equal(["C-A 3", "C-A 4", "C-A 5", "C-A 6"], pending.Select(row => row.Payload));
        Assert.All(pending, row => Assert.Null(row.ClaimedBy));
        Assert.Equal([1L, 0L, 0L, 0L], pending.Select(row => row.Attempts));

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, await dispatcher.DeliverDueAsync(CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(4, await dispatcher.DeliverDueAsync(CancellationToken.None));

        Assert.Equal(Names("C-A", 1..6), sender.SentTo("C-A"));
        Assert.Equal(["C-A 1", "C-A 2", "C-A 3", "C-A 3", "C-A 4", "C-A 5", "C-A 6"], sender.AttemptedTo("C-A"));
        Assert.Empty(await PendingAsync(app));
    }

    [Fact]
    public async Task A_permanent_failure_mid_run_dead_letters_that_message_and_the_rest_go_out_after_it_in_order()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider(Start);
        var sender = new ScriptedSender();
        sender.FailOnce("C-A 2", DeliveryResult.Permanent("channel_not_found"));
        await using var app = await CreateAsync(dir, time, sender);
        await EnqueueAsync(app, "C-A", 5);
        await EnqueueAsync(app, "C-B", 2);

        Assert.Equal(7, await app.Services.GetRequiredService<OutboxDispatcher>().DeliverDueAsync(CancellationToken.None));

        Assert.Equal(Names("C-A", 1..5), sender.AttemptedTo("C-A"));
        Assert.Equal(["C-A 1", "C-A 3", "C-A 4", "C-A 5"], sender.SentTo("C-A"));
        Assert.Equal(Names("C-B", 1..2), sender.SentTo("C-B"));
        var outbox = app.Services.GetRequiredService<OutboxRepository>();
        Assert.Equal(new OutboxCounts(Pending: 0, Dead: 1), await outbox.CountAsync(CancellationToken.None));
        Assert.Equal("C-A 2", Assert.Single(await outbox.ListDeadAsync(10, CancellationToken.None)).Payload);
    }

    [Fact]
    public async Task Stopping_mid_run_keeps_what_was_sent_and_hands_back_the_rest()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider(Start);
        using var stop = new CancellationTokenSource();
        var sender = new ScriptedSender { CancelAt = ("C-A 3", stop) };
        await using var app = await CreateAsync(dir, time, sender);
        await EnqueueAsync(app, "C-A", 5);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => app.Services.GetRequiredService<OutboxDispatcher>().DeliverDueAsync(stop.Token));

        Assert.Equal(Names("C-A", 1..2), sender.SentTo("C-A"));
        var pending = await PendingAsync(app);
        Assert.Equal(Names("C-A", 3..5), pending.Select(row => row.Payload));
        Assert.All(pending, row => Assert.Null(row.ClaimedBy));
        // Handed back, not waiting out a lease: the next round takes them straight away.
        Assert.Equal(3, await app.Services.GetRequiredService<OutboxDispatcher>().DeliverDueAsync(CancellationToken.None));
        Assert.Equal(Names("C-A", 1..5), sender.SentTo("C-A"));
    }

    private static string[] Names(string channel, Range numbers) =>
        [.. Enumerable.Range(numbers.Start.Value, numbers.End.Value - numbers.Start.Value + 1).Select(n => $"{channel} {n}")];

    private static async Task<WebApplication> CreateAsync(TempDirectory dir, FakeTimeProvider time, ScriptedSender sender) =>
        await SecBotApp.CreateAsync(
            ["--urls", "http://127.0.0.1:0", $"--SecBot:Database:Path={dir.File("secbot.db")}"],
            PolicyFile.WriteCopy(dir),
            services =>
            {
                services.AddSingleton<TimeProvider>(time);
                services.AddSingleton<IMessageSender>(sender);
            });

    private static async Task EnqueueAsync(WebApplication app, string channel, int count)
    {
        var outbox = app.Services.GetRequiredService<OutboxRepository>();
        for (var n = 1; n <= count; n++)
        {
            await outbox.EnqueueAsync(new OutboxMessage(ScriptedSender.PlatformName, channel, "post", $"{channel} {n}"), CancellationToken.None);
        }
    }

    private static Task<IReadOnlyList<StoredOutboxMessage>> OutboxRowsAsync(WebApplication app) =>
        app.Services.GetRequiredService<IStore>().OutboxRowsAsync();

    private static async Task<List<(string Payload, string? ClaimedBy, long Attempts)>> PendingAsync(WebApplication app) =>
        [.. (await OutboxRowsAsync(app)).Where(row => row.Message.State == OutboxState.Pending).Select(row => (row.Message.Payload, row.ClaimedBy, (long)row.Message.Attempts))];

    /// <summary>Delivers everything except scripted one-off failures, and notices two sends to one channel at once.</summary>
    private sealed class ScriptedSender : IMessageSender
    {
        public const string PlatformName = "test-runs";

        private readonly ConcurrentQueue<(string Channel, string Payload, bool Delivered)> _attempts = new();
        private readonly ConcurrentDictionary<string, DeliveryResult> _failOnce = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.Ordinal);

        public string Platform => PlatformName;

        public (string Payload, CancellationTokenSource Stop)? CancelAt { get; init; }

        public bool Overlapped { get; private set; }

        public void FailOnce(string payload, DeliveryResult result) => _failOnce[payload] = result;

        public string[] AttemptedTo(string channel) => [.. _attempts.Where(a => a.Channel == channel).Select(a => a.Payload)];

        public string[] SentTo(string channel) => [.. _attempts.Where(a => a.Channel == channel && a.Delivered).Select(a => a.Payload)];

        public async Task<DeliveryResult> SendAsync(OutboxEntry message, CancellationToken cancellationToken)
        {
            if (_inFlight.AddOrUpdate(message.ChannelKey, 1, (_, n) => n + 1) > 1) Overlapped = true;
            try
            {
                await Task.Yield();
                if (CancelAt is { } cancel && cancel.Payload == message.Payload)
                {
                    await cancel.Stop.CancelAsync();
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var result = _failOnce.TryRemove(message.Payload, out var failure) ? failure : DeliveryResult.Delivered;
                _attempts.Enqueue((message.ChannelKey, message.Payload, result.Outcome == DeliveryOutcome.Delivered));
                return result;
            }
            finally
            {
                _inFlight.AddOrUpdate(message.ChannelKey, 0, (_, n) => n - 1);
            }
        }
    }
}
