using System.Net;
using SecBot.Host.Tests.GateApi;
using SecBot.Host.Tests.Slack;
using SecBot.Host.Tests.Support;
using SecBot.Testing.Slack;

namespace SecBot.Host.Tests.Observability;

/// <summary>
/// A real scrape of <c>/metrics</c> from a Slack-configured host after traffic that touches every instrument: a declare
/// whose first Slack posts fail and are dead-lettered, an acknowledgement and a manual escalation, a second incident
/// acknowledged and resolved, a gate opened and approved, and a request refused for a bad signature.
/// </summary>
public sealed class ScrapeAfterTraffic : IAsyncLifetime
{
    public MetricsScrape Scrape { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await using var slack = await SlackHost.StartAsync(s => s.Script("chat.postMessage", FakeResponse.Error("invalid_auth"), FakeResponse.Error("invalid_auth")));
        await OkAsync(slack.CommandAsync("declare Suspicious login"));
        await slack.WaitForOutboxDrainedAsync();
        var paged = (await OnCallPolicy.PagedAsync(slack.Host.App.Services, 1, "L1"))[0].SlackUserId!;
        await OkAsync(slack.CommandAsync("ack INC-1", paged));
        await OkAsync(slack.CommandAsync("escalate INC-1 needs a senior", paged));

        await OkAsync(slack.CommandAsync("declare Phishing wave"));
        var pagedForSecond = (await OnCallPolicy.PagedAsync(slack.Host.App.Services, 2, "L1"))[0].SlackUserId!;
        await OkAsync(slack.CommandAsync("ack INC-2", pagedForSecond));
        await OkAsync(slack.CommandAsync("resolve INC-2 a test phish", pagedForSecond));

        var who = GateReviewers.Of(slack.Host.App.Services, slack.Now);
        await OkAsync(slack.CommandAsync($"review {who.Type} Payments API v2", who.Requester.SlackUserId!));
        await OkAsync(slack.CommandAsync("approve REV-1", who.Reviewer.SlackUserId!));

        using var forged = await slack.PostAsync("/slack/command", SlackPayloads.SlashCommand("declare x", "U0MAYA0001", "C0GENERAL", null), "application/x-www-form-urlencoded", signature: "v0=forged");
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        await slack.WaitForOutboxDrainedAsync();
        Scrape = await MetricsScrape.OfAsync(slack.Host.Http);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task OkAsync(Task<HttpResponseMessage> sent)
    {
        using var response = await sent;
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
