using SecBot.Slack.WebApi;

namespace SecBot.Slack.Endpoints;

/// <summary>
/// The Web API for the one call that must happen on the request path: views.open, whose trigger id expires 3
/// seconds after Slack sent it and can be used once (slack-protocol.md §5). Sent once, with a short timeout, no
/// retries; it changes no state, so the contract's "no network call before the commit" still holds.
/// </summary>
internal sealed class SlackInteractiveApi(SlackWebApiClient client)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2.5);

    public SlackWebApiClient Client { get; } = client;
}
