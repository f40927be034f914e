using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using SecBot.Domain.Policy;
using SecBot.Domain.Reviews;
using SecBot.Domain.Roster;
using SecBot.Host.Tests.Support;
using SecBot.Host.Tests.WebConsole;
using SecBot.Storage.Reviews;

namespace SecBot.Host.Tests.Browser;

/// <summary>
/// The web console's Chat page in a real browser (Debian's chromium through Playwright) against the real host on
/// loopback, on a fake clock that stands still: an incident declared as one person pages the on-call person, whose DM
/// pane shows the page live once the picker switches to them; their Acknowledge press replaces the card in place; a
/// review gate opened as a requester is approved stage by stage by the reviewers of each seat, each switching to
/// themselves and pressing Approve on their request. Everyone is derived from the policy at the host's now, never named.
/// </summary>
public sealed class ChatBrowserTests(DebianChromium chromium) : IClassFixture<DebianChromium>
{
    private const string GateType = "new-microservice";
    private static readonly float Wait = 15_000;

    [Fact]
    public async Task Declare_page_acknowledge_and_approve_a_gate_stage_by_stage_in_the_browser()
    {
        await using var chat = await ChatHost.StartAsync("--SecBot:Escalation:Levels:0:AckTimeout=00:02:00");
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = chat.Host.Http.BaseAddress!.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Wait);
        await page.GotoAsync("/");

        var declarer = chat.NotPaged();
        await ActAsAsync(page, declarer);
        await SayAsync(page, "declare \"Beacon to a known C2 host\" level:L1");
        await Expect(page.Locator("#answer")).ToContainTextAsync("INC-1 declared at L1");
        await Expect(page.Locator("#channel article", new() { HasText = "INC-1" }).First).ToBeVisibleAsync();

        var onCall = (await OnCallPolicy.PagedAsync(chat.Services, 1, "L1"))[0];
        await ActAsAsync(page, onCall);
        var paged = page.Locator("#dm article", new() { HasText = "INC-1" });
        await Expect(paged.Locator("button[data-action='incident.ack']")).ToBeVisibleAsync();
        await paged.Locator("button[data-action='incident.ack']").ClickAsync();
        await Expect(page.Locator("#answer")).ToContainTextAsync($"acknowledged by {onCall.Name}");
        await Expect(paged).ToContainTextAsync($"acknowledged by {onCall.Name}");
        await Expect(paged.Locator("button[data-action='incident.ack']")).ToHaveCountAsync(0);

        // A button that asks for inputs opens its form inline; the answer to the submitted form replaces the card.
        var resolveForm = paged.Locator("form.asks[data-action='incident.resolve']");
        await Expect(resolveForm).ToBeHiddenAsync();
        await paged.Locator(".buttons button[data-action='incident.resolve']").ClickAsync();
        await Expect(resolveForm).ToBeVisibleAsync();
        await resolveForm.Locator("textarea[name='summary']").FillAsync("host isolated, C2 domain blocked");
        await resolveForm.Locator("button[type=submit]").ClickAsync();
        await Expect(paged).ToContainTextAsync($"resolved by {onCall.Name}");
        await Expect(paged.Locator("button[data-action]")).ToHaveCountAsync(0);

        var requester = Requester(chat);
        await ActAsAsync(page, requester);
        await SayAsync(page, $"review {GateType} \"Payments API v2\"");
        await Expect(page.Locator("#answer")).ToContainTextAsync("REV-1");

        var stages = Policy(chat).GateTypes.Single(t => t.Id == GateType).Stages.Count;
        for (var stage = 1; stage <= stages; stage++)
        {
            foreach (var (seat, reviewer) in Reviewers(chat, stage, requester))
            {
                await ActAsAsync(page, reviewer);
                var button = $"button[data-action='gate.approve'][data-value^='REV-1@1/{stage}']";
                var approve = page.Locator($"#dm {button}");
                await Expect(approve).ToHaveCountAsync(1);
                var request = page.Locator("#dm article", new() { Has = page.Locator(button) });
                var id = await request.GetAttributeAsync("id");
                await approve.ClickAsync();
                await Expect(page.Locator("#answer")).ToContainTextAsync("REV-1");
                await Expect(page.Locator($"#{id}")).ToContainTextAsync($"Approved by {reviewer.Name}");
                await Expect(page.Locator($"#{id} button[data-action='gate.approve']")).ToHaveCountAsync(0);
                Assert.Contains((await chat.Services.GetRequiredService<GateRepository>().LoadAsync(1, CancellationToken.None))!.SignOffs, s => s.SeatId == seat && s.PersonId == reviewer.Id && s.Platform == "console");
            }
        }

        Assert.Equal(GateState.Approved, (await chat.Services.GetRequiredService<GateRepository>().LoadAsync(1, CancellationToken.None))!.State);
        await Expect(page.Locator("#channel article", new() { HasText = "REV-1" }).First).ToContainTextAsync("approved");
        var screenshots = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots.FullName, "chat.png"), FullPage = true });
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    /// <summary>Picks <paramref name="person"/> and waits until their stream is live.</summary>
    private static async Task ActAsAsync(IPage page, Person person)
    {
        await page.Locator("#as").SelectOptionAsync(person.Id);
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-live", person.Id);
    }

    private static async Task SayAsync(IPage page, string command)
    {
        await page.Locator("#text").FillAsync(command);
        await page.Locator("#say button[type=submit]").ClickAsync();
    }

    private static ReviewOptions Policy(ChatHost chat) => chat.Services.GetRequiredService<IOptions<PolicyOptions>>().Value.Reviews;

    /// <summary>Someone who holds no role of any seat of the gate type: a requester nobody must exclude.</summary>
    private static Person Requester(ChatHost chat)
    {
        var reviews = Policy(chat);
        var roles = reviews.GateTypes.Single(t => t.Id == GateType).Stages.SelectMany(s => s.Required.Concat(s.Optional))
            .Select(id => reviews.Seats.Single(s => s.Id == id)).SelectMany(s => s.Roles).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return chat.Roster.People.First(p => !chat.Roster.RolesHeldBy(p.Id, chat.Now).Any(roles.Contains));
    }

    /// <summary>For each required seat of <paramref name="stage"/>, a holder who is not the requester, each a different person.</summary>
    private static List<(string Seat, Person Reviewer)> Reviewers(ChatHost chat, int stage, Person requester)
    {
        var reviews = Policy(chat);
        var chosen = new List<(string Seat, Person Reviewer)>();
        foreach (var seat in reviews.GateTypes.Single(t => t.Id == GateType).Stages[stage - 1].Required.Select(id => reviews.Seats.Single(s => s.Id == id)))
        {
            var holder = seat.Roles.SelectMany(role => chat.Roster.HoldersOf(role, chat.Now)).First(p => p.Id != requester.Id && chosen.All(c => c.Reviewer.Id != p.Id));
            chosen.Add((seat.Id, holder));
        }

        return chosen;
    }
}
