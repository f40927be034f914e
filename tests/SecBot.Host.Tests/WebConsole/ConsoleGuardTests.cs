using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SecBot.Chat.Cards;
using SecBot.Domain.Incidents;
using SecBot.Host.Configuration;
using SecBot.Host.Delivery;
using SecBot.Host.Tests.Support;
using SecBot.Host.WebConsole;
using SecBot.Storage.Incidents;

namespace SecBot.Host.Tests.WebConsole;

/// <summary>
/// The web console's guards, over HTTP against the real host: switched off it is not there even without chat; on loopback
/// it answers only to a local name and an unsafe method only from its own origin (DNS rebinding), never to a forwarded
/// request; served beyond this machine it asks for a login and does not start without a key; a login sends nobody
/// elsewhere; a press names a button its message shows, and never skips a required input.
/// </summary>
public sealed class ConsoleGuardTests
{
    private const string AdminKey = "console-admin-key-0123456789";

    [Fact]
    public async Task Switched_off_without_chat_the_web_console_is_not_there_but_the_console_still_takes_the_messages()
    {
        await using var chat = await ChatHost.StartAsync("--SecBot:Console:Enabled=false");

        using var page = await chat.Host.Http.GetAsync("/");
        using var say = await chat.PostAsync("/console/say", new { @as = chat.Roster.People[0].Id, text = "help" });
        using var login = await chat.Host.Http.GetAsync(ConsoleLogin.Path);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (page.StatusCode, say.StatusCode, login.StatusCode));
        Assert.Equal(["console"], chat.Services.GetRequiredService<ConfiguredPlatforms>().Enabled);
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:80")]
    [InlineData("127.0.0.1.evil.example")]
    [InlineData("localhost.evil.example:5000")]
    public async Task On_loopback_a_request_by_another_name_is_refused_as_DNS_rebinding_would_send_it(string host)
    {
        await using var chat = await ChatHost.StartAsync();
        var person = chat.NotPaged();

        using var page = await chat.Host.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = host } });
        using var say = await chat.Host.Http.SendAsync(Say(person.Id, "declare Beacon", request => request.Headers.Host = host));

        Assert.Equal((HttpStatusCode.MisdirectedRequest, HttpStatusCode.MisdirectedRequest), (page.StatusCode, say.StatusCode));
        Assert.Contains("only to a local name (localhost, 127.0.0.1 or [::1])", await ErrorAsync(say), StringComparison.Ordinal);
        Assert.Empty(await chat.Services.GetRequiredService<IncidentRepository>().ListAllAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("LOCALHOST:8080")]
    [InlineData("127.0.0.1:1")]
    [InlineData("[::1]:443")]
    public async Task On_loopback_the_local_names_are_served_on_any_port(string host)
    {
        await using var chat = await ChatHost.StartAsync();

        using var page = await chat.Host.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = host } });

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task An_unsafe_method_from_another_origin_is_refused_and_from_its_own_is_taken()
    {
        await using var chat = await ChatHost.StartAsync();
        var person = chat.NotPaged();
        var own = chat.Host.Http.BaseAddress!.GetLeftPart(UriPartial.Authority);

        using var foreign = await chat.Host.Http.SendAsync(Say(person.Id, "declare Beacon", r => r.Headers.Add("Origin", "http://evil.example")));
        using var otherPort = await chat.Host.Http.SendAsync(Say(person.Id, "declare Beacon", r => r.Headers.Add("Origin", "http://127.0.0.1:1")));
        using var crossSite = await chat.Host.Http.SendAsync(Say(person.Id, "declare Beacon", r => r.Headers.Add("Sec-Fetch-Site", "cross-site")));
        using var nullOrigin = await chat.Host.Http.SendAsync(Say(person.Id, "declare Beacon", r => r.Headers.Add("Origin", "null")));

        Assert.All([foreign, otherPort, crossSite, nullOrigin], r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Contains("not from the origin 'http://evil.example'", await ErrorAsync(foreign), StringComparison.Ordinal);
        Assert.Contains("Sec-Fetch-Site: cross-site", await ErrorAsync(crossSite), StringComparison.Ordinal);
        Assert.Empty(await chat.Services.GetRequiredService<IncidentRepository>().ListAllAsync(CancellationToken.None));

        using var mine = await chat.Host.Http.SendAsync(Say(person.Id, "help", r => { r.Headers.Add("Origin", own); r.Headers.Add("Sec-Fetch-Site", "same-origin"); }));
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.7")]
    [InlineData("Forwarded", "for=203.0.113.7")]
    [InlineData("X-Forwarded-For", "127.0.0.1")]
    public async Task On_loopback_a_forwarded_request_is_not_local(string header, string value)
    {
        await using var chat = await ChatHost.StartAsync();

        using var page = await chat.Host.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { { header, value } } });

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("only on this machine (loopback, not forwarded by a proxy)", await ErrorAsync(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Served_beyond_this_machine_without_an_admin_key_does_not_start_naming_the_key()
    {
        var failure = await Assert.ThrowsAsync<StartupConfigurationException>(() => ChatHost.StartAsync("--SecBot:Console:AllowRemote=true"));

        Assert.Contains("SecBot:Console:AdminKeys must name at least one key", failure.Message, StringComparison.Ordinal);
        Assert.Contains("SecBot:Console:AllowRemote is true", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Served_beyond_this_machine_without_chat_the_console_asks_for_a_login()
    {
        await using var chat = await ChatHost.StartAsync("--SecBot:Console:AllowRemote=true", $"--SecBot:Console:AdminKeys:{AdminKey}=Olivia Grant");
        var person = chat.NotPaged();

        using var before = await chat.PostAsync("/console/say", new { @as = person.Id, text = "help" });
        Assert.Equal(HttpStatusCode.Unauthorized, before.StatusCode);
        using var stream = await chat.Host.Http.GetAsync($"/console/stream?as={person.Id}");
        Assert.Equal(HttpStatusCode.Unauthorized, stream.StatusCode);

        using var login = await chat.PostAsync(ConsoleLogin.Path, new { key = AdminKey });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        using var after = await chat.PostAsync("/console/say", new { @as = person.Id, text = "help" });
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task A_key_in_a_start_up_error_is_never_shown_in_any_part()
    {
        const string key = "abcdwxyz";
        var failure = await Assert.ThrowsAsync<StartupConfigurationException>(() => ChatHost.StartAsync("--SecBot:Console:AllowRemote=true", $"--SecBot:Console:AdminKeys:{key}="));

        Assert.Contains("admin key 1 of SecBot:Console:AdminKeys must be at least 16 characters", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key[..2], failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("/\n/evil.example")]
    [InlineData("/\r\n/evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("/\\/evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("/%09/evil.example")]
    [InlineData("/%2F/evil.example")]
    [InlineData("/%5Cevil.example")]
    [InlineData("%2F%2Fevil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("javascript:alert(1)")]
    [InlineData(" /board")]
    [InlineData("/board\u0000")]
    [InlineData("/\u3000/evil.example")]
    public async Task A_login_never_sends_anyone_elsewhere(string then)
    {
        await using var chat = await ChatHost.StartAsync("--SecBot:Console:AllowRemote=true", $"--SecBot:Console:AdminKeys:{AdminKey}=Olivia Grant");

        var page = await chat.Host.Http.GetStringAsync($"{ConsoleLogin.Path}?then={Uri.EscapeDataString(then)}");

        Assert.Contains("const then = \"/\";", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_login_returns_to_a_path_on_this_site()
    {
        await using var chat = await ChatHost.StartAsync("--SecBot:Console:AllowRemote=true", $"--SecBot:Console:AdminKeys:{AdminKey}=Olivia Grant");

        var page = await chat.Host.Http.GetStringAsync($"{ConsoleLogin.Path}?then={Uri.EscapeDataString("/board")}");

        Assert.Contains("const then = \"/board\";", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_press_naming_a_button_its_message_does_not_show_is_refused_400_and_changes_nothing()
    {
        await using var chat = await ChatHost.StartAsync();
        var onCall = OnCallPolicy.PagedAt(chat.Services, "L1", "general", chat.Now)[0];
        await using var stream = await chat.StreamAsync(onCall);
        await chat.SayAsync(chat.NotPaged(), "declare Beacon to a known C2 host");
        await chat.SayAsync(chat.NotPaged(), "declare Phish on the payroll mailbox");
        var page = await stream.NextAsync(m => m.Recipient == $"person:{onCall.Id}" && m.Html.Contains("INC-1", StringComparison.Ordinal), "the page of INC-1");

        using var otherIncident = await chat.PostAsync("/console/press", new { @as = onCall.Id, message = page.Id, action = ActionIds.Acknowledge, value = "INC-2" });
        using var otherAction = await chat.PostAsync("/console/press", new { @as = onCall.Id, message = page.Id, action = ActionIds.Approve, value = "INC-1" });

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (otherIncident.StatusCode, otherAction.StatusCode));
        Assert.Contains($"Message {page.Id} has no button '{ActionIds.Acknowledge}' on 'INC-2'", await ErrorAsync(otherIncident), StringComparison.Ordinal);
        var incidents = chat.Services.GetRequiredService<IncidentRepository>();
        Assert.Equal(IncidentState.Open, (await incidents.LoadAsync(2, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task A_press_without_a_message_still_asks_for_the_inputs_its_action_requires()
    {
        await using var chat = await ChatHost.StartAsync();
        var onCall = OnCallPolicy.PagedAt(chat.Services, "L1", "general", chat.Now)[0];
        await chat.SayAsync(chat.NotPaged(), "declare Beacon to a known C2 host");

        var refused = await chat.AnswerAsync("/console/press", new { @as = onCall.Id, action = ActionIds.Resolve, value = "INC-1" });
        var blank = await chat.AnswerAsync("/console/press", new { @as = onCall.Id, action = ActionIds.Resolve, value = "INC-1", inputs = new Dictionary<string, string> { ["summary"] = "  " } });

        Assert.Equal((true, "Resolution summary is required."), ((bool)refused["refusal"]!, (string?)refused["text"]));
        Assert.True((bool)blank["refusal"]!);
        var incidents = chat.Services.GetRequiredService<IncidentRepository>();
        Assert.Equal(IncidentState.Open, (await incidents.LoadAsync(1, CancellationToken.None))!.State);

        var resolved = await chat.AnswerAsync("/console/press", new { @as = onCall.Id, action = ActionIds.Resolve, value = "INC-1", inputs = new Dictionary<string, string> { ["summary"] = "host isolated" } });
        Assert.False((bool)resolved["refusal"]!, (string?)resolved["text"]);
        Assert.Equal(IncidentState.Resolved, (await incidents.LoadAsync(1, CancellationToken.None))!.State);
    }

    private static HttpRequestMessage Say(string person, string text, Action<HttpRequestMessage> change)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/console/say") { Content = JsonContent.Create(new { @as = person, text }) };
        request.Headers.Add(ConsoleAccess.CsrfHeader, "1");
        change(request);
        return request;
    }

    private static async Task<string?> ErrorAsync(HttpResponseMessage response) =>
        (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"];
}
