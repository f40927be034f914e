using SecBot.Domain.Incidents;
using System.Net;
using Microsoft.Extensions.Options;
using SecBot.Domain.Policy;
using SecBot.Host.Tests.Slack;
using SecBot.Host.Tests.Support;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Host.Tests.Incidents;

/// <summary>
/// Over Slack's real HTTP surface: someone never paged on an incident may not acknowledge or resolve it, by button or
/// by slash command, and is answered why; the person paged (read from the fake Slack's conversations.open) may.
/// </summary>
public sealed class SlackResponderTests
{
    private const string PagedDm = "D069C7QFK";

    [Fact]
    public async Task Someone_never_paged_is_refused_acknowledge_and_resolve_while_the_paged_person_acknowledges()
    {
        await using var slack = await SlackHost.StartAsync();
        using var declared = await slack.CommandAsync("declare Suspicious login");
        var paged = (await slack.Slack.WaitForAsync("conversations.open"))[0]["users"]!;
        await slack.WaitForOutboxDrainedAsync();
        var follower = FollowerOf(slack, paged);

        using var pressed = await slack.ActionAsync(SlackPayloads.BlockActions(follower, "incident.ack", "INC-1", SlackHost.IncidentsChannel, "1503435956.000247"));
        using var typed = await slack.CommandAsync("resolve INC-1 nothing there", userId: follower);

        Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        var ephemeral = Assert.Single(await slack.Slack.WaitForAsync("chat.postEphemeral"));
        Assert.Equal(follower, ephemeral["user"]);
        Assert.Contains("You were not paged on INC-1, so you may not acknowledge it", ephemeral.Body, StringComparison.Ordinal);
        Assert.Contains("You were not paged on INC-1, so you may not resolve it", await typed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(slack.Slack.CallsTo("chat.update"));
        Assert.Equal(IncidentState.Open, (await slack.IncidentAsync(1)).State);

        using var byPaged = await slack.ActionAsync(SlackPayloads.BlockActions(paged, "incident.ack", "INC-1", PagedDm, "1503435956.000248"));

        Assert.Equal(HttpStatusCode.OK, byPaged.StatusCode);
        Assert.Single(await slack.Slack.WaitForUpdatesInAsync(PagedDm), u => u["ts"] == "1503435956.000248");
        Assert.Equal(IncidentState.Acknowledged, (await slack.IncidentAsync(1)).State);
    }

    [Fact]
    public async Task Someone_never_paged_pressing_Resolve_is_refused_privately_before_any_form_opens()
    {
        await using var slack = await SlackHost.StartAsync();
        using var declared = await slack.CommandAsync("declare Suspicious login");
        var paged = (await slack.Slack.WaitForAsync("conversations.open"))[0]["users"]!;
        var announcement = await slack.Slack.WaitForAsync("chat.postMessage", c => ButtonValue(c, "incident.resolve") is not null);
        await slack.WaitForOutboxDrainedAsync();
        var follower = FollowerOf(slack, paged);

        using var pressed = await slack.ActionAsync(SlackPayloads.BlockActions(
            follower, "incident.resolve", ButtonValue(announcement, "incident.resolve")!, SlackHost.IncidentsChannel, "1503435956.000249"));

        Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        var refusal = await slack.Slack.WaitForAsync("chat.postEphemeral", c => c["user"] == follower);
        Assert.Contains("You were not paged on INC-1, so you may not resolve it", refusal.Body, StringComparison.Ordinal);
        Assert.Empty(slack.Slack.CallsTo("views.open"));
        Assert.Equal(IncidentState.Open, (await slack.IncidentAsync(1)).State);
    }

    [Fact]
    public async Task An_unknown_role_that_may_acknowledge_stops_start_up_naming_its_key()
    {
        using var dir = new TempDirectory();

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => RunningHost.StartAsync(
            PolicyFile.WriteCopy(dir), dir.File("secbot.db"), "--SecBot:Escalation:MayAcknowledge:1=Cfo"));

        Assert.Contains("SecBot:Escalation:MayAcknowledge:1: unknown role 'Cfo'", SecBot.Host.Configuration.StartupFailure.Describe(failure), StringComparison.Ordinal);
    }

    private static string? ButtonValue(SecBot.Testing.Slack.RecordedCall call, string actionId) =>
        call.Json?["blocks"]?.AsArray()
            .Where(b => (string?)b!["type"] == "actions")
            .SelectMany(b => b!["elements"]!.AsArray())
            .FirstOrDefault(e => (string?)e!["action_id"] == actionId)?["value"]?.GetValue<string>();

    /// <summary>A roster person with a Slack id, not the one paged, holding none of the roles that may acknowledge anyway.</summary>
    private static string FollowerOf(SlackHost slack, string pagedSlackUserId)
    {
        var services = slack.Host.App.Services;
        var roster = services.GetRequiredService<RosterModel>();
        var mayAcknowledge = services.GetRequiredService<IOptions<PolicyOptions>>().Value.Escalation.MayAcknowledge;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        return roster.People
            .Where(p => p.SlackUserId.Length > 0 && p.SlackUserId != pagedSlackUserId)
            .First(p => roster.RolesHeldBy(p.Id, now).Count > 0 && !roster.RolesHeldBy(p.Id, now).Intersect(mayAcknowledge, StringComparer.OrdinalIgnoreCase).Any())
            .SlackUserId;
    }
}
