using SecBot.Chat.Cards;
using SecBot.Chat.Conversation;
using SecBot.Chat.Tests.Support;
using SecBot.Storage.Tests.Support;

namespace SecBot.Chat.Tests.Incidents;

/// <summary><c>status</c>: one incident with its pages, acknowledgement and timeline, or all open incidents. It only reads.</summary>
public sealed class StatusTests
{
    [Fact]
    public async Task Status_of_an_incident_shows_who_was_paged_who_acknowledged_and_the_timeline()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("sam", "Suspicious login on VPN");
        chat.Time.Advance(TimeSpan.FromMinutes(3));
        var paged = await chat.FirstPagedAsync(1);
        var name = chat.NameOf(paged);
        await chat.PressAsync(paged, ActionIds.Acknowledge, "INC-1");
        var before = await chat.CountsAsync();

        var reply = await chat.SayAsync(await chat.FollowerOfAsync(1), "status INC-1");

        Assert.False(reply.IsRefusal, reply.Text);
        Assert.Equal(ReplyVisibility.Private, reply.Visibility);
        Assert.Equal("INC-1 is acknowledged at L1.", reply.Text);
        Assert.NotNull(reply.Card);
        var facts = reply.Card.Facts.ToDictionary(f => f.Label, f => f.Value);
        Assert.Equal($"acknowledged by {name} at L1", facts["State"]);
        Assert.Equal($"{name} (L1, Mon 2 Mar 09:00 UTC)", facts["Paged"]);
        Assert.Equal("Mon 2 Mar 09:00 UTC by Sam Okafor", facts["Declared"]);
        var timeline = reply.Card.Text!.Split('\n');
        Assert.Equal("Timeline:", timeline[0]);
        Assert.Collection(
            timeline[1..],
            line => Assert.StartsWith("Mon 2 Mar 09:00 UTC · Declared by Sam Okafor as a general incident at L1", line, StringComparison.Ordinal),
            line => Assert.Equal($"Mon 2 Mar 09:00 UTC · Paged {name} at L1", line),
            line => Assert.Equal($"Mon 2 Mar 09:03 UTC · Acknowledged by {name} at L1; automatic escalation of L1 stopped", line));
        Assert.DoesNotContain("Unless acknowledged", facts.Keys);
        Assert.Equal(before, await chat.CountsAsync());
    }

    [Fact]
    public async Task Status_counts_repeated_pages_of_one_person()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("sam", "Suspicious login on VPN");
        chat.Time.Advance(TimeSpan.FromMinutes(10));
        await chat.FireDueTimersAsync();

        var reply = await chat.SayAsync("leo", "status INC-1");

        Assert.Equal("Maya Chen (L1, Mon 2 Mar 09:00 UTC, 2×)", reply.Card!.Facts.Single(f => f.Label == "Paged").Value);
        Assert.Contains("Mon 2 Mar 09:10 UTC · Re-paged Maya Chen at L1 (attempt 2): no acknowledgement within 10 minutes", reply.Card.Text, StringComparison.Ordinal);
        // The re-page was the last: the next deadline escalates.
        Assert.Equal("escalation to L2 at Mon 2 Mar 09:20 UTC", reply.Card.Facts.Single(f => f.Label == "Unless acknowledged").Value);
    }

    [Fact]
    public async Task Status_without_an_id_lists_the_open_incidents_newest_first()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("sam", "First");
        await chat.DeclareAsync("sam", "Second type:aws");
        await chat.DeclareAsync("sam", "Third");
        chat.Time.Advance(TimeSpan.FromMinutes(4));
        var acknowledger = await chat.FirstPagedAsync(3);
        Assert.False((await chat.SayAsync(acknowledger, "ack INC-3")).IsRefusal);
        Assert.False((await chat.SayAsync(await chat.FirstPagedAsync(1), "resolve INC-1 done")).IsRefusal);

        var reply = await chat.SayAsync("leo", "status");

        // Each row: age, who is on it, and (unacknowledged) what happens next and when.
        Assert.Equal(
            "2 open incidents:\n"
            + $"INC-3 (L1, declared 4 minutes ago): Third — acknowledged by {chat.NameOf(acknowledger)} at L1\n"
            + $"INC-2 (L1, declared 4 minutes ago): Second — paged {chat.NameOf(await chat.FirstPagedAsync(2))}, not acknowledged; "
            + "unless acknowledged: re-page at Mon 2 Mar 09:10 UTC, then escalation to L2 at Mon 2 Mar 09:20 UTC",
            reply.Text);
    }

    [Fact]
    public async Task Status_with_no_open_incidents_says_so()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);

        Assert.Equal("No open incidents.", (await chat.SayAsync("leo", "status")).Text);
    }

    [Fact]
    public async Task Status_of_an_unknown_incident_is_refused_with_usage()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);

        var reply = await chat.SayAsync("leo", "status INC-42");

        Assert.True(reply.IsRefusal);
        Assert.Equal("There is no INC-42.\nUsage: status [INC-n|REV-n]", reply.Text);
    }

    [Fact]
    public async Task Status_of_a_resolved_incident_shows_the_summary_and_offers_no_buttons()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("sam", "Suspicious login on VPN");
        Assert.False((await chat.SayAsync(await chat.FirstPagedAsync(1), "resolve INC-1 Traveller on hotel wifi")).IsRefusal);

        var reply = await chat.SayAsync("leo", "status INC-1");

        Assert.Equal("INC-1 is resolved at L1.", reply.Text);
        Assert.Equal("Traveller on hotel wifi", reply.Card!.Facts.Single(f => f.Label == "Summary").Value);
        Assert.Empty(reply.Card.Buttons);
    }
}
