using System.Text.Json;
using SecBot.Chat.Cards;
using Microsoft.Extensions.Logging.Abstractions;
using SecBot.Chat.Delivery;
using SecBot.Chat.OnCall;
using SecBot.Domain.Policy;
using SecBot.Slack.BlockKit;
using SecBot.Slack.Configuration;
using SecBot.Slack.Delivery;
using SecBot.Slack.Rendering;
using SecBot.Slack.Tests.WebApi;
using SecBot.Slack.WebApi;
using SecBot.Storage.Roster;
using SecBot.Storage.Tests.Support;
using SecBot.Testing.Slack;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Slack.Tests.Delivery;

/// <summary>How outbox messages reach people and channels (contract.md "Messages and buttons"), on the wire.</summary>
public sealed class SlackDeliveryTests : IAsyncLifetime
{
    private static readonly RosterOptions People = new()
    {
        People =
        [
            new PersonOptions { Id = "maya", Name = "Maya Chen", Email = "maya@example.com", SlackUserId = "U0MAYA0001" },
            new PersonOptions { Id = "egon", Name = "Egon Spengler", Email = "spengler@ghostbusters.example.com" },
            new PersonOptions { Id = "ghost", Name = "No Contact" },
        ],
    };

    private static readonly RosterModel Roster = RosterModel.From(People);

    private TemporaryDatabase? _database;
    private LearnedIdentities? _learned;

    /// <summary>Ids learned from roster e-mails are kept in a real database, as in the host.</summary>
    public async Task InitializeAsync()
    {
        _database = await TemporaryDatabase.MigratedAsync();
        await new RosterSync(_database.Store, NullLogger<RosterSync>.Instance).SyncAsync(People, CancellationToken.None);
        _learned = new LearnedIdentities(new LearnedPlatformIdRepository(_database.Store), Roster);
    }

    public async Task DisposeAsync()
    {
        if (_database is not null) await _database.DisposeAsync();
    }

    private static readonly Card Page = new()
    {
        Title = "INC-1: Phish",
        Buttons = [new CardButton("Acknowledge", ActionIds.Acknowledge, "INC-1")],
        Mentions = ["maya"],
    };

    [Fact]
    public async Task A_page_to_a_person_with_a_slack_id_opens_their_dm_and_posts_the_card_there()
    {
        await using var harness = await SlackApiHarness.StartAsync();

        var failure = await Delivery(harness).SendCardAsync(new OutboundMessage(Recipient.Person("maya"), Page), CancellationToken.None);

        Assert.Null(failure);
        var calls = harness.Slack.Calls;
        Assert.Equal(["conversations.open", "chat.postMessage"], calls.Select(c => c.Method));
        Assert.Equal("U0MAYA0001", calls[0]["users"]);
        Assert.Equal("D069C7QFK", calls[1]["channel"]);
        Assert.Equal("incident.ack", (string?)calls[1].Json!["blocks"]!.AsArray().Single(b => (string?)b!["type"] == "actions")!["elements"]![0]!["action_id"]);
    }

    [Fact]
    public async Task A_person_without_a_slack_id_is_found_by_their_roster_email_once()
    {
        await using var harness = await SlackApiHarness.StartAsync();
        var delivery = Delivery(harness);

        Assert.Null(await delivery.SendCardAsync(new OutboundMessage(Recipient.Person("egon"), Page), CancellationToken.None));
        Assert.Null(await delivery.SendCardAsync(new OutboundMessage(Recipient.Person("egon"), Page), CancellationToken.None));

        var calls = harness.Slack.Calls;
        Assert.Equal(["users.lookupByEmail", "conversations.open", "chat.postMessage", "chat.postMessage"], calls.Select(c => c.Method));
        Assert.Equal("?email=spengler%40ghostbusters.example.com", calls[0].Query);
        Assert.Equal("W012A3CDE", calls[1]["users"]);
    }

    [Fact]
    public async Task A_person_found_by_email_is_mentioned_by_their_slack_id_not_their_person_id()
    {
        await using var harness = await SlackApiHarness.StartAsync();
        var delivery = Delivery(harness);
        Assert.Null(await delivery.SendCardAsync(new OutboundMessage(Recipient.Person("egon"), Page), CancellationToken.None));

        var announcement = Page with { Mentions = ["egon"] };
        Assert.Null(await delivery.SendCardAsync(new OutboundMessage(Recipient.IncidentsChannel, announcement), CancellationToken.None));

        var posted = harness.Slack.Calls.Last();
        Assert.Equal(("chat.postMessage", "C0INCIDENTS"), (posted.Method, posted["channel"]));
        var mentions = posted.Json!["blocks"]!.AsArray().Select(block => (string?)block!["text"]?["text"]).Single(text => text?.StartsWith("<@", StringComparison.Ordinal) == true);
        Assert.Equal("<@W012A3CDE>", mentions);
    }

