using System.Text.Json;
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

/// <summary>
/// <see cref="SlackOutboxKinds.Respond"/>: how a button on an ephemeral message is answered (slack-protocol.md §5):
/// a JSON POST to the payload's response_url, with no token, and only to Slack's own host.
/// </summary>
public sealed class ResponseUrlDeliveryTests : IAsyncLifetime
{
    private static readonly MessageContent Content = new("INC-1 acknowledged", [new HeaderBlock(TextObject.Plain("INC-1"))]);
    private static readonly RosterModel Roster = RosterModel.From(new RosterOptions());

    private TemporaryDatabase? _database;
    private LearnedIdentities? _learned;

    public async Task InitializeAsync()
    {
        _database = await TemporaryDatabase.MigratedAsync();
        _learned = new LearnedIdentities(new LearnedPlatformIdRepository(_database.Store), Roster);
    }

    public async Task DisposeAsync()
    {
        if (_database is not null) await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_respond_item_posts_json_to_the_response_url_replacing_the_original_without_the_token()
    {
        await using var harness = await SlackApiHarness.StartAsync();
        harness.Slack.Script(FakeSlackServer.ResponseUrlMethod, new FakeResponse(200, "ok"));

        var failure = await Delivery(harness).SendItemAsync(SlackOutboxKinds.Respond, Json(harness.Slack.ResponseUrl(), replace: true), CancellationToken.None);

        Assert.Null(failure);
        var call = Assert.Single(harness.Slack.Calls);
        Assert.Equal(FakeSlackServer.ResponseUrlMethod, call.Method);
        Assert.True((bool?)call.Json!["replace_original"]);
        Assert.Equal("INC-1 acknowledged", call["text"]);
        Assert.True(string.IsNullOrEmpty(call.Authorization));
    }

    [Fact]
    public async Task An_expired_response_url_is_a_permanent_failure()
    {
        await using var harness = await SlackApiHarness.StartAsync();
        harness.Slack.Script(FakeSlackServer.ResponseUrlMethod, new FakeResponse(404, "expired_url"));

        var failure = await Delivery(harness).SendItemAsync(SlackOutboxKinds.Respond, Json(harness.Slack.ResponseUrl(), replace: true), CancellationToken.None);

        Assert.False(failure!.IsRetryable);
    }

    [Theory]
    [InlineData("https://evil.example/hooks/T1/1/x")]
    [InlineData("http://hooks.slack.com/actions/T1/1/x")]
    [InlineData("not a url")]
    public async Task A_response_url_that_is_not_slacks_is_never_called(string url)
    {
        await using var harness = await SlackApiHarness.StartAsync();

        var failure = await Delivery(harness).SendItemAsync(SlackOutboxKinds.Respond, Json(url, replace: true), CancellationToken.None);

        Assert.False(failure!.IsRetryable);
        Assert.Empty(harness.Slack.Calls);
    }

    [Theory]
    [InlineData("https://hooks.slack.com/actions/T1/1/x", true)]
    [InlineData("https://HOOKS.slack.com/commands/T1/1/x", true)]
    [InlineData("https://hooks.slack.com:8443/actions/T1/1/x", false)]
    [InlineData("https://hooks.slack.com.evil.example/x", false)]
    [InlineData("https://evil.example/?https://hooks.slack.com/", false)]
    [InlineData("http://127.0.0.1:5000/hooks/x", true)]
    [InlineData("http://127.0.0.1:5001/hooks/x", false)]
    [InlineData("", false)]
    public void Only_slacks_hooks_host_or_the_configured_api_host_is_trusted(string url, bool trusted)
    {
        var options = new SlackOptions { ApiBaseUrl = "http://127.0.0.1:5000/api/" };

        Assert.Equal(trusted, options.TrustedResponseUrl(url) is not null);
    }

    private static string Json(string url, bool replace) =>
        JsonSerializer.Serialize(new SlackOutboxItem { Channel = "C1", ResponseUrl = url, ReplaceOriginal = replace, Content = Content }, SlackWebJsonContext.Default.SlackOutboxItem);

    private SlackDelivery Delivery(SlackApiHarness harness) =>
        new(harness.Client, new SlackOptions { ApiBaseUrl = harness.Slack.ApiBase.ToString() }, Roster, _learned!, CardRenderer.ForRoster(Roster, _learned!));
}
