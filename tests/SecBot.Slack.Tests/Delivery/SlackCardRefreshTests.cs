using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using SecBot.Chat.Cards;
using SecBot.Chat.Delivery;
using SecBot.Chat.OnCall;
using SecBot.Domain.Policy;
using SecBot.Slack.BlockKit;
using SecBot.Slack.Configuration;
using SecBot.Slack.Delivery;
using SecBot.Slack.Rendering;
using SecBot.Slack.Tests.WebApi;
using SecBot.Slack.WebApi;
using SecBot.Storage.Delivery;
using SecBot.Storage.Roster;
using SecBot.Storage.Tests.Support;
using SecBot.Testing.Slack;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Slack.Tests.Delivery;

/// <summary>
/// Every card about an incident that Slack took is recorded where it landed (sent_cards, in a real database), and a
/// <see cref="CardRefresh"/> chat.updates each recorded copy but the pressed one, on the wire to the fake Slack.
/// </summary>
public sealed class SlackCardRefreshTests : IAsyncLifetime
{
    private const string Dm = "D069C7QFK";
    private const string Ts = "1503435956.000247";
    private const string IncidentsChannel = "C0INCIDENTS";

    private static readonly RosterOptions People = new()
    {
        People = [new PersonOptions { Id = "maya", Name = "Maya Chen", Email = "maya@example.com", SlackUserId = "U0MAYA0001" }],
    };

    private static readonly RosterModel Roster = RosterModel.From(People);

    private static readonly Card Page = new()
    {
        Title = "INC-1: Phish",
        Facts = [new CardFact("State", "open")],
        Buttons = [new CardButton("Acknowledge", ActionIds.Acknowledge, "INC-1")],
    };

    private static readonly Card Acknowledged = new()
    {
        Title = "INC-1: Phish",
        Facts = [new CardFact("State", "acknowledged by Maya Chen")],
        Context = "Acknowledged by Maya Chen",
    };

    private TemporaryDatabase? _database;
    private LearnedIdentities? _learned;
    private SentCardRepository? _sent;

    public async Task InitializeAsync()
    {
        _database = await TemporaryDatabase.MigratedAsync();
        await new RosterSync(_database.Store, NullLogger<RosterSync>.Instance).SyncAsync(People, CancellationToken.None);
        _learned = new LearnedIdentities(new LearnedPlatformIdRepository(_database.Store), Roster);
        _sent = new SentCardRepository(_database.Store);
    }

