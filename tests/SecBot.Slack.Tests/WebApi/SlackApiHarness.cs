using SecBot.Slack.WebApi;
using SecBot.Testing.Slack;

namespace SecBot.Slack.Tests.WebApi;

/// <summary>A client wired as the host wires it, against a fresh fake Slack, with short backoffs.</summary>
internal sealed class SlackApiHarness : IAsyncDisposable
{
    public const string Token = "xoxb-test-token";

    private readonly HttpClient _http;

    private SlackApiHarness(FakeSlackServer slack, SlackResilienceOptions options)
    {
        Slack = slack;
        Options = options;
        _http = new HttpClient { BaseAddress = slack.ApiBase, Timeout = options.AttemptTimeout };
        Client = new SlackWebApiClient(_http, Token, SlackResiliencePipeline.Create(options, TimeProvider.System), options.BreakDuration);
    }

    public FakeSlackServer Slack { get; }

    public SlackResilienceOptions Options { get; }

    public SlackWebApiClient Client { get; }

    public static async Task<SlackApiHarness> StartAsync(Action<SlackResilienceOptions>? configure = null)
    {
        var options = new SlackResilienceOptions { BaseDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(100) };
        configure?.Invoke(options);
        return new SlackApiHarness(await FakeSlackServer.StartAsync(), options);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Slack.DisposeAsync();
    }
}
