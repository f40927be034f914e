using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using SecBot.Domain.Policy;
using SecBot.Domain.Reviews;
using SecBot.Domain.Roster;
using SecBot.Host.Tests.Support;
using SecBot.Host.Tests.WebConsole;
using SecBot.Host.WebConsole;
using SecBot.Storage.Reviews;

namespace SecBot.Host.Tests.Browser;

/// <summary>
/// The web console's Chat page in a real browser (Debian's chromium through Playwright) against the real host on
/// loopback, on a fake clock that moves only past the board's push gaps: an incident declared as one person pages the on-call person, whose DM
/// pane shows the page live once the picker switches to them; their Acknowledge press replaces the card in place; a
/// review gate opened as a requester is approved stage by stage by the reviewers of each seat, each switching to
/// themselves and pressing Approve on their request; a second page with the board open watches it all live (the incident
/// waiting, acknowledged, gone once resolved; the gate's seats filling stage by stage) and is photographed at a desktop's
/// and a phone's width. Everyone is derived from the policy at the host's now, never named.
/// </summary>
public sealed class ChatBrowserTests(DebianChromium chromium) : IClassFixture<DebianChromium>
{
    private const string GateType = "new-microservice";
    private static readonly float Wait = 15_000;

    [Fact]
    public async Task Declare_page_acknowledge_and_approve_a_gate_stage_by_stage_in_the_browser_while_the_board_follows()
    {
        var clock = new WatchedClock(ChatHost.Start);
        await using var chat = await ChatHost.StartOnClockAsync(clock, "--SecBot:Escalation:Levels:0:AckTimeout=00:02:00");
        using var stopReleasing = new CancellationTokenSource();
        var releasing = ReleaseBoardPushGapsAsync(clock, stopReleasing.Token);
        try
        {
            await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = chat.Host.Http.BaseAddress!.ToString(), ViewportSize = Desktop });
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout(Wait);
            await page.GotoAsync("/");
            var board = await OpenBoardAsync(context);

            var declarer = chat.NotPaged();
            await ActAsAsync(page, declarer);
            await SayAsync(page, "declare \"Beacon to a known C2 host\" level:L1");
            await Expect(page.Locator("#answer")).ToContainTextAsync("INC-1 declared at L1");
            await Expect(page.Locator("#channel article", new() { HasText = "INC-1" }).First).ToBeVisibleAsync();

            var onCall = (await OnCallPolicy.PagedAsync(chat.Services, 1, "L1"))[0];
            var incident = board.Locator("#incidents [data-key='INC-1']");
            await Expect(incident).ToContainTextAsync("Not acknowledged");
            await Expect(incident).ToContainTextAsync("Paged: ");
            await Expect(incident).ToContainTextAsync(onCall.Name);

            await ActAsAsync(page, onCall);
            var paged = page.Locator("#dm article", new() { HasText = "INC-1" });
            await Expect(paged.Locator("button[data-action='incident.ack']")).ToBeVisibleAsync();
            await paged.Locator("button[data-action='incident.ack']").ClickAsync();
            await Expect(page.Locator("#answer")).ToContainTextAsync($"acknowledged by {onCall.Name}");
            await Expect(paged).ToContainTextAsync($"acknowledged by {onCall.Name}");
            await Expect(paged.Locator("button[data-action='incident.ack']")).ToHaveCountAsync(0);
            await Expect(incident).ToContainTextAsync($"Acknowledged by {onCall.Name}");
            await Expect(incident).Not.ToContainTextAsync("Not acknowledged");

            var requester = Requester(chat);
            await ActAsAsync(page, requester);
            await SayAsync(page, $"review {GateType} \"Payments API v2\"");
            await Expect(page.Locator("#answer")).ToContainTextAsync("REV-1");
            var gate = board.Locator("#gates [data-key='REV-1']");
            await Expect(gate).ToContainTextAsync("waiting on");

