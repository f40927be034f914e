using System.Net;
using System.Text.Json.Nodes;
using SecBot.Chat.Tests.Support;
using SecBot.Host.Tests.Slack;
using SecBot.Host.Tests.Support;
using SecBot.Storage.Timers;
using SecBot.Testing.Slack;

namespace SecBot.Host.Tests.Reliability;

/// <summary>
/// <c>/readyz</c> answers JSON with each check's details: what is undelivered per platform, dead letters and parked timers.
/// What SecBot failed to do degrades it, but never makes it unready (see the README, "How a change is kept").
/// </summary>
public sealed class ReadinessDetailsTests
{
    [Fact]
    public async Task A_host_with_nothing_undelivered_is_ready_and_healthy_with_the_counts_at_zero()
    {
        await using var slack = await SlackHost.StartAsync();

        var (status, body) = await ReadyAsync(slack);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", (string?)body["status"]);
        Assert.Equal("Healthy", (string?)body["checks"]!["database"]!["status"]);
        var delivery = body["checks"]!["delivery"]!;
        Assert.Equal("Healthy", (string?)delivery["status"]);
        Assert.Equal(
            """{"pending":0,"retrying":0,"oldestPendingSeconds":0,"deadLetters":0,"parkedTimers":0}""",
            delivery["data"]!.ToJsonString());
    }

    [Fact]
    public async Task Dead_letters_and_a_parked_timer_degrade_it_with_their_counts_and_it_stays_ready()
    {
        await using var slack = await SlackHost.StartAsync(s => s.Script("chat.postMessage", FakeResponse.Error("invalid_auth"), FakeResponse.Error("invalid_auth")));
        using var declared = await slack.CommandAsync("declare Suspicious login");
        Assert.Equal(2, (await slack.WaitForOutboxDrainedAsync()).Dead);
        // Parked as the clock parks a timer whose handler kept failing.
        var timer = Assert.Single(await slack.Store.TimersAsync(), t => t.FiredAt is null);
        Assert.True((await new TimerFailures(slack.Store).RecordAsync(timer.Id, "InvalidDataException: poison", _ => null, CancellationToken.None))!.Parked);

        var (status, body) = await ReadyAsync(slack);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", (string?)body["status"]);
        var delivery = body["checks"]!["delivery"]!;
        Assert.Equal("Degraded", (string?)delivery["status"]);
        Assert.Equal("slack: 2 dead letters; 1 parked timer", (string?)delivery["description"]);
        Assert.Equal(
            """{"pending":0,"retrying":0,"oldestPendingSeconds":0,"deadLetters":2,"parkedTimers":1,"slack":{"pending":0,"retrying":0,"oldestPendingSeconds":0,"deadLetters":2}}""",
            delivery["data"]!.ToJsonString());
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> ReadyAsync(SlackHost slack)
    {
        using var ready = await slack.Host.Http.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal("application/json; charset=utf-8", ready.Content.Headers.ContentType?.ToString());
        return (ready.StatusCode, JsonNode.Parse(await ready.Content.ReadAsStringAsync())!);
    }
}
