using System.Net;
using System.Text.Json.Nodes;
using SecBot.Host.Tests.Support;
using SecBot.Testing.Slack;

namespace SecBot.Host.Tests.Slack;

/// <summary>contract.md "Guarantees" for Slack: verified first, 401 and nothing recorded otherwise; 413; 400 JSON.</summary>
public sealed class SlackRequestSecurityTests
{
    [Theory]
    [InlineData("/slack/command")]
    [InlineData("/slack/action")]
    [InlineData("/slack/event")]
    [InlineData("/slack/options")]
    public async Task Every_slack_endpoint_answers_404_without_a_signing_secret(string path)
    {
        using var dir = new TempDirectory();
        await using var host = await RunningHost.StartAsync(PolicyFile.WriteCopy(dir), dir.File("secbot.db"));

        using var response = await host.Http.PostAsync(new Uri(path, UriKind.Relative), new StringContent("x"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("bad signature")]
    [InlineData("stale timestamp")]
    [InlineData("future timestamp")]
    public async Task A_badly_signed_declare_is_refused_with_401_and_nothing_is_stored(string how)
    {
        await using var slack = await SlackHost.StartAsync();
        var now = slack.Now;
        var body = SlackPayloads.SlashCommand("declare Breach", "U0MAYA0001", "C0GENERAL");
        var eventBody = SlackPayloads.DirectMessage("Ev-unsigned", "U0MAYA0001", "declare Breach");

        var responses = how switch
        {
            "bad signature" => new[]
            {
                await slack.PostAsync("/slack/command", body, "application/x-www-form-urlencoded", signature: "v0=" + new string('0', 64)),
                await slack.PostAsync("/slack/event", eventBody, "application/json", signature: "v0=" + new string('0', 64)),
            },
            "stale timestamp" => new[]
            {
                await slack.PostAsync("/slack/command", body, "application/x-www-form-urlencoded", signedAt: now.AddMinutes(-6)),
                await slack.PostAsync("/slack/event", eventBody, "application/json", signedAt: now.AddMinutes(-6)),
            },
            _ => new[]
            {
                await slack.PostAsync("/slack/command", body, "application/x-www-form-urlencoded", signedAt: now.AddMinutes(6)),
                await slack.PostAsync("/slack/event", eventBody, "application/json", signedAt: now.AddMinutes(6)),
            },
        };

        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("invalid request", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]);
            response.Dispose();
        }

        Assert.Empty(await slack.IncidentsAsync());
        Assert.Empty(await slack.InboundKeysAsync());
        Assert.Empty(await slack.OutboxEntriesAsync());
        Assert.Empty(slack.Slack.Calls);
    }

    [Fact]
    public async Task Missing_signature_headers_are_401()
    {
        await using var slack = await SlackHost.StartAsync();

        using var response = await slack.Host.Http.PostAsync(new Uri("/slack/action", UriKind.Relative), new StringContent("payload=%7B%7D"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_body_over_one_mebibyte_is_413()
    {
        await using var slack = await SlackHost.StartAsync();

        using var response = await slack.PostAsync("/slack/event", "{\"type\":\"x\",\"pad\":\"" + new string('a', 1024 * 1024) + "\"}", "application/json");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("/slack/event", "{not json", "application/json")]
    [InlineData("/slack/event", "{\"type\":\"event_callback\"}", "application/json")]
    [InlineData("/slack/action", "nopayload=1", "application/x-www-form-urlencoded")]
    [InlineData("/slack/action", "payload=%7B%22type%22%3A%22block_actions%22%7D", "application/x-www-form-urlencoded")]
    [InlineData("/slack/command", "text=help", "application/x-www-form-urlencoded")]
    public async Task A_signed_but_malformed_body_is_400_with_a_json_error(string path, string body, string contentType)
    {
        await using var slack = await SlackHost.StartAsync();

        using var response = await slack.PostAsync(path, body, contentType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]));
    }

    [Fact]
    public async Task Url_verification_echoes_the_challenge()
    {
        await using var slack = await SlackHost.StartAsync();

        using var response = await slack.EventAsync(SlackFixtures.Text("url_verification.json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["challenge"]);
    }

    [Fact]
    public async Task Ssl_check_and_options_requests_are_answered_quietly()
    {
        await using var slack = await SlackHost.StartAsync();

        using var ssl = await slack.PostAsync("/slack/command", "ssl_check=1&token=x", "application/x-www-form-urlencoded");
        using var options = await slack.PostAsync("/slack/options", "payload=%7B%7D", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, ssl.StatusCode);
        Assert.Equal("", await ssl.Content.ReadAsStringAsync());
        Assert.Equal("[]", JsonNode.Parse(await options.Content.ReadAsStringAsync())!["options"]!.ToJsonString());
    }
}
