using System.Net;
using Microsoft.Extensions.Time.Testing;
using SecBot.Chat.Conversation;
using SecBot.Chat.Tests.Support;
using SecBot.Host.WebConsole;
using SecBot.Storage;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Host.Tests.WebConsole;

/// <summary><c>GET /numbers</c> on the real host over HTTP: the numbers of a history written through the chat layer on a fake clock.</summary>
public sealed class NumbersPageTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_page_shows_mtta_mttr_and_pages_per_person_of_the_seeded_history_as_charts_and_tables()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider(Start);
        await using var host = await RunningHost.StartAsync(RepoPaths.Settings, dir.File("data/secbot.db"), time);
        var store = host.App.Services.GetRequiredService<IStore>();
        await SayAsync(host, "maya", "declare Odd outbound traffic");
        var paged = (await store.IncidentAsync(1)).Pages[0].PersonId;
        time.Advance(TimeSpan.FromSeconds(150));
        await SayAsync(host, paged, "ack INC-1");
        time.Advance(TimeSpan.FromMinutes(30));
        await SayAsync(host, paged, "resolve INC-1 blocked at the firewall");
        await SayAsync(host, "maya", "declare Port scan <from> a new range");

        using var response = await host.Http.GetAsync(new Uri(NumbersEndpoints.Path, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<a href=\"/numbers\" aria-current=\"page\">Numbers</a>", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"w7\">Last 7 days</h2><p>2 incidents declared since Mon 23 Feb 09:32 UTC.</p>", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"w30\">Last 30 days</h2>", html, StringComparison.Ordinal);
        Assert.Contains(
            "<table aria-labelledby=\"m7-ack-level\"><thead><tr><th scope=\"col\">Level</th><th scope=\"col\">Mean time to acknowledge</th>"
            + "<th scope=\"col\">Acknowledged</th><th scope=\"col\">Not yet acknowledged</th></tr></thead><tbody>"
            + "<tr><th scope=\"row\">L1</th><td data-seconds=\"150\">2 min 30 s</td><td>1</td><td>1</td></tr></tbody></table>",
            html,
            StringComparison.Ordinal);
        Assert.Contains("<tr><th scope=\"row\">L1</th><td data-seconds=\"1950\">32 min 30 s</td><td>1</td><td>1</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th scope=\"row\">general</th><td data-seconds=\"150\">2 min 30 s</td><td>1</td><td>1</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("role=\"img\" aria-labelledby=\"m7-ack-level\"><title>Mean time to acknowledge by level, last 7 days</title>", html, StringComparison.Ordinal);
        Assert.Contains(">2 min 30 s (n=1)</text>", html, StringComparison.Ordinal);
        var name = host.App.Services.GetRequiredService<RosterModel>().PersonName(paged);
        var pages = (await store.IncidentsAsync()).SelectMany(i => i.Pages).Count(p => p.PersonId == paged && p.Reason != SecBot.Domain.Incidents.PageReason.Notification);
        Assert.Contains($"<tr><th scope=\"row\">{ConsolePage.Encode(name)}</th><td>{pages}</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("No review gates opened in the last 7 days.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", html, StringComparison.Ordinal);
        Assert.DoesNotContain(NumbersPage.NoIncidentsYet, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_history_says_there_are_no_incidents_yet_rather_than_NaN()
    {
        using var dir = new TempDirectory();
        await using var host = await RunningHost.StartAsync(RepoPaths.Settings, dir.File("data/secbot.db"), new FakeTimeProvider(Start));

        using var response = await host.Http.GetAsync(new Uri(NumbersEndpoints.Path, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<p class=\"card\" role=\"status\">{NumbersPage.NoIncidentsYet}</p>", html, StringComparison.Ordinal);
        Assert.Contains("No incidents declared in the last 7 days", html, StringComparison.Ordinal);
        Assert.Contains("No incidents declared in the last 30 days", html, StringComparison.Ordinal);
        Assert.Contains("Nobody was paged.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_chat_configured_and_the_console_not_enabled_the_page_is_not_there()
    {
        await using var host = await SecBot.Host.Tests.Slack.SlackHost.StartAsync();

        using var response = await host.Host.Http.GetAsync(new Uri(NumbersEndpoints.Path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task SayAsync(RunningHost host, string personId, string text)
    {
        var reply = await host.App.Services.GetRequiredService<ChatRouter>()
            .HandleAsync(new ChatRequest(new ChatIdentity("console", personId), ChatPlace.Direct(), new TextInput(text)), CancellationToken.None);
        Assert.False(reply.IsRefusal, reply.Text);
    }
}
