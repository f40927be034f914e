using SecBot.Chat.Reports;
using SecBot.Chat.Tests.Reviews;
using SecBot.Chat.Tests.Support;
using SecBot.Domain.Incidents;
using SecBot.Domain.Policy;
using SecBot.Storage.Reports;
using SecBot.Storage.Tests.Support;

namespace SecBot.Chat.Tests.Reports;

/// <summary>The response numbers of a history a real chat session wrote on a fake clock, to the millisecond.</summary>
public sealed class ResponseNumbersTests
{
    [Fact]
    public async Task Mtta_mttr_pages_and_review_turnaround_come_out_exactly_for_each_window()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        var t0 = chat.Time.GetUtcNow();
        await chat.DoAsync("sam", "declare Tenant data leak type:customer");
        chat.Time.Advance(TimeSpan.FromMinutes(4));
        await chat.DoAsync("olivia", "ack INC-1");
        chat.Time.Advance(TimeSpan.FromMinutes(56));
        await chat.DoAsync("olivia", "resolve INC-1 fixed");
        chat.Time.Advance(TimeSpan.FromDays(1));
        await chat.DoAsync("leo", "reject REV-1 needs a timeline");
        chat.Time.SetUtcNow(t0.AddDays(9));
        await chat.DoAsync("maya", "declare Odd outbound traffic");
        var paged = (await chat.Store.IncidentAsync(2)).Pages[0].PersonId;
        chat.Time.Advance(TimeSpan.FromMinutes(2).Add(TimeSpan.FromMilliseconds(500)));
        await chat.DoAsync(paged, "ack INC-2");
        chat.Time.Advance(TimeSpan.FromMinutes(30));
        await chat.DoAsync(paged, "resolve INC-2 blocked");
        chat.Time.Advance(TimeSpan.FromMinutes(8));
        await chat.DoAsync("maya", "declare Port scan from a new range");
        chat.Time.SetUtcNow(t0.AddDays(10));

        var numbers = await ResponseNumbersQuery.ReadAsync(chat.Store, new EscalationPolicy(ChatHarness.ShippedPolicy().Escalation), chat.Time.GetUtcNow(), CancellationToken.None);

        Assert.True(numbers.AnyIncidentEver);
        var week = numbers.Windows[0];
        var month = numbers.Windows[1];
        Assert.Equal((7, t0.AddDays(3), 2), (week.Days, week.Since, week.Incidents));
        Assert.Equal((30, t0.AddDays(-20), 3), (month.Days, month.Since, month.Incidents));
        var ackTook = TimeSpan.FromMilliseconds(120_500);
        var resolveTook = TimeSpan.FromMilliseconds(1_920_500);
        Assert.Equal([new DurationStat("L1", 1, 1, ackTook)], week.AcknowledgeByLevel);
        Assert.Equal([new DurationStat("L1", 1, 1, resolveTook)], week.ResolveByLevel);
        Assert.Equal([new DurationStat("general", 1, 1, ackTook)], week.AcknowledgeByType);
        Assert.Equal([new DurationStat("general", 1, 1, resolveTook)], week.ResolveByType);
        Assert.Empty(week.ReviewTurnaroundByGateType);
        Assert.Equal([new DurationStat("L1", 1, 1, ackTook), new DurationStat("L3", 1, 0, TimeSpan.FromMinutes(4))], month.AcknowledgeByLevel);
        Assert.Equal([new DurationStat("L1", 1, 1, resolveTook), new DurationStat("L3", 1, 0, TimeSpan.FromMinutes(60))], month.ResolveByLevel);
        Assert.Equal([new DurationStat("general", 1, 1, ackTook), new DurationStat("customer", 1, 0, TimeSpan.FromMinutes(4))], month.AcknowledgeByType);
        Assert.Equal([new DurationStat("incident-postmortem", 1, 0, TimeSpan.FromDays(1))], month.ReviewTurnaroundByGateType);

        // Pages per person: every page and re-page the store holds in the window, Executive notifications aside.
        var incidents = await chat.Store.IncidentsAsync();
        IEnumerable<(string, int)> Expected(DateTimeOffset since) => incidents.SelectMany(i => i.Pages)
            .Where(p => p.PagedAt >= since && p.Reason != PageReason.Notification)
            .GroupBy(p => p.PersonId).Select(g => (g.Key, g.Count())).OrderBy(p => p.Key, StringComparer.Ordinal);
        Assert.Equal(Expected(week.Since), week.PagesPerPerson.Select(p => (p.PersonId, p.Pages)).OrderBy(p => p.PersonId, StringComparer.Ordinal));
        Assert.Equal(Expected(month.Since), month.PagesPerPerson.Select(p => (p.PersonId, p.Pages)).OrderBy(p => p.PersonId, StringComparer.Ordinal));
        Assert.Equal(chat.Roster.PersonName(paged), week.PagesPerPerson.Single(p => p.PersonId == paged).Name);
        Assert.True(week.PagesPerPerson.Zip(week.PagesPerPerson.Skip(1)).All(pair => pair.First.Pages >= pair.Second.Pages), "most paged first");
    }

    [Fact]
    public async Task An_empty_history_has_no_means_rather_than_NaN()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();

        var numbers = await ResponseNumbersQuery.ReadAsync(db.Store, new EscalationPolicy(ChatHarness.ShippedPolicy().Escalation), db.Time.GetUtcNow(), CancellationToken.None);

        Assert.False(numbers.AnyIncidentEver);
        Assert.All(numbers.Windows, w => Assert.Equal((0, 0, 0, 0), (w.Incidents, w.AcknowledgeByLevel.Count, w.PagesPerPerson.Count, w.ReviewTurnaroundByGateType.Count)));
    }

    [Fact]
    public void A_group_with_nothing_measured_yet_has_no_mean_and_counts_what_waits()
    {
        var now = TemporaryDatabase.Start;
        var rows = new ResponseRows([new IncidentTimes(1, "aws", "L2", now.AddHours(-1), null, null), new IncidentTimes(2, "odd", "L9", now.AddHours(-2), now.AddHours(-1), now.AddHours(1))], [], [], 2);

        var week = ResponseNumbersCalculator.Compute(rows, now, ["L1", "L2"], ["aws"]).Windows[0];

        Assert.Equal([new DurationStat("L2", 0, 1, null), new DurationStat("L9", 1, 0, TimeSpan.FromHours(1))], week.AcknowledgeByLevel);
        // A resolution stamped after now (a clock ahead of this one) is not counted as done yet.
        Assert.Equal([new DurationStat("L2", 0, 1, null), new DurationStat("L9", 0, 1, null)], week.ResolveByLevel);
    }
}
