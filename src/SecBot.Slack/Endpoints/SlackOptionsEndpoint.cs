using SecBot.Slack.Responses;
using SecBot.Slack.WebApi;

namespace SecBot.Slack.Endpoints;

/// <summary>POST /slack/options: external select options. Verified like every Slack request; SecBot offers none yet.</summary>
internal sealed class SlackOptionsEndpoint(SlackInbound inbound)
{
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var (_, refusal) = await inbound.ReadVerifiedAsync(context);
        return refusal ?? Results.Json(new OptionsResponse([]), SlackWebJsonContext.Default.OptionsResponse);
    }
}
