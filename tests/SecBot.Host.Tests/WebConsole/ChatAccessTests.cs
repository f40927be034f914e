using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SecBot.Host.Configuration;
using SecBot.Host.Tests.Slack;
using SecBot.Host.Tests.Support;
using SecBot.Host.WebConsole;
using SecBot.Testing.Slack;

namespace SecBot.Host.Tests.WebConsole;

/// <summary>
/// Who reaches the web console, over HTTP: without chat credentials anyone on this machine, with no login; with Slack
/// configured nobody unless <c>SecBot:Console:Enabled</c>, and then only after logging in with an admin key (an HttpOnly,
/// SameSite=Strict cookie); a key is never logged; an unsafe request without <c>X-SecBot-Console: 1</c> is refused 403
/// either way; an enabled console without a key does not start.
/// </summary>
public sealed class ChatAccessTests
{
    private const string AdminKey = "console-admin-key-0123456789";
    private const string Holder = "Olivia Grant";

    [Fact]
    public async Task Without_chat_credentials_the_console_needs_no_login_but_a_POST_needs_the_console_header()
    {
        await using var chat = await ChatHost.StartAsync();
        var person = chat.NotPaged();

        using var page = await chat.Host.Http.GetAsync("/");
        using var bare = await chat.Host.Http.PostAsJsonAsync("/console/say", new { @as = person.Id, text = "declare Beacon" });
        using var withHeader = await chat.PostAsync("/console/say", new { @as = person.Id, text = "help" });
        using var noLogin = await NoRedirects(chat.Host).GetAsync("/console/login");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, bare.StatusCode);
        Assert.Contains("send the header 'X-SecBot-Console: 1'", await ErrorAsync(bare), StringComparison.Ordinal);
        Assert.Empty(await chat.Services.GetRequiredService<SecBot.Storage.Incidents.IncidentRepository>().ListAllAsync(CancellationToken.None));
        Assert.Equal(HttpStatusCode.OK, withHeader.StatusCode);
        Assert.Equal((HttpStatusCode.Redirect, "/"), (noLogin.StatusCode, noLogin.Headers.Location?.OriginalString));
    }

    [Fact]
    public async Task With_Slack_configured_the_console_is_off_unless_enabled()
    {
        await using var slack = await SlackHost.StartAsync();

        using var page = await slack.Host.Http.GetAsync("/");
        using var say = await ChatHost.PostAsync(slack.Host.Http, "/console/say", JsonContent.Create(new { @as = "x", text = "help" }));

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, say.StatusCode);
    }

    [Fact]
    public async Task Enabled_with_Slack_configured_and_no_admin_key_does_not_start_naming_the_key()
    {
        var failure = await Assert.ThrowsAsync<StartupConfigurationException>(() => SlackHost.StartAsync(null, "--SecBot:Console:Enabled=true"));

        Assert.Contains("SecBot:Console:AdminKeys must name at least one key", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Slack", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_short_admin_key_does_not_start_and_is_not_named()
    {
        var failure = await Assert.ThrowsAsync<StartupConfigurationException>(() => SlackHost.StartAsync(null, "--SecBot:Console:Enabled=true", $"--SecBot:Console:AdminKeys:shortkey={Holder}"));

        Assert.Contains($"the admin key of '{Holder}' must be at least 16 characters", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("shortkey", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enabled_with_Slack_configured_the_console_asks_for_an_admin_key_and_keeps_the_login_in_a_strict_HttpOnly_cookie()
    {
        await using var slack = await SlackHost.StartAsync(null, "--SecBot:Console:Enabled=true", $"--SecBot:Console:AdminKeys:{AdminKey}={Holder}");
        using var browser = NoRedirects(slack.Host);
        var person = slack.Host.App.Services.GetRequiredService<SecBot.Domain.Roster.Roster>().People[0];

        using var page = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { { "Accept", "text/html" } } });
        Assert.Equal((HttpStatusCode.Redirect, "/console/login?then=%2F"), (page.StatusCode, page.Headers.Location?.OriginalString));
        using var stream = await browser.GetAsync($"/console/stream?as={person.Id}");
        Assert.Equal(HttpStatusCode.Unauthorized, stream.StatusCode);
        using var say = await ChatHost.PostAsync(browser, "/console/say", JsonContent.Create(new { @as = person.Id, text = "help" }));
        Assert.Equal(HttpStatusCode.Unauthorized, say.StatusCode);
        Assert.Contains("Log in to the web console first (/console/login)", await ErrorAsync(say), StringComparison.Ordinal);
        using var loginPage = await browser.GetAsync("/console/login");
        Assert.Equal(HttpStatusCode.OK, loginPage.StatusCode);

        using var wrong = await ChatHost.PostAsync(browser, ConsoleLogin.Path, JsonContent.Create(new { key = AdminKey + "x" }));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("That key is not one of SecBot:Console:AdminKeys.", await ErrorAsync(wrong));
        Assert.False(wrong.Headers.Contains("Set-Cookie"));
        using var unsafeLogin = await browser.PostAsJsonAsync(ConsoleLogin.Path, new { key = AdminKey });
        Assert.Equal(HttpStatusCode.Forbidden, unsafeLogin.StatusCode);

        using var login = await ChatHost.PostAsync(browser, ConsoleLogin.Path, JsonContent.Create(new { key = AdminKey }));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(Holder, (string?)JsonNode.Parse(await login.Content.ReadAsStringAsync())!["loggedInAs"]);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith(ConsoleLogin.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(AdminKey, cookie, StringComparison.Ordinal);

        using var pageIn = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { { "Accept", "text/html" } } });
        Assert.Equal(HttpStatusCode.OK, pageIn.StatusCode);
        using var sayIn = await ChatHost.PostAsync(browser, "/console/say", JsonContent.Create(new { @as = person.Id, text = "help" }));
        Assert.Equal(HttpStatusCode.OK, sayIn.StatusCode);
        using var noHeader = await browser.PostAsJsonAsync("/console/say", new { @as = person.Id, text = "help" });
        Assert.Equal(HttpStatusCode.Forbidden, noHeader.StatusCode);

        using var logout = await ChatHost.PostAsync(browser, "/console/logout", new StringContent(""));
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        using var sayOut = await ChatHost.PostAsync(browser, "/console/say", JsonContent.Create(new { @as = person.Id, text = "help" }));
        Assert.Equal(HttpStatusCode.Unauthorized, sayOut.StatusCode);
    }

    [Fact]
    public async Task A_login_is_logged_with_who_holds_the_key_and_never_the_key()
    {
        var log = new LogCapture("");
        await using var fakeSlack = await FakeSlackServer.StartAsync();
        using var dir = new TempDirectory();
        await using var host = await RunningHost.StartAsync(
            PolicyFile.WriteCopy(dir), dir.File("secbot.db"), null, services => services.AddSingleton<ILoggerProvider>(log),
            $"--SecBot:Slack:SigningSecret={SlackHost.SigningSecret}", "--SecBot:Slack:BotToken=xoxb-test", $"--SecBot:Slack:ApiBaseUrl={fakeSlack.ApiBase}",
            "--SecBot:Console:Enabled=true", $"--SecBot:Console:AdminKeys:{AdminKey}={Holder}");
        using var browser = NoRedirects(host);

        using var wrong = await ChatHost.PostAsync(browser, ConsoleLogin.Path, JsonContent.Create(new { key = AdminKey + "x" }));
        using var login = await ChatHost.PostAsync(browser, ConsoleLogin.Path, JsonContent.Create(new { key = AdminKey }));

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.OK), (wrong.StatusCode, login.StatusCode));
        Assert.Contains(log.Lines, line => line.StartsWith($"Web console login by {Holder}", StringComparison.Ordinal));
        Assert.Contains(log.Lines, line => line.StartsWith("Web console login refused", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Entries, entry => entry.ToString()!.Contains(AdminKey, StringComparison.Ordinal));
    }

    private static HttpClient NoRedirects(RunningHost host) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = host.Http.BaseAddress };

    private static async Task<string?> ErrorAsync(HttpResponseMessage response) =>
        (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"];
}
