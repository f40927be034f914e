using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using SecBot.Chat.Incidents;
using SecBot.Chat.OnCall;
using SecBot.Chat.Tests.Support;
using SecBot.Domain;
using SecBot.Domain.Incidents;
using SecBot.Domain.Policy;
using SecBot.Domain.Reviews;
using SecBot.Domain.Roster;
using SecBot.Host.Tests.Slack;
using SecBot.Host.Tests.Support;
using static SecBot.Host.Tests.WebConsole.BoardMarkup;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Host.Tests.WebConsole;

/// <summary><c>GET /board</c> over the real host: what is open, who is on call, all derived from the policy at the test's time.</summary>
public sealed class BoardPageTests
{
    [Fact]
    public async Task A_declared_incident_shows_who_was_paged_that_it_waits_for_an_acknowledgement_and_when_it_escalates()
    {
        await using var board = await BoardHost.StartAsync();
        using var declared = await board.Slack.CommandAsync("declare Suspicious login");
        var paged = Assert.Single(await OnCallPolicy.PagedAsync(board.Services, 1, "L1"));
        var incident = await board.IncidentAsync(1);
        var escalation = board.Services.GetRequiredService<EscalationPolicy>();
        var due = AckDeadline.Of(incident, escalation)!;

        var card = Card(await board.BoardAsync(), "INC-1");

        Assert.Contains("Suspicious login", card, StringComparison.Ordinal);
        Assert.Contains($"Paged: {Encode(paged.Name)}", card, StringComparison.Ordinal);
        Assert.Contains("Not acknowledged", card, StringComparison.Ordinal);
        // The next ack timer is the first page's time plus the level's timeout in the policy.
        Assert.Equal(incident.Pages.Single().PagedAt + escalation.Level("L1").AckTimeout, due.NextTimerAt);
        Assert.Contains($"<time datetime=\"{due.NextTimerAt.ToString("O", CultureInfo.InvariantCulture)}\">{Encode(IncidentCards.NextStep(due))}</time>", card, StringComparison.Ordinal);
        Assert.Contains(Encode(ReadableTime.Utc(due.NextTimerAt)), card, StringComparison.Ordinal);

        using var acknowledged = await board.Slack.CommandAsync("ack INC-1", userId: paged.SlackUserId!);
        var after = Card(await board.BoardAsync(), "INC-1");

        Assert.Contains($"Acknowledged by {Encode(paged.Name)}", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Not acknowledged", after, StringComparison.Ordinal);
        Assert.DoesNotContain("<time", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gate_shows_the_seat_signed_with_its_signer_and_the_seat_still_waiting_with_who_may_sign_it()
    {
        await using var board = await BoardHost.StartAsync();
        var now = board.Slack.Now;
        var who = TwoSeatGate.Of(board.Services, now);
        using var opened = await board.Slack.CommandAsync($"review {who.Type} Board check", userId: who.Requester.SlackUserId!);
        using var approved = await board.Slack.CommandAsync("approve REV-1", userId: who.Reviewer.SlackUserId!);

        var gate = Assert.Single(await board.Store.GatesAsync());
        var policy = board.Services.GetRequiredService<ReviewPolicy>();
        var roster = board.Services.GetRequiredService<RosterModel>();
        var view = GateView.Of(gate, policy, roster)!;
        var signed = Assert.Single(gate.CurrentSignOffs);
        Assert.Equal(who.Reviewer.Id, signed.PersonId);
        Assert.NotEmpty(view.PendingSeats);

        var card = Card(await board.BoardAsync(), "REV-1");

        Assert.Contains("Board check", card, StringComparison.Ordinal);
        Assert.Contains($"· {Encode(policy.FindSeat(signed.SeatId)!.Name)}: ✔ {Encode(who.Reviewer.Name)}", card, StringComparison.Ordinal);
        foreach (var waiting in view.PendingSeats)
        {
            var waitedOn = view.ReviewersFor(waiting, now).Select(roster.PersonName).ToList();
            Assert.NotEmpty(waitedOn);
            Assert.DoesNotContain(who.Requester.Name, waitedOn);
            Assert.DoesNotContain(who.Reviewer.Name, waitedOn);
            Assert.Contains($"· {Encode(waiting.Name)}: <strong>waiting on</strong> {Encode(string.Join(", ", waitedOn))}", card, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task On_call_now_and_next_are_those_the_policy_gives_at_the_hosts_time()
    {
        await using var board = await BoardHost.StartAsync();
        var now = board.Slack.Now;
        var escalation = board.Services.GetRequiredService<EscalationPolicy>();
        var resolver = new OnCallResolver(board.Services.GetRequiredService<RosterModel>(), []);
        var roster = board.Services.GetRequiredService<RosterModel>();

        var oncall = Section(await board.BoardAsync(), "oncall");

        foreach (var level in escalation.Levels)
        {
            // Every incident type's targets: one that only some types page (aws at L1) is labelled with those types.
            var paged = escalation.Types.SelectMany(type => escalation.TargetsFor(type.Id, level).Select(target => (target, type.Id)))
                .GroupBy(p => p.target, p => p.Id);
            foreach (var types in paged)
            {
                var target = types.Key;
                var label = types.Count() == escalation.Types.Count ? level.Name : $"{level.Name} ({string.Join(", ", types)})";
                var current = resolver.Resolve(target, now);
                var row = Row(oncall, label, OnCallText.Describe(target, roster));
                Assert.All(current.People, person => Assert.Contains(Encode(person.Name), Cell(row, "now"), StringComparison.Ordinal));
                if (current.Until is { } until)
                {
                    Assert.Contains(Encode(roster.LocalText(until)), Cell(row, "now"), StringComparison.Ordinal);
                    Assert.All(resolver.Resolve(target, until).People, person => Assert.Contains(Encode(person.Name), Cell(row, "next"), StringComparison.Ordinal));
                }
            }
        }

        // The shipped L1 rotation hands over at a shift's end: the person after it is named as next.
        var l1 = escalation.TargetsFor("general", escalation.Level("L1")).Single();
        var handover = resolver.Resolve(l1, now).Until!.Value;
        Assert.NotEqual(resolver.Resolve(l1, now).People.Single().Id, resolver.Resolve(l1, handover).People.Single().Id);
    }

    [Fact]
    public async Task An_incident_title_is_shown_as_text_never_as_markup()
    {
        await using var board = await BoardHost.StartAsync();
        using var declared = await board.Slack.CommandAsync("declare <script>alert(\"x\")</script> & <img src=x onerror=alert(1)>");
        var title = (await board.IncidentAsync(1)).Title;
        Assert.Contains("<script>", title, StringComparison.Ordinal);

        var html = await board.BoardAsync();

        Assert.Contains(Encode(title), Card(html, "INC-1"), StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_chat_configured_and_the_console_not_turned_on_there_is_no_board()
    {
        await using var slack = await SlackHost.StartAsync();

        using var response = await slack.Host.Http.GetAsync(new Uri("/board", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static string Row(string section, string level, string target)
    {
        var rows = section.Split("<tr>").Where(r => r.Contains($"<strong>{Encode(level)}</strong></td><td>{Encode(target)}</td>", StringComparison.Ordinal)).ToList();
        return Assert.Single(rows);
    }

    private static string Cell(string row, string name)
    {
        var start = row.IndexOf($"<td class=\"{name}\">", StringComparison.Ordinal);
        return row[start..row.IndexOf("</td>", start, StringComparison.Ordinal)];
    }
}

/// <summary>
/// A gate type whose first stage needs two seats and no checklist, from the running host's policy: a requester who holds no
/// role of its seats, and a reviewer who may sign the first (and not the second, so one seat stays waiting).
/// </summary>
internal sealed record TwoSeatGate(string Type, Person Requester, Person Reviewer)
{
    public static TwoSeatGate Of(IServiceProvider services, DateTimeOffset now)
    {
        var policy = services.GetRequiredService<IOptions<PolicyOptions>>().Value;
        var roster = services.GetRequiredService<RosterModel>();
        var chatPeople = roster.People.Where(p => !string.IsNullOrEmpty(p.SlackUserId)).ToList();
        foreach (var type in policy.Reviews.GateTypes.Where(t => t.Checklist.Count == 0 && t.Stages.Count > 0 && t.Stages[0].Required.Count >= 2))
        {
            var seats = type.Stages[0].Required.Select(id => policy.Reviews.Seats.Single(s => s.Id == id)).ToList();
            var allRoles = type.Stages.SelectMany(s => s.Required.Concat(s.Optional)).Select(id => policy.Reviews.Seats.Single(s => s.Id == id)).SelectMany(s => s.Roles).ToList();
            bool Holds(Person p, IEnumerable<string> roles) => roles.Any(role => roster.Holds(p.Id, role, now));
            var requester = chatPeople.FirstOrDefault(p => !Holds(p, allRoles));
            var reviewer = chatPeople.FirstOrDefault(p => Holds(p, seats[0].Roles) && !seats.Skip(1).Any(s => Holds(p, s.Roles)));
            if (requester is not null && reviewer is not null) return new TwoSeatGate(type.Id, requester, reviewer);
        }

        throw new InvalidOperationException("the policy has no gate type with two first-stage seats the roster can show");
    }
}
