using SecBot.Chat.Cards;
using SecBot.Chat.Tests.Reviews;
using SecBot.Chat.Tests.Support;
using SecBot.Domain.Incidents;
using SecBot.Storage.Incidents;
using SecBot.Storage.Tests.Support;

namespace SecBot.Chat.Tests.Incidents;

/// <summary>
/// Only the people paged on an incident so far, its lead and the <c>MayAcknowledge</c> roles (shipped: the SecOps and
/// SecEng managers) may stop its escalation or close it, typed or by button; anyone else may follow and escalate it.
/// Who was paged comes from the incident's stored pages, never from the roster by name.
/// </summary>
public sealed class ResponderTests
{
    [Fact]
    public async Task Someone_never_paged_who_types_ack_is_refused_with_why_and_the_escalation_goes_on()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("sam", "Suspicious login on VPN");
        var paged = await chat.FirstPagedAsync(1);
        var follower = await chat.FollowerOfAsync(1);
        var before = await chat.CountsAsync();

        var reply = await chat.SayAsync(follower, "ack INC-1");

        Assert.True(reply.IsRefusal);
        Assert.StartsWith(
            $"You were not paged on INC-1, so you may not acknowledge it: only the people paged on it ({chat.NameOf(paged)}) "
            + "or a Security Operations Manager or Security Engineering Manager may. You can follow it with status INC-1, or bring in more help with escalate INC-1 [reason].",
            reply.Text,
            StringComparison.Ordinal);
        Assert.Equal(before, await chat.CountsAsync());
        Assert.Equal(IncidentState.Open, (await chat.IncidentAsync(1)).State);

        chat.Time.Advance(TimeSpan.FromMinutes(10));
        await chat.FireDueTimersAsync();
        Assert.Equal(IncidentEventKinds.Repaged, (await chat.TimelineKindsAsync(1))[^1]);
    }

    [Fact]
    public async Task Someone_never_paged_pressing_another_persons_Acknowledge_or_Resolve_changes_nothing()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("sam", "Suspicious login on VPN");
        var follower = await chat.FollowerOfAsync(1);
        var before = await chat.CountsAsync();

        var ack = await chat.PressAsync(follower, ActionIds.Acknowledge, "INC-1");
        var resolve = await chat.PressAsync(follower, ActionIds.Resolve, "INC-1", (ActionIds.Inputs.Summary, "nothing to see"));
        var typed = await chat.SayAsync(follower, "resolve INC-1 nothing to see");

        Assert.Contains("may not acknowledge it", ack.Text, StringComparison.Ordinal);
        Assert.All([resolve, typed], reply =>
        {
            Assert.True(reply.IsRefusal);
            Assert.Contains("You were not paged on INC-1, so you may not resolve it", reply.Text, StringComparison.Ordinal);
        });
        Assert.Equal(before, await chat.CountsAsync());
        var incident = await chat.IncidentAsync(1);
        Assert.Equal((IncidentState.Open, null), (incident.State, incident.LeadPersonId));
    }

    [Fact]
    public async Task Someone_never_paged_may_still_escalate_to_bring_in_more_help()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("sam", "Suspicious login on VPN");
        var follower = await chat.FollowerOfAsync(1);

        var reply = await chat.SayAsync(follower, "escalate INC-1 same logins on the lab hosts");

        Assert.False(reply.IsRefusal, reply.Text);
        Assert.Equal("L2", (await chat.IncidentAsync(1)).Level);
    }

    [Fact]
    public async Task A_manager_who_may_acknowledge_by_policy_stops_the_escalation_without_having_been_paged()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("sam", "Suspicious login on VPN");
        var incident = await chat.IncidentAsync(1);
        var manager = chat.Policy.Escalation.MayAcknowledge
            .SelectMany(role => chat.Roster.HoldersOf(role, chat.Time.GetUtcNow()))
            .First(p => !incident.PeopleOnIncident.Contains(p.Id)).Id;

        var reply = await chat.SayAsync(manager, "ack INC-1");
        chat.Time.Advance(TimeSpan.FromHours(1));
        await chat.FireDueTimersAsync();

        Assert.False(reply.IsRefusal, reply.Text);
        var acknowledged = await chat.IncidentAsync(1);
        Assert.Equal((IncidentState.Acknowledged, "L1", manager), (acknowledged.State, acknowledged.Level, acknowledged.AcknowledgedBy));
        Assert.Equal(IncidentEventKinds.TimerIgnored, (await chat.TimelineKindsAsync(1))[^1]);
    }

    [Fact]
    public async Task Everyone_paged_so_far_may_respond_after_the_incident_escalated_and_the_new_level_may_acknowledge_it()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("sam", "Suspicious login on VPN");
        var pagedAtL1 = await chat.FirstPagedAsync(1);
        await chat.SayAsync(await chat.FollowerOfAsync(1), "escalate INC-1 needs forensics");
        var pagedAtL2 = (await chat.IncidentAsync(1)).Pages.First(p => p.Level == "L2" && p.PersonId != pagedAtL1).PersonId;

        var ack = await chat.SayAsync(pagedAtL2, "ack INC-1");
        var resolve = await chat.SayAsync(pagedAtL1, "resolve INC-1 sessions revoked");

        Assert.False(ack.IsRefusal, ack.Text);
        Assert.False(resolve.IsRefusal, resolve.Text);
        var incident = await chat.IncidentAsync(1);
        Assert.Equal((pagedAtL2, pagedAtL1, pagedAtL2), (incident.AcknowledgedBy, incident.ResolvedBy, incident.LeadPersonId));
    }

    [Fact]
    public async Task Resolving_an_incident_that_opens_a_review_names_the_gate_in_the_reply()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("sam", "declare Customer data visible to another tenant type:customer");
        var incident = await new IncidentRepository(chat.Store).LoadAsync(1, CancellationToken.None);
        var lead = incident!.LeadPersonId!;
        var leadName = chat.Roster.PersonById(lead)!.Name;

        var reply = await chat.DoAsync(lead, "resolve INC-1 Tenant isolation fixed");

        var lines = reply.Text.Split('\n');
        Assert.Equal($"INC-1: resolved by {leadName}: Tenant isolation fixed", lines[0]);
        Assert.StartsWith($"INC-1 is resolved, so REV-1 (Incident postmortem) is open, requested by its lead {leadName}", lines[1], StringComparison.Ordinal);
        // The card replaces the pressed message in Slack and Teams, so it names the gate too.
        Assert.StartsWith("INC-1 is resolved, so REV-1 (Incident postmortem) is open", reply.Card!.Text, StringComparison.Ordinal);
    }
}