    [Fact]
    public async Task An_email_slack_does_not_know_is_a_permanent_failure()
    {
        await using var harness = await SlackApiHarness.StartAsync();
        harness.Slack.Script("users.lookupByEmail", FakeResponse.Fixture("web.users.lookupByEmail.error_users_not_found.json"));

        var failure = await Delivery(harness).SendCardAsync(new OutboundMessage(Recipient.Person("egon"), Page), CancellationToken.None);

        Assert.Equal(("users_not_found", false), (failure!.Error, failure.IsRetryable));
    }

    [Theory]
    [InlineData("ghost")]
    [InlineData("not-on-roster")]
    public async Task A_person_slack_cannot_reach_is_a_permanent_failure_without_calling_slack(string personId)
    {
        await using var harness = await SlackApiHarness.StartAsync();

        var failure = await Delivery(harness).SendCardAsync(new OutboundMessage(Recipient.Person(personId), Page), CancellationToken.None);

        Assert.False(failure!.IsRetryable);
        Assert.Empty(harness.Slack.Calls);
    }

    [Fact]
    public async Task An_announcement_goes_to_the_configured_incidents_channel()
    {
        await using var harness = await SlackApiHarness.StartAsync();

        Assert.Null(await Delivery(harness).SendCardAsync(new OutboundMessage(Recipient.IncidentsChannel, Page), CancellationToken.None));

        var call = Assert.Single(harness.Slack.Calls);
        Assert.Equal(("chat.postMessage", "C0INCIDENTS"), (call.Method, call["channel"]));
        Assert.Contains("<@U0MAYA0001>", call["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_incidents_channel_an_announcement_fails_permanently_and_says_which_key()
    {
        await using var harness = await SlackApiHarness.StartAsync();
        var delivery = new SlackDelivery(harness.Client, new SlackOptions(), Roster, _learned!, CardRenderer.ForRoster(Roster, _learned!));

        var failure = await delivery.SendCardAsync(new OutboundMessage(Recipient.IncidentsChannel, Page), CancellationToken.None);

        Assert.Contains("SecBot:Slack:IncidentsChannel", failure!.Error, StringComparison.Ordinal);
        Assert.False(failure.IsRetryable);
    }

    [Fact]
    public async Task A_revoked_token_is_permanent_and_named()
    {
        await using var harness = await SlackApiHarness.StartAsync();
        harness.Slack.Script("chat.postMessage", FakeResponse.Error("token_revoked"));

        var failure = await Delivery(harness).SendCardAsync(new OutboundMessage(Recipient.IncidentsChannel, Page), CancellationToken.None);

        Assert.Equal("chat.postMessage: token_revoked", failure!.ToString());
    }

    [Fact]
    public async Task Slack_items_round_trip_through_outbox_json_and_call_their_methods()
    {
        await using var harness = await SlackApiHarness.StartAsync();
        var delivery = Delivery(harness);
        var content = new MessageContent("t", [new HeaderBlock(TextObject.Plain("h")), new ActionsBlock([new ButtonElement(TextObject.Plain("b"), "a") { Value = "v" }])]);

        Assert.Null(await delivery.SendItemAsync(SlackOutboxKinds.Update, Json(new SlackOutboxItem { Channel = "D1", Ts = "9.9", Content = content }), CancellationToken.None));
        Assert.Null(await delivery.SendItemAsync(SlackOutboxKinds.Post, Json(new SlackOutboxItem { Channel = "C1", ThreadTs = "1.1", Content = content }), CancellationToken.None));
        Assert.Null(await delivery.SendItemAsync(SlackOutboxKinds.Ephemeral, Json(new SlackOutboxItem { Channel = "C1", User = "U1", Content = content }), CancellationToken.None));
        Assert.Null(await delivery.SendItemAsync(SlackOutboxKinds.Home, Json(new SlackOutboxItem { User = "U1", View = new ViewDefinition("home", [new DividerBlock()]) }), CancellationToken.None));

        var calls = harness.Slack.Calls;
        Assert.Equal(["chat.update", "chat.postMessage", "chat.postEphemeral", "views.publish"], calls.Select(c => c.Method));
        Assert.Equal(("D1", "9.9"), (calls[0]["channel"], calls[0]["ts"]));
        Assert.Equal("v", (string?)calls[0].Json!["blocks"]![1]!["elements"]![0]!["value"]);
        Assert.Equal("1.1", calls[1]["thread_ts"]);
    }

    [Theory]
    [InlineData("slack.update", "{}")]
    [InlineData("slack.nonsense", "{}")]
    [InlineData("slack.post", "not json")]
    public async Task An_unusable_slack_item_is_permanent(string kind, string payload)
    {
        await using var harness = await SlackApiHarness.StartAsync();

        var failure = await Delivery(harness).SendItemAsync(kind, payload, CancellationToken.None);

        Assert.False(failure!.IsRetryable);
        Assert.Empty(harness.Slack.Calls);
    }

    private static string Json(SlackOutboxItem item) => JsonSerializer.Serialize(item, SlackWebJsonContext.Default.SlackOutboxItem);

    private SlackDelivery Delivery(SlackApiHarness harness) =>
        new(harness.Client, new SlackOptions { IncidentsChannel = "C0INCIDENTS" }, Roster, _learned!, CardRenderer.ForRoster(Roster, _learned!));
}
