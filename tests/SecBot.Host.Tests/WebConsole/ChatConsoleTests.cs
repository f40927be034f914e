using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SecBot.Chat.Cards;
using SecBot.Domain.Incidents;
using SecBot.Domain.Policy;
using SecBot.Domain.Reviews;
using SecBot.Domain.Roster;
using SecBot.Host.ConsolePlatform;
using SecBot.Host.Tests.Support;
using SecBot.Storage.Incidents;
using SecBot.Storage.Reviews;

namespace SecBot.Host.Tests.WebConsole;

/// <summary>
/// Chat as anyone over HTTP against the real host (the console is the platform): the page lists the roster, a command
/// typed as one person pages the on-call person live on their stream, their press on the page's card acknowledges and
/// replaces that card in place, buttons and command forms ask for their inputs, a gate approved from the console is
/// recorded as made on it, and what SecBot cannot read is answered 400 naming the problem, changing nothing.
/// Who is on call and who sits a seat is derived from the policy at the host's fake now, never named.
/// </summary>
public sealed class ChatConsoleTests
{
    [Fact]
    public async Task The_page_offers_every_roster_person_with_their_roles_and_keeps_the_choice_in_localStorage()
    {
        await using var chat = await ChatHost.StartAsync();

        using var response = await chat.Host.Http.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        foreach (var person in chat.Roster.People)
        {
            var roles = chat.Roster.RolesHeldBy(person.Id, chat.Now);
            Assert.Contains($"<option value=\"{person.Id}\">{WebUtility.HtmlEncode(person.Name)}{(roles.Count == 0 ? "" : " — " + string.Join(", ", roles))}</option>", page, StringComparison.Ordinal);
        }

        Assert.Contains("localStorage.setItem('secbot.as'", page, StringComparison.Ordinal);
        Assert.Contains("/console/stream?as=", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_declared_incident_pages_the_on_call_person_live_and_their_Acknowledge_press_replaces_the_page_in_place()
    {
        await using var chat = await ChatHost.StartAsync();
        var declarer = chat.NotPaged();
        var onCall = OnCallPolicy.PagedAt(chat.Services, "L1", "general", chat.Now)[0];
        await using var stream = await chat.StreamAsync(onCall);

        var declared = await chat.SayAsync(declarer, "declare Beacon to a known C2 host level:L1");

        Assert.False((bool)declared["refusal"]!, (string?)declared["text"]);
        Assert.Equal(onCall.Id, (await OnCallPolicy.PagedAsync(chat.Services, 1, "L1"))[0].Id);
        var page = await stream.NextAsync(m => m.Recipient == $"person:{onCall.Id}" && m.Html.Contains("INC-1", StringComparison.Ordinal), "the page in the on-call person's DMs");
        Assert.Contains($"data-action=\"{ActionIds.Acknowledge}\" data-value=\"INC-1\"", page.Html, StringComparison.Ordinal);
        await stream.NextAsync(m => m.Recipient == "channel:incidents" && m.Html.Contains("INC-1", StringComparison.Ordinal), "the announcement in #incidents");

        var pressed = await chat.AnswerAsync("/console/press", new { @as = onCall.Id, message = page.Id, action = ActionIds.Acknowledge, value = "INC-1" });

        Assert.False((bool)pressed["refusal"]!, (string?)pressed["text"]);
        Assert.Equal(page.Id, (long?)pressed["replaced"]);
        var replaced = await stream.NextAsync(m => m.Id == page.Id && m.Version > page.Version, "the page replaced in place");
        Assert.Contains($"acknowledged by {WebUtility.HtmlEncode(onCall.Name)}", replaced.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(ActionIds.Acknowledge, replaced.Html, StringComparison.Ordinal);
        Assert.Equal(IncidentState.Acknowledged, (await Incident(chat, 1)).State);
    }

    [Fact]
    public async Task A_button_asking_for_a_required_input_is_refused_without_it_changing_nothing_and_acts_with_it()
    {
        await using var chat = await ChatHost.StartAsync();
        var onCall = OnCallPolicy.PagedAt(chat.Services, "L1", "general", chat.Now)[0];
        await using var stream = await chat.StreamAsync(onCall);
        await chat.SayAsync(chat.NotPaged(), "declare Beacon to a known C2 host");
        var page = await stream.NextAsync(m => m.Recipient == $"person:{onCall.Id}", "the page");
        Assert.Contains($"<form class=\"asks\" hidden data-form=\"{ActionIds.Resolve} INC-1\"", page.Html, StringComparison.Ordinal);

        var refused = await chat.AnswerAsync("/console/press", new { @as = onCall.Id, message = page.Id, action = ActionIds.Resolve, value = "INC-1" });

        Assert.True((bool)refused["refusal"]!);
        Assert.Equal("Resolution summary is required.", (string?)refused["text"]);
        Assert.Contains("<strong>Refused:</strong>", (string?)refused["html"], StringComparison.Ordinal);
        Assert.Equal(IncidentState.Open, (await Incident(chat, 1)).State);

        var resolved = await chat.AnswerAsync(
            "/console/press", new { @as = onCall.Id, message = page.Id, action = ActionIds.Resolve, value = "INC-1", inputs = new Dictionary<string, string> { ["summary"] = "host isolated" } });

        Assert.False((bool)resolved["refusal"]!, (string?)resolved["text"]);
        Assert.Equal(IncidentState.Resolved, (await Incident(chat, 1)).State);
    }

    [Fact]
    public async Task Declare_with_no_arguments_opens_its_form_and_the_submitted_form_declares()
    {
        await using var chat = await ChatHost.StartAsync();
        var declarer = chat.NotPaged();

        var opened = await chat.SayAsync(declarer, "declare");

        Assert.False((bool)opened["refusal"]!);
        Assert.Contains("<form class=\"card opened-form\" data-kind=\"declare\">", (string?)opened["html"], StringComparison.Ordinal);
        Assert.Contains("name=\"title\"", (string?)opened["html"], StringComparison.Ordinal);
        var blank = await chat.AnswerAsync("/console/form", new { @as = declarer.Id, kind = "declare", values = new Dictionary<string, string> { ["title"] = " " } });
        Assert.Equal((true, "Title is required."), ((bool)blank["refusal"]!, (string?)blank["text"]));
        Assert.Empty(await chat.Services.GetRequiredService<IncidentRepository>().ListAllAsync(CancellationToken.None));

        var submitted = await chat.AnswerAsync(
            "/console/form", new { @as = declarer.Id, kind = "declare", values = new Dictionary<string, string> { ["title"] = "level:L3 outage of payments", ["level"] = "L2" } });

        Assert.False((bool)submitted["refusal"]!, (string?)submitted["text"]);
        var incident = await Incident(chat, 1);
        Assert.Equal(("level:L3 outage of payments", "L2"), (incident.Title, incident.Level));
    }

    [Fact]
    public async Task A_gate_approved_with_the_console_button_is_signed_in_the_ledger_as_made_on_the_console()
    {
        await using var chat = await ChatHost.StartAsync();
        var reviews = chat.Services.GetRequiredService<IOptions<PolicyOptions>>().Value.Reviews;
        var type = reviews.GateTypes.Where(t => t.Checklist.Count == 0 && t.Stages.Count == 1 && t.Stages[0].Required.Count == 1).First();
        var seat = reviews.Seats.Single(s => s.Id == type.Stages[0].Required[0]);
        var reviewer = chat.Roster.People.First(p => seat.Roles.Any(role => chat.Roster.Holds(p.Id, role, chat.Now)));
        var requester = chat.Roster.People.First(p => p.Id != reviewer.Id && !seat.Roles.Any(role => chat.Roster.Holds(p.Id, role, chat.Now)));
        await using var stream = await chat.StreamAsync(reviewer);

        var opened = await chat.SayAsync(requester, $"review {type.Id} Payments API v2");
        Assert.False((bool)opened["refusal"]!, (string?)opened["text"]);
        var request = await stream.NextAsync(m => m.Recipient == $"person:{reviewer.Id}" && m.Html.Contains(ActionIds.Approve, StringComparison.Ordinal), "the review request");
        var approve = Assert.Single(chat.Services.GetRequiredService<ConsoleInbox>().Get(request.Id)!.Card.Buttons, b => b.ActionId == ActionIds.Approve);

        var pressed = await chat.AnswerAsync("/console/press", new { @as = reviewer.Id, message = request.Id, action = approve.ActionId, value = approve.Value, inputs = new Dictionary<string, string> { ["comment"] = "looks right" } });

        Assert.False((bool)pressed["refusal"]!, (string?)pressed["text"]);
        var gate = await chat.Services.GetRequiredService<GateRepository>().LoadAsync(1, CancellationToken.None);
        Assert.Equal(GateState.Approved, gate!.State);
        var signOff = Assert.Single(gate.SignOffs);
        Assert.Equal((reviewer.Id, seat.Id, "console", SignOffDecision.Approve), (signOff.PersonId, signOff.SeatId, signOff.Platform, signOff.Decision));
        await stream.NextAsync(m => m.Id == request.Id && m.Version > request.Version, "the request replaced by the approved gate");
    }

    [Fact]
    public async Task A_reviewer_who_sits_the_next_stage_too_keeps_its_request_live_after_approving_the_stage_before()
    {
        await using var chat = await ChatHost.StartAsync();
        // A gate type whose first seat sits in the next stage too: its holder is asked again once the first stage is approved.
        var (type, _, reviewer, requester) = ReseatedReview.From(chat.Services, chat.Now, _ => true);
        await using var stream = await chat.StreamAsync(reviewer);
        await chat.SayAsync(requester, $"review {type.Id} Payments API v2");
        var first = await stream.NextAsync(m => m.Html.Contains("data-value=\"REV-1@1/1", StringComparison.Ordinal), "the first stage's request");
        var approve = chat.Services.GetRequiredService<ConsoleInbox>().Get(first.Id)!.Card.Buttons.Single(b => b.ActionId == ActionIds.Approve);

        var pressed = await chat.AnswerAsync("/console/press", new { @as = reviewer.Id, message = first.Id, action = approve.ActionId, value = approve.Value });

        Assert.False((bool)pressed["refusal"]!, (string?)pressed["text"]);
        var second = await stream.NextAsync(m => m.Id != first.Id && m.Html.Contains("data-value=\"REV-1@1/2", StringComparison.Ordinal), "the second stage's request");
        await chat.WaitForOutboxDrainedAsync();
        var held = chat.Services.GetRequiredService<ConsoleInbox>().Get(second.Id)!;
        Assert.Contains(held.Card.Buttons, b => b.ActionId == ActionIds.Approve && b.Value.StartsWith("REV-1@1/2", StringComparison.Ordinal));
        Assert.DoesNotContain(chat.Services.GetRequiredService<ConsoleInbox>().Get(first.Id)!.Card.Buttons, b => b.ActionId == ActionIds.Approve);
    }

    [Fact]
    public async Task A_command_SecBot_refuses_is_answered_as_a_refusal()
    {
        await using var chat = await ChatHost.StartAsync();

        var answer = await chat.SayAsync(chat.NotPaged(), "ack INC-99");

        Assert.True((bool)answer["refusal"]!);
        Assert.Contains("There is no INC-99.", (string?)answer["text"], StringComparison.Ordinal);
        Assert.StartsWith("<div class=\"answer refusal\" role=\"alert\"><strong>Refused:</strong>", (string?)answer["html"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_SecBot_cannot_read_is_answered_400_naming_the_problem_and_changes_nothing()
    {
        await using var chat = await ChatHost.StartAsync();
        var onCall = OnCallPolicy.PagedAt(chat.Services, "L1", "general", chat.Now)[0];
        var other = chat.Roster.People.First(p => p.Id != onCall.Id);
        await using (var stream = await chat.StreamAsync(onCall))
        {
            await chat.SayAsync(other, "declare Beacon to a known C2 host");
            await stream.NextAsync(m => m.Recipient == $"person:{onCall.Id}", "the page");
        }

        var page = chat.Services.GetRequiredService<ConsoleInbox>().ChangedSince(0).First(m => m.Recipient == $"person:{onCall.Id}");
        var before = (await Incident(chat, 1)).Version;
        (string Path, HttpContent Body, string Problem)[] cases =
        [
            ("/console/say", Json(new { @as = "nobody", text = "help" }), "'nobody' is not on the roster"),
            ("/console/say", Json(new { text = "help" }), "'as' must be a roster person id (one of"),
            ("/console/say", Json(new { @as = other.Id }), "'text' is the command to run"),
            ("/console/say", new StringContent("{\"as\":", System.Text.Encoding.UTF8, "application/json"), "The body must be a JSON object"),
            ("/console/say", new StringContent("[1,2]", System.Text.Encoding.UTF8, "application/json"), "The body must be a JSON object"),
            ("/console/press", Json(new { @as = onCall.Id, message = page.Id }), "'action' is its action id"),
            ("/console/press", Json(new { @as = onCall.Id, message = 999_999, action = ActionIds.Acknowledge, value = "INC-1" }), "Message 999999 is not in the console's inbox"),
            ("/console/press", Json(new { @as = other.Id, message = page.Id, action = ActionIds.Acknowledge, value = "INC-1" }), $"was sent to person:{onCall.Id}, not to {other.Id}"),
            ("/console/press", Json(new { @as = onCall.Id, message = page.Id, action = ActionIds.Resolve, value = "INC-1", inputs = new { summary = 5 } }), "The body must be a JSON object"),
            ("/console/check", Json(new { @as = "nobody", action = ActionIds.Resolve, value = "INC-1" }), "'nobody' is not on the roster"),
            ("/console/form", Json(new { @as = other.Id, kind = "launch", values = new { } }), "'launch' is not a form SecBot knows"),
            ("/console/form", Json(new { @as = other.Id }), "'kind' names the form submitted"),
        ];

        foreach (var (path, body, problem) in cases)
        {
            using var response = await ChatHost.PostAsync(chat.Host.Http, path, body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path} {await body.ReadAsStringAsync()}: {(int)response.StatusCode} {text}");
            Assert.Contains(problem, (string?)JsonNode.Parse(text)!["error"], StringComparison.Ordinal);
        }

        using var stranger = await chat.Host.Http.GetAsync("/console/stream?as=nobody");
        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
        Assert.Contains("'nobody' is not on the roster", (string?)JsonNode.Parse(await stranger.Content.ReadAsStringAsync())!["error"], StringComparison.Ordinal);
        Assert.Equal((IncidentState.Open, before), ((await Incident(chat, 1)).State, (await Incident(chat, 1)).Version));
        Assert.Single(await chat.Services.GetRequiredService<IncidentRepository>().ListAllAsync(CancellationToken.None));
    }

    private static StringContent Json(object body) => new(System.Text.Json.JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

    private static async Task<Incident> Incident(ChatHost chat, long number) =>
        (await chat.Services.GetRequiredService<IncidentRepository>().LoadAsync(number, CancellationToken.None))!;
}
