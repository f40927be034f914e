using SecBot.Chat.Reports;
using SecBot.Chat.Tests.Reviews;
using SecBot.Chat.Tests.Support;
using SecBot.Domain.Incidents;
using SecBot.Domain.Reviews;
using SecBot.Storage.Tests.Support;

namespace SecBot.Chat.Tests.Reports;

/// <summary>
/// The postmortem report built from what a real chat session stored (a real SQLite file, a fake clock): a customer
/// incident declared, acknowledged, escalated by hand, resolved (which opens its postmortem gate) and that gate signed.
/// </summary>
public sealed class IncidentReportTests
{
    private const string Title = "Tenant data *leak* via [export](http://x) | urgent <b>now</b>";

    [Fact]
    public async Task The_report_tells_the_whole_incident_with_its_linked_gate_and_ledger_records()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        var declaredAt = chat.Time.GetUtcNow();
        await chat.DoAsync("sam", $"declare {Title} type:customer");
        chat.Time.Advance(TimeSpan.FromMinutes(4));
        await chat.DoAsync("olivia", "ack INC-1");
        chat.Time.Advance(TimeSpan.FromMinutes(6));
        await chat.DoAsync("olivia", "escalate INC-1 board must know: customer data");
        chat.Time.Advance(TimeSpan.FromMinutes(110));
        await chat.DoAsync("olivia", "resolve INC-1 Tenant isolation fixed");
        chat.Time.Advance(TimeSpan.FromHours(1));
        await chat.DoAsync("leo", "approve REV-1 lgtm | *ship*");
        chat.Time.Advance(TimeSpan.FromMinutes(1));

        var report = await new IncidentReportBuilder(chat.Store).BuildAsync(1, chat.Time.GetUtcNow(), CancellationToken.None);

        Assert.NotNull(report);
        var incident = await chat.Store.IncidentAsync(1);
        Assert.Equal(("INC-1", Title, "customer", "L3", "Executive", "resolved"), (report.Key, report.Title, report.Type, report.DeclaredLevel, report.Level, report.State));
        Assert.Equal((new ReportActor("sam", chat.Roster.PersonName("sam")), declaredAt), (report.DeclaredBy, report.DeclaredAt));
        Assert.Equal(incident.LeadPersonId, report.Lead?.Id);
        Assert.Equal(
            incident.Pages.Select(p => $"{p.PagedAt:O} {p.PersonId} {chat.Roster.PersonName(p.PersonId)} {p.Level} {p.Attempt} {p.Reason}"),
            report.Pages.Select(p => $"{p.At:O} {p.To.Id} {p.To.Name} {p.Level} {p.Attempt} {p.Reason}"));
        Assert.Contains(report.Pages, p => p.Level == "Executive" && p.Reason == nameof(PageReason.Notification));
        Assert.Equal([new ReportAcknowledgement(declaredAt.AddMinutes(4), new ReportActor("olivia", chat.Roster.PersonName("olivia")), "L3")], report.Acknowledgements);
        Assert.Equal(
            [new ReportEscalation(declaredAt.AddMinutes(10), false, new ReportActor("olivia", chat.Roster.PersonName("olivia")), "L3", "Executive", "board must know: customer data")],
            report.Escalations);
        Assert.Empty(report.Alerts);
        Assert.Equal(new ReportResolution(declaredAt.AddMinutes(120), new ReportActor("olivia", chat.Roster.PersonName("olivia")), "Tenant isolation fixed"), report.Resolution);
        Assert.Equal(new ReportDurations(240, 7200), report.Durations);
        Assert.Equal((await chat.Store.IncidentTimelineAsync(1)).Select(e => (e.At, e.Kind, e.Actor, e.Detail)), report.Timeline.Select(e => (e.At, e.Kind, e.Actor.Id, e.Detail)));
        Assert.Equal(declaredAt.AddMinutes(181), report.GeneratedAt);

