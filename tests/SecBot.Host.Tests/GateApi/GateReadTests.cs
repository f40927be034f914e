using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SecBot.Host.Tests.Replicas;
using SecBot.Host.Tests.Slack;
using SecBot.Host.Tests.Support;

namespace SecBot.Host.Tests.GateApi;

/// <summary>GET /api/gates/REV-n over the real host, and its <c>?wait=</c> on a watched clock: never on the real one.</summary>
public sealed class GateReadTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_gate_reads_back_as_it_was_opened_and_a_chat_sign_off_shows_on_its_seat()
    {
        await using var slack = await SlackHost.StartAsync(null, GateApiClient.Settings());
        var who = GateReviewers.Of(slack.Host.App.Services, slack.Now);
        using var opened = await slack.Host.OpenAsync(GateApiClient.Gate(who.Type, "payments v2.3", who.Requester.Id));
        var asOpened = await opened.JsonAsync();

        using var read = await slack.Host.GetGateAsync("rev-1");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("application/json", read.Content.Headers.ContentType?.MediaType);
        Assert.Equal(asOpened.ToJsonString(), (await read.JsonAsync()).ToJsonString());

        using var approved = await slack.CommandAsync("approve REV-1", userId: who.Reviewer.SlackUserId);
        var after = await (await slack.Host.GetGateAsync("REV-1")).JsonAsync();

        var seat = after["seats"]!.AsArray().First(s => (string?)s!["signed_by"] == who.Reviewer.Id)!;
        Assert.Equal("approve", (string?)seat["decision"]);
        Assert.Equal(1, (int?)seat["stage"]);
        Assert.True((bool?)seat["required"]);
        Assert.Equal(who.SignOffsToApprove == 1 ? "approved" : "open", (string?)after["state"]);
    }

    [Theory]
    [InlineData("REV-9")]
    [InlineData("INC-1")]
    [InlineData("payments")]
    public async Task An_unknown_gate_is_answered_404(string id)
    {
        await using var slack = await SlackHost.StartAsync(null, GateApiClient.Settings());

        using var read = await slack.Host.GetGateAsync(id);

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Contains(id, (string?)(await read.JsonAsync())["error"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("121")]
    [InlineData("-1")]
    [InlineData("soon")]
    public async Task A_wait_longer_than_120_seconds_or_not_a_number_is_answered_400(string wait)
    {
        await using var slack = await SlackHost.StartAsync(null, GateApiClient.Settings());
        var who = GateReviewers.Of(slack.Host.App.Services, slack.Now);
        using var opened = await slack.Host.OpenAsync(GateApiClient.Gate(who.Type, "payments v2.3", who.Requester.Id));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/gates/REV-1?wait={wait}", UriKind.Relative));
        request.Headers.Authorization = new("Bearer", GateApiClient.Key);

        using var read = await slack.Host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, read.StatusCode);
        Assert.Contains("wait must be a whole number of seconds from 0 to 120", (string?)(await read.JsonAsync())["error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wait_answers_as_soon_as_a_reviewer_signs_in_chat()
    {
        var clock = new WatchedClock(TimeProvider.System.GetUtcNow());
        await using var slack = await SlackHost.StartOnClockAsync(clock, null, GateApiClient.Settings());
        var who = GateReviewers.Of(slack.Host.App.Services, slack.Now);
        using var opened = await slack.Host.OpenAsync(GateApiClient.Gate(who.Type, "payments v2.3", who.Requester.Id));
        var waitingSince = clock.GetUtcNow();

        var waiting = slack.Host.GetGateAsync("REV-1", wait: (int)Wait.TotalSeconds);
        await clock.WaitUntilAsleepUntilAsync(waitingSince + Wait, "the gate's wait");
        Assert.False(waiting.IsCompleted);
        using var approved = await slack.CommandAsync("approve REV-1", userId: who.Reviewer.SlackUserId);
        using var answered = await waiting;

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        var gate = await answered.JsonAsync();
        Assert.Contains(gate["seats"]!.AsArray(), s => (string?)s!["signed_by"] == who.Reviewer.Id && (string?)s["decision"] == "approve");
        Assert.Equal(waitingSince, clock.GetUtcNow());
    }

    [Fact]
    public async Task A_wait_with_no_change_answers_the_gate_unchanged_after_its_seconds()
    {
        var clock = new WatchedClock(TimeProvider.System.GetUtcNow());
        await using var slack = await SlackHost.StartOnClockAsync(clock, null, GateApiClient.Settings());
        var who = GateReviewers.Of(slack.Host.App.Services, slack.Now);
        using var opened = await slack.Host.OpenAsync(GateApiClient.Gate(who.Type, "payments v2.3", who.Requester.Id));
        var asOpened = await opened.JsonAsync();
        var waitingSince = clock.GetUtcNow();

        var waiting = slack.Host.GetGateAsync("REV-1", wait: (int)Wait.TotalSeconds);
        await clock.WaitUntilAsleepUntilAsync(waitingSince + Wait, "the gate's wait");
        // Other commits (the review requests' delivery) wake the wait; the gate has not changed, so it sleeps on.
        await slack.WaitForOutboxDrainedAsync();
        Assert.False(waiting.IsCompleted);
        await clock.AdvanceWhenAsleepUntilAsync(waitingSince + Wait, "the gate's wait");
        using var answered = await waiting;

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(asOpened.ToJsonString(), (await answered.JsonAsync()).ToJsonString());
    }

    [Fact]
    public async Task A_wait_whose_client_goes_away_stops_listening()
    {
        var clock = new WatchedClock(TimeProvider.System.GetUtcNow());
        await using var slack = await SlackHost.StartOnClockAsync(clock, null, GateApiClient.Settings());
        var who = GateReviewers.Of(slack.Host.App.Services, slack.Now);
        using var opened = await slack.Host.OpenAsync(GateApiClient.Gate(who.Type, "payments v2.3", who.Requester.Id));
        var waitingSince = clock.GetUtcNow();
        using var leave = new CancellationTokenSource();

        var waiting = slack.Host.GetGateAsync("REV-1", wait: 120, cancellationToken: leave.Token);
        await clock.WaitUntilAsleepUntilAsync(waitingSince + TimeSpan.FromSeconds(120), "the gate's wait");
        await leave.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        await Until.TrueAsync(
            () => Task.FromResult(!clock.IsAsleepUntil(waitingSince + TimeSpan.FromSeconds(120))), TimeSpan.FromSeconds(30), () => "the abandoned wait still sleeps");
    }

    [Fact]
    public async Task A_wait_answers_the_gate_at_once_when_the_host_begins_to_stop()
    {
        var clock = new WatchedClock(TimeProvider.System.GetUtcNow());
        await using var slack = await SlackHost.StartOnClockAsync(clock, null, GateApiClient.Settings());
        var who = GateReviewers.Of(slack.Host.App.Services, slack.Now);
        using var opened = await slack.Host.OpenAsync(GateApiClient.Gate(who.Type, "payments v2.3", who.Requester.Id));
        var asOpened = await opened.JsonAsync();
        var waitingSince = clock.GetUtcNow();

        var waiting = slack.Host.GetGateAsync("REV-1", wait: 120);
        await clock.WaitUntilAsleepUntilAsync(waitingSince + TimeSpan.FromSeconds(120), "the gate's wait");
        await slack.WaitForOutboxDrainedAsync();
        Assert.False(waiting.IsCompleted);
        slack.Host.App.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        using var answered = await waiting;

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(asOpened.ToJsonString(), (await answered.JsonAsync()).ToJsonString());
        Assert.Equal(waitingSince, clock.GetUtcNow());
    }
}
