using System.Net;
using Microsoft.Extensions.Time.Testing;
using SecBot.Host.Tests.Support;
using SecBot.Storage.Inbound;

namespace SecBot.Host.Tests.Slack;

/// <summary>
/// A delivery's key is claimed before its command runs and settled by the command's own commit. A process that died
/// in between leaves an unsettled claim: Slack's retry takes it over once its lease has run out, so the command is not
/// lost; a claim still inside its lease belongs to a handling that may yet commit, so a retry then changes nothing.
/// </summary>
public sealed class SlackClaimAfterCrashTests
{
    [Fact]
    public async Task A_claim_left_unsettled_by_a_dead_process_is_taken_over_by_the_retry_once_its_lease_ran_out()
    {
        await using var slack = await SlackHost.StartAsync();
        var dm = SlackPayloads.DirectMessage("Ev0DEAD0001", "U0MAYA0001", "declare Phishing wave");
        var leaseAgo = InboundKeys.DefaultClaimLease + TimeSpan.FromSeconds(1);
        using (var deadProcess = slack.AnotherProcessStore(new FakeTimeProvider(slack.Now - leaseAgo)))
        {
            Assert.True(await new InboundKeys(deadProcess).TryClaimAsync("slack.event", "Ev0DEAD0001", CancellationToken.None));
        }

        using var retried = await slack.EventAsync(dm, retryNum: 1);
        using var again = await slack.EventAsync(dm, retryNum: 2);
        await slack.WaitForOutboxDrainedAsync();

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (retried.StatusCode, again.StatusCode));
        Assert.Single(await slack.IncidentsAsync());
        Assert.Single(await slack.InboundKeysAsync(), k => k.Key == "Ev0DEAD0001" && k.IsSettled);
    }

    [Fact]
    public async Task A_claim_still_inside_its_lease_makes_the_retry_a_duplicate()
    {
        await using var slack = await SlackHost.StartAsync();
        var dm = SlackPayloads.DirectMessage("Ev0LIVE0001", "U0MAYA0001", "declare Phishing wave");
        Assert.True(await new InboundKeys(slack.Store).TryClaimAsync("slack.event", "Ev0LIVE0001", CancellationToken.None));

        using var retried = await slack.EventAsync(dm, retryNum: 1);

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Empty(await slack.IncidentsAsync());
    }

    [Fact]
    public async Task A_handled_event_settles_its_key_in_the_transaction_that_declared()
    {
        await using var slack = await SlackHost.StartAsync();
        var dm = SlackPayloads.DirectMessage("Ev0DONE0001", "U0MAYA0001", "declare Phishing wave");

        using var delivered = await slack.EventAsync(dm);

        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        // Same transaction: the key's settled_at is the declare's own timestamp, not a later one.
        var settledAt = Assert.Single(await slack.InboundKeysAsync(), k => k.Key == "Ev0DONE0001").SettledAt;
        Assert.Single(await slack.IncidentsAsync(), i => i.DeclaredAt == settledAt);
    }
}