        var gate = Assert.Single(report.Gates);
        var stored = await chat.GateAsync(1);
        Assert.Equal(("REV-1", "incident-postmortem", stored.Title, "open", stored.RequestedBy, declaredAt.AddMinutes(120)), (gate.Key, gate.Type, gate.Title, gate.State, gate.RequestedBy.Id, gate.OpenedAt));
        var ledger = (await chat.Store.LedgerAsync()).Where(r => r.GateId == 1).ToList();
        Assert.Equal(ledger.Select(r => (r.Id, r.Decision, r.PersonId, r.Comment)), gate.SignOffs.Select(s => (s.LedgerId, s.Decision, s.By.Id, s.Comment)));
        Assert.Equal([LedgerDecisions.Opened, LedgerDecisions.Approve], gate.SignOffs.Select(s => s.Decision));
        var approval = gate.SignOffs[1];
        Assert.Equal((declaredAt.AddMinutes(180), "lgtm | *ship*", chat.Roster.PersonName("leo")), (approval.At, approval.Comment, approval.By.Name));
        Assert.Equal(stored.SignOffs.Single().SeatId, approval.Seat);
        Assert.Null(gate.SignOffs[0].Seat);
    }

    [Fact]
    public async Task The_markdown_draft_has_its_sections_and_user_text_cannot_break_its_structure()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("sam", $"declare {Title} type:customer");
        chat.Time.Advance(TimeSpan.FromMinutes(4));
        await chat.DoAsync("olivia", "resolve INC-1 fixed\n## Root cause\n| forged | row |");
        await chat.DoAsync("leo", "approve REV-1 lgtm | *ship*");
        var report = await new IncidentReportBuilder(chat.Store).BuildAsync(1, chat.Time.GetUtcNow(), CancellationToken.None);

        var markdown = IncidentReportMarkdown.Render(report!);

        var headings = markdown.Split('\n').Where(l => l.StartsWith('#')).ToList();
        Assert.Equal(
            [
                @"# INC-1 postmortem draft: Tenant data \*leak\* via \[export\](http://x) \| urgent \<b\>now\</b\>",
                "## Summary", "## Timeline", "## Response", "### Pages", "### Acknowledgements", "### Escalations", "### Alerts", "### Durations",
                "## Sign-offs", "### REV-1: Incident postmortem for INC-1: Tenant data \\*leak\\* via \\[export\\](http://x) \\| urgent \\<b\\>now\\</b\\>",
                "## Root cause", "## Follow-ups",
            ],
            headings);
        Assert.Contains(@"- **Resolution summary:** fixed \#\# Root cause \| forged \| row \|", markdown, StringComparison.Ordinal);
        Assert.Contains("- **Time to resolve:** 4 minutes", markdown, StringComparison.Ordinal);
        Assert.Contains("- **First acknowledged:** not acknowledged", markdown, StringComparison.Ordinal);
        Assert.Contains(@"| approve | lgtm \| \*ship\* |", markdown, StringComparison.Ordinal);
        Assert.Contains("_No escalations._", markdown, StringComparison.Ordinal);
        Assert.EndsWith("## Root cause\n\n_For the author to write._\n\n## Follow-ups\n\n_For the author to write._\n", markdown, StringComparison.Ordinal);
        // Every table row has as many cells as its heading: no user text split a cell.
        foreach (var table in markdown.Split("\n\n").Where(b => b.StartsWith("| ", StringComparison.Ordinal)))
        {
            var rows = table.Split('\n');
            Assert.All(rows, row => Assert.Equal(Cells(rows[0]), Cells(row)));
        }
    }

    [Fact]
    public async Task The_json_report_is_the_same_model_and_reads_back_to_the_same_json()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("sam", $"declare {Title} type:customer");
        chat.Time.Advance(TimeSpan.FromMinutes(4));
        await chat.DoAsync("olivia", "resolve INC-1 fixed");
        var report = await new IncidentReportBuilder(chat.Store).BuildAsync(1, chat.Time.GetUtcNow(), CancellationToken.None);

        var json = IncidentReportJson.Render(report!);

        Assert.Equal(json, IncidentReportJson.Render(IncidentReportJson.Read(json)!));
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(("INC-1", Title, 240.0), (root.GetProperty("key").GetString(), root.GetProperty("title").GetString(), root.GetProperty("durations").GetProperty("timeToResolveSeconds").GetDouble()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, root.GetProperty("durations").GetProperty("timeToAcknowledgeSeconds").ValueKind);
        Assert.Equal("incident-postmortem", root.GetProperty("gates")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task An_automatic_escalation_is_reported_as_automatic_with_why_and_nobody_acknowledged()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("maya", "Odd outbound traffic");
        for (var i = 0; i < 10 && !(await chat.TimelineKindsAsync(1)).Contains(IncidentEventKinds.AutoEscalated); i++)
        {
            chat.Time.Advance(TimeSpan.FromMinutes(10));
            await chat.FireDueTimersAsync();
        }

        var report = await new IncidentReportBuilder(chat.Store).BuildAsync(1, chat.Time.GetUtcNow(), CancellationToken.None);

        var escalation = Assert.Single(report!.Escalations);
        Assert.Equal((true, "secbot", "SecBot", "L1", "L2"), (escalation.Automatic, escalation.By.Id, escalation.By.Name, escalation.From, escalation.To));
        Assert.StartsWith("nobody acknowledged within 10 minutes", escalation.Reason, StringComparison.Ordinal);
        Assert.Equal(("L1", "L2", "open"), (report.DeclaredLevel, report.Level, report.State));
        Assert.Empty(report.Acknowledgements);
        Assert.Equal(new ReportDurations(null, null), report.Durations);
        Assert.Contains(report.Pages, p => p.Attempt > 1);
        var markdown = IncidentReportMarkdown.Render(report);
        Assert.Contains("| automatic | SecBot | nobody acknowledged within 10 minutes", markdown, StringComparison.Ordinal);
        Assert.Contains("- **Time to acknowledge:** not acknowledged", markdown, StringComparison.Ordinal);
        Assert.Contains("not resolved; open for", markdown, StringComparison.Ordinal);
        Assert.Contains("No review gate is linked to this incident.", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task There_is_no_report_on_an_incident_that_does_not_exist()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);

        Assert.Null(await new IncidentReportBuilder(chat.Store).BuildAsync(9, chat.Time.GetUtcNow(), CancellationToken.None));
    }

    private static int Cells(string row) => row.Replace("\\|", "", StringComparison.Ordinal).Count(c => c == '|');
}