    public async Task DisposeAsync()
    {
        if (_database is not null) await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_card_about_an_incident_posted_to_a_dm_is_recorded_in_the_channel_slack_answered_with()
    {
        await using var harness = await SlackApiHarness.StartAsync();

        Assert.Null(await Delivery(harness).SendCardAsync(PageTo("maya"), CancellationToken.None));

        Assert.Equal(Dm, harness.Slack.CallsTo("chat.postMessage").Single()["channel"]);
        Assert.Equal([new SentCard("slack", "INC-1", Dm, Ts, null) { Recipient = "person:maya" }], await _sent!.ListAsync("slack", "INC-1", CancellationToken.None));
    }

    [Fact]
    public async Task The_recorded_channel_is_the_one_in_slacks_answer_not_the_one_asked_for()
    {
        await using var harness = await SlackApiHarness.StartAsync();
        harness.Slack.Script("chat.postMessage", new FakeResponse(200, """{"ok":true,"channel":"D0ANSWERED","ts":"1503435956.000999"}"""));

        Assert.Null(await Delivery(harness).SendCardAsync(PageTo("maya"), CancellationToken.None));

        Assert.Equal([new SentCard("slack", "INC-1", "D0ANSWERED", "1503435956.000999", null) { Recipient = "person:maya" }], await _sent!.ListAsync("slack", "INC-1", CancellationToken.None));
    }

    [Fact]
    public async Task A_card_about_nothing_or_one_slack_refused_is_not_recorded()
    {
        await using var harness = await SlackApiHarness.StartAsync();
        harness.Slack.Script("chat.postMessage", FakeResponse.Error("channel_not_found"));
        var delivery = Delivery(harness);

        Assert.Equal("channel_not_found", (await delivery.SendCardAsync(new OutboundMessage(Recipient.IncidentsChannel, Page) { Subject = "INC-1" }, CancellationToken.None))!.Error);
        Assert.Null(await delivery.SendCardAsync(new OutboundMessage(Recipient.IncidentsChannel, Page), CancellationToken.None));

        Assert.Equal(0, await _database!.CountAsync("sent_cards"));
    }

    [Fact]
    public async Task A_refresh_updates_every_recorded_copy_but_the_pressed_one_with_the_rendered_card()
    {
        await using var harness = await SlackApiHarness.StartAsync();
        var delivery = Delivery(harness);
        Assert.Null(await delivery.SendCardAsync(PageTo("maya"), CancellationToken.None));
        Assert.Null(await delivery.SendCardAsync(new OutboundMessage(Recipient.IncidentsChannel, Page) { Subject = "INC-1" }, CancellationToken.None));
        await _sent!.RecordAsync(new SentCard("slack", "INC-1", "C0WARROOM", "1503435956.000300", null), CancellationToken.None);
        await _sent.RecordAsync(new SentCard("slack", "INC-2", "C0WARROOM", "1503435956.000400", null), CancellationToken.None);

        var failure = await delivery.RefreshAsync(new CardRefresh("INC-1", Acknowledged) { Except = new MessageRef("slack", Dm, Ts) }, CancellationToken.None);

        Assert.Null(failure);
        var updates = harness.Slack.CallsTo("chat.update");
        Assert.Equal([(IncidentsChannel, Ts), ("C0WARROOM", "1503435956.000300")], updates.Select(u => (u["channel"], u["ts"])));
        Assert.Empty(harness.Slack.UpdatesIn(Dm));

        // Exactly what an update of a message with the rendered card sends.
        Assert.Null(await delivery.SendItemAsync(SlackOutboxKinds.Update, UpdateItem(IncidentsChannel, Ts, Renderer().Render(Acknowledged)), CancellationToken.None));
        var expected = harness.Slack.CallsTo("chat.update")[^1];
        Assert.All(updates, u => Assert.Equal((expected["text"], expected.Json!["blocks"]!.ToJsonString()), (u["text"], u.Json!["blocks"]!.ToJsonString())));
    }

    [Fact]
    public async Task A_copy_slack_no_longer_has_is_skipped_and_the_others_are_still_updated()
    {
        await using var harness = await SlackApiHarness.StartAsync();
        var delivery = Delivery(harness);
        Assert.Null(await delivery.SendCardAsync(PageTo("maya"), CancellationToken.None));
        Assert.Null(await delivery.SendCardAsync(new OutboundMessage(Recipient.IncidentsChannel, Page) { Subject = "INC-1" }, CancellationToken.None));
        harness.Slack.Script("chat.update", FakeResponse.Error("message_not_found"));

        var failure = await delivery.RefreshAsync(new CardRefresh("INC-1", Acknowledged), CancellationToken.None);

        Assert.Null(failure);
        Assert.Equal([Dm, IncidentsChannel], harness.Slack.CallsTo("chat.update").Select(u => u["channel"]));
    }

    [Theory]
    [InlineData("cant_update_message")]
    [InlineData("channel_not_found")]
    [InlineData("is_archived")]
    [InlineData("not_in_channel")]
    public async Task A_copy_in_a_channel_secbot_can_no_longer_edit_in_is_skipped_too(string error)
    {
        await using var harness = await SlackApiHarness.StartAsync();
        var delivery = Delivery(harness);
        Assert.Null(await delivery.SendCardAsync(new OutboundMessage(Recipient.IncidentsChannel, Page) { Subject = "INC-1" }, CancellationToken.None));
        Assert.Null(await delivery.SendCardAsync(PageTo("maya"), CancellationToken.None));
        harness.Slack.Script("chat.update", FakeResponse.Error(error));

        Assert.Null(await delivery.RefreshAsync(new CardRefresh("INC-1", Acknowledged), CancellationToken.None));

        Assert.Single(harness.Slack.UpdatesIn(Dm));
    }

    [Theory]
    [InlineData("token_revoked")]
    [InlineData("invalid_blocks")]
    public async Task A_failure_that_is_not_about_one_copy_is_handed_back_permanent_after_the_other_copies_are_tried(string error)
    {
        await using var harness = await SlackApiHarness.StartAsync();
        var delivery = Delivery(harness);
        Assert.Null(await delivery.SendCardAsync(PageTo("maya"), CancellationToken.None));
        Assert.Null(await delivery.SendCardAsync(new OutboundMessage(Recipient.IncidentsChannel, Page) { Subject = "INC-1" }, CancellationToken.None));
        harness.Slack.Script("chat.update", FakeResponse.Error(error));

        var failure = await delivery.RefreshAsync(new CardRefresh("INC-1", Acknowledged), CancellationToken.None);

        // Dead-lettered with its code, in sight in `status`, rather than reported delivered.
        Assert.Equal(($"chat.update: {error}", false), (failure?.ToString(), failure?.IsRetryable));
        Assert.Equal([Dm, IncidentsChannel], harness.Slack.CallsTo("chat.update").Select(u => u["channel"]));
    }

    [Fact]
    public async Task A_rate_limit_longer_than_the_inline_wait_is_handed_back_to_be_retried()
    {
        await using var harness = await SlackApiHarness.StartAsync(o => o.MaxInlineRetryAfter = TimeSpan.FromSeconds(5));
        var delivery = Delivery(harness);
        Assert.Null(await delivery.SendCardAsync(PageTo("maya"), CancellationToken.None));
        harness.Slack.Script("chat.update", FakeResponse.RateLimited(120));

        var failure = await delivery.RefreshAsync(new CardRefresh("INC-1", Acknowledged), CancellationToken.None);

        Assert.Equal(("ratelimited", true, TimeSpan.FromSeconds(120)), (failure!.Error, failure.IsRetryable, failure.RetryAfter));

        // The dispatcher's retry updates the copy (updating twice with the same card is harmless).
        Assert.Null(await delivery.RefreshAsync(new CardRefresh("INC-1", Acknowledged), CancellationToken.None));
        Assert.Equal(2, harness.Slack.UpdatesIn(Dm).Count);
    }

    [Fact]
    public async Task Slack_failing_past_the_inline_retries_is_handed_back_to_be_retried()
    {
        await using var harness = await SlackApiHarness.StartAsync(o => o.MaxRetryAttempts = 1);
        var delivery = Delivery(harness);
        Assert.Null(await delivery.SendCardAsync(PageTo("maya"), CancellationToken.None));
        harness.Slack.Script("chat.update", new FakeResponse(503, ""), new FakeResponse(503, ""));

        var failure = await delivery.RefreshAsync(new CardRefresh("INC-1", Acknowledged), CancellationToken.None);

        Assert.Equal(("http_503", true), (failure!.Error, failure.IsRetryable));
        Assert.Equal(2, harness.Slack.UpdatesIn(Dm).Count);
    }

    [Fact]
    public async Task A_refresh_about_something_never_delivered_calls_nothing()
    {
        await using var harness = await SlackApiHarness.StartAsync();

        Assert.Null(await Delivery(harness).RefreshAsync(new CardRefresh("INC-7", Acknowledged), CancellationToken.None));

        Assert.Empty(harness.Slack.Calls);
    }

    private static OutboundMessage PageTo(string personId) => new(Recipient.Person(personId), Page) { Subject = "INC-1" };

    private static string UpdateItem(string channel, string ts, MessageContent content) =>
        JsonSerializer.Serialize(new SlackOutboxItem { Channel = channel, Ts = ts, Content = content }, SlackWebJsonContext.Default.SlackOutboxItem);

    private CardRenderer Renderer() => CardRenderer.ForRoster(Roster, _learned!);

    private SlackDelivery Delivery(SlackApiHarness harness) =>
        new(harness.Client, new SlackOptions { IncidentsChannel = IncidentsChannel }, Roster, _learned!, Renderer(), new SentCardRecorder(_sent!, NullLogger<SentCardRecorder>.Instance));
}