            var stages = Policy(chat).GateTypes.Single(t => t.Id == GateType).Stages.Count;
            for (var stage = 1; stage <= stages; stage++)
            {
                var reviewers = Reviewers(chat, stage, requester);
                foreach (var (seat, reviewer) in reviewers)
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
                    var last = stage == stages && reviewer.Id == reviewers[^1].Reviewer.Id;
                    if (!last) await Expect(gate).ToContainTextAsync($"✔ {reviewer.Name}");
                }

                if (stage == 1) await ScreenshotBoardAsync(board);
            }

            Assert.Equal(GateState.Approved, (await chat.Services.GetRequiredService<GateRepository>().LoadAsync(1, CancellationToken.None))!.State);
            await Expect(page.Locator("#channel article", new() { HasText = "REV-1" }).First).ToContainTextAsync("approved");
            await Expect(gate).ToHaveCountAsync(0);
            await Expect(board.Locator("#gates")).ToContainTextAsync("No gates waiting.");

            // Resolved from the page's own card: the incident leaves the board's open list.
            await ActAsAsync(page, onCall);
            var resolveForm = paged.Locator("form.asks[data-action='incident.resolve']");
            await Expect(resolveForm).ToBeHiddenAsync();
            await paged.Locator(".buttons button[data-action='incident.resolve']").ClickAsync();
            await Expect(resolveForm).ToBeVisibleAsync();
            await resolveForm.Locator("textarea[name='summary']").FillAsync("host isolated, C2 domain blocked");
            await resolveForm.Locator("button[type=submit]").ClickAsync();
            await Expect(paged).ToContainTextAsync($"resolved by {onCall.Name}");
            await Expect(paged.Locator("button[data-action]")).ToHaveCountAsync(0);
            await Expect(incident).ToHaveCountAsync(0);
            await Expect(board.Locator("#incidents")).ToContainTextAsync("No open incidents.");

            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots(), "chat.png"), FullPage = true });
        }
        finally
        {
            await stopReleasing.CancelAsync();
            await releasing;
        }
    }

    private static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private static string Screenshots() => Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    /// <summary>A second page with <c>/board</c> open, once its stream is live: from here on it only changes by what the stream pushes.</summary>
    private static async Task<IPage> OpenBoardAsync(IBrowserContext context)
    {
        var board = await context.NewPageAsync();
        board.SetDefaultTimeout(Wait);
        await board.GotoAsync("/board");
        await Assertions.Expect(board.Locator("#board-live")).ToHaveTextAsync("live");
        // Marks the document: a reload would lose the mark, so the checks that follow see live pushes, not a fresh page.
        await board.EvaluateAsync("() => document.body.dataset.opened = 'once'");
        return board;
    }

    /// <summary>The board at a desktop width and at a phone's, as it is now (board.png, board-phone.png); the board is not reloaded.</summary>
    private static async Task ScreenshotBoardAsync(IPage board)
    {
        await Assertions.Expect(board.Locator("body")).ToHaveAttributeAsync("data-opened", "once");
        await board.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots(), "board.png"), FullPage = true });
        await board.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await board.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots(), "board-phone.png"), FullPage = true });
        var overflow = await board.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the board is {overflow} px wider than a phone's screen");
        await board.SetViewportSizeAsync(Desktop.Width, Desktop.Height);
    }

    /// <summary>
    /// The board stream holds a push until <see cref="BoardStream.PushGap"/> after the last on the host's clock, which
    /// stands still here: whenever something sleeps until exactly that gap from now, the clock is moved there, so each
    /// commit reaches the board page. Seconds in all, far from any escalation.
    /// </summary>
    private static async Task ReleaseBoardPushGapsAsync(WatchedClock clock, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await clock.AdvanceWhenAsleepUntilAsync(clock.GetUtcNow() + BoardStream.PushGap, "the board stream's push gap", stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (TimeoutException)
            {
                // Nothing was pushed for a while: keep watching.
            }
        }
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
