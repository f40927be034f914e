using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SecBot.Host.Tests.Slack;
using SecBot.Host.WebConsole;
using SecBot.Host.Tests.Support;
using SecBot.Testing.Slack;

namespace SecBot.Host.Tests.WebConsole;

/// <summary>
/// The real host with Slack against the fake server (how the tests declare, acknowledge and sign) and the web console
/// turned on beside it, on a <see cref="WatchedClock"/>; the board read over HTTP as a browser would.
/// </summary>
internal sealed class BoardHost : IHostUnderTest, IAsyncDisposable
{
    private BoardHost(WatchedClock clock, SlackHost slack)
    {
        Clock = clock;
        Slack = slack;
    }

    public WatchedClock Clock { get; }
    public SlackHost Slack { get; }
    public RunningHost Host => Slack.Host;
    public IServiceProvider Services => Host.App.Services;

    /// <summary>The console's admin key in these tests: beside Slack, the console asks for a login.</summary>
    private const string AdminKey = "board-tests-admin-key-0001";

    public static async Task<BoardHost> StartAsync(Action<FakeSlackServer>? script = null, params string[] settings)
    {
        var clock = new WatchedClock(TimeProvider.System.GetUtcNow());
        var slack = await SlackHost.StartOnClockAsync(clock, script, ["--SecBot:Console:Enabled=true", $"--SecBot:Console:AdminKeys:{AdminKey}=board tests", .. settings]);
        try
        {
            // The host's client keeps cookies: one login here, and every request after it carries the console's cookie.
            using var login = await ChatHost.PostAsync(slack.Host.Http, ConsoleLogin.Path, JsonContent.Create(new { key = AdminKey }));
            login.EnsureSuccessStatusCode();
        }
        catch
        {
            await slack.DisposeAsync();
            throw;
        }

        return new BoardHost(clock, slack);
    }

    public async Task<string> BoardAsync()
    {
        using var response = await GetAsync("/board", HttpCompletionOption.ResponseContentRead, CancellationToken.None);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Every console request of these tests goes through here or <see cref="PostRetryAsync"/>, logged in by <see cref="StartAsync"/>.</summary>
    public Task<HttpResponseMessage> GetAsync(string path, HttpCompletionOption completion, CancellationToken cancellationToken) =>
        Host.Http.GetAsync(new Uri(path, UriKind.Relative), completion, cancellationToken);

    /// <summary>POSTs the fields as the board's Retry button does: a form, with the console's header.</summary>
    public async Task<(HttpResponseMessage Response, JsonNode Body)> RetryAsync(params (string Name, string Value)[] fields)
    {
        using var content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return await PostRetryAsync(content);
    }

    public async Task<(HttpResponseMessage Response, JsonNode Body)> PostRetryAsync(HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/board/retry", UriKind.Relative)) { Content = content };
        request.Headers.Add("X-SecBot-Console", "1");
        var response = await Host.Http.SendAsync(request);
        return (response, (await response.Content.ReadFromJsonAsync<JsonNode>())!);
    }

    public ValueTask DisposeAsync() => Slack.DisposeAsync();
}

/// <summary>Pieces of the board's HTML, by the ids and keys the board gives them.</summary>
internal static class BoardMarkup
{
    /// <summary>The card of an incident or gate (<c>data-key="INC-1"</c>) up to its end.</summary>
    public static string Card(string html, string key)
    {
        var start = html.IndexOf($"data-key=\"{key}\"", StringComparison.Ordinal);
        if (start < 0) throw new InvalidOperationException($"the board has no card for {key}");
        var end = html.IndexOf("</div><div class=\"card", start, StringComparison.Ordinal) is var next and >= 0 ? next : html.IndexOf("</section>", start, StringComparison.Ordinal);
        return html[start..end];
    }

    /// <summary>A section of the board (<c>id="oncall"</c>, <c>id="dead-letters"</c>, …).</summary>
    public static string Section(string html, string id)
    {
        var start = html.IndexOf($"<section id=\"{id}\"", StringComparison.Ordinal);
        if (start < 0) throw new InvalidOperationException($"the board has no section {id}");
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    public static string Encode(string text) => System.Net.WebUtility.HtmlEncode(text);
}
