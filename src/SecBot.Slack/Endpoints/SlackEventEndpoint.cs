using SecBot.Chat.Conversation;
using SecBot.Chat.Inbound;
using SecBot.Slack.Delivery;
using SecBot.Slack.Payloads;
using SecBot.Slack.Payloads.Events;
using SecBot.Slack.Rendering;
using SecBot.Slack.Responses;
using SecBot.Slack.WebApi;

namespace SecBot.Slack.Endpoints;

/// <summary>
/// POST /slack/event (slack-protocol.md §2, §4): answers <c>url_verification</c> with its challenge; runs
/// <c>app_mention</c> and DMs (<c>message.im</c>) as commands, ignoring bots so SecBot never answers itself;
/// publishes the Home tab on <c>app_home_opened</c>. Delivery is at-least-once, so each <c>event_id</c> is
/// recorded first and a redelivery (with or without <c>X-Slack-Retry-Num</c>) is acknowledged and changes nothing;
/// if handling fails before the command changed anything the id is forgotten and the answer is 500, so Slack's
/// retry is processed (<see cref="DeliveryOnce"/>). A redelivery while the first is still running gets 503 for the same reason.
/// </summary>
internal sealed class SlackEventEndpoint(
    SlackInbound inbound, ChatRouter router, SlackReplies replies, SlackOutbox outbox, DeliveryOnce once, ILogger<SlackEventEndpoint> logger)
{
    public const string NoFormHere = "Forms open from the slash command: use `/secbot declare`, or type `declare <title> [level:…] [type:…]` here.";

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var (body, refusal) = await inbound.ReadVerifiedAsync(context);
        if (refusal is not null) return refusal;

        return (await AnswerAsync(EventsApiParser.Parse(body), context.Request.Path, context.RequestAborted)).ToResult();
    }

    /// <summary>
    /// Everything after the request is known to be Slack's: the event (the HTTP body, or a Socket Mode envelope's
    /// payload) handled once per <c>event_id</c> and answered; <paramref name="path"/> names the transport in the log.
    /// </summary>
    public async Task<SlackAnswer> AnswerAsync(ParseResult<EventsApiPayload> parsed, string path, CancellationToken cancellationToken)
    {
        if (!parsed.IsSuccess) return SlackInbound.BadRequest(parsed.Error);
        switch (parsed.Value)
        {
            case UrlVerificationPayload verification:
                return SlackAnswer.Of(new ChallengeResponse(verification.Challenge), SlackWebJsonContext.Default.ChallengeResponse);
            case EventCallbackPayload callback:
                if (inbound.FromElsewhere(path, SlackOrigin.Of(callback)) is { } elsewhere) return elsewhere;
                return await once.RunAsync("slack.event", callback.EventId, progress => HandleEventAsync(callback.Event, progress, cancellationToken), cancellationToken) switch
                {
                    // Not a 200, so Slack tries again later, when the first delivery has either finished (the retry is
                    // then a duplicate) or failed and had its id forgotten (the retry is then processed).
                    InboundOutcome.Running => SlackInbound.Failure(StatusCodes.Status503ServiceUnavailable, "this event is still being handled; retry later"),
                    InboundOutcome.Failed => SlackInbound.Failure(StatusCodes.Status500InternalServerError, "handling this event failed; retry it"),
                    _ => SlackAnswer.Ok,
                };
            default:
                SlackLog.Ignored(logger, parsed.Value.Type, "not an event callback");
                return SlackAnswer.Ok;
        }
    }

    private Task HandleEventAsync(SlackEvent slackEvent, InboundProgress progress, CancellationToken cancellationToken) => slackEvent switch
    {
        AppMentionEvent { BotId: null, User: { } user } mention =>
            CommandAsync(user, mention.Channel, mention.ThreadTs, mention.Text, progress, cancellationToken),
        MessageEvent { IsDirectMessage: true, IsPlainUserMessage: true } message =>
            CommandAsync(message.User!, message.Channel, message.ThreadTs, message.Text!, progress, cancellationToken),
        AppHomeOpenedEvent { IsHomeTab: true } home => PublishHomeAsync(home.User, cancellationToken),
        _ => IgnoreAsync(slackEvent),
    };

    private async Task CommandAsync(string user, string? channel, string? threadTs, string text, InboundProgress progress, CancellationToken cancellationToken)
    {
        var reply = await router.HandleAsync(SlackReplies.Request(user, null, channel, threadTs, new TextInput(text)), cancellationToken);
        if (reply.Committed) progress.Committed();
        if (reply.OpensForm is not null) reply = ChatReply.Private(NoFormHere);
        await replies.ReplyAsync(reply, user, channel, threadTs, cancellationToken);
    }

    private async Task PublishHomeAsync(string user, CancellationToken cancellationToken)
    {
        var status = await router.HandleAsync(SlackReplies.Request(user, null, null, null, new TextInput("status")), cancellationToken);
        var help = await router.HandleAsync(SlackReplies.Request(user, null, null, null, new TextInput("help")), cancellationToken);
        var reviews = await router.HandleAsync(SlackReplies.Request(user, null, null, null, new TextInput("reviews")), cancellationToken);
        var view = HomeTabRenderer.Render(status.Text, help.Text, reviews.IsRefusal ? null : reviews.Text);
        await outbox.EnqueueAsync(SlackOutboxKinds.Home, new SlackOutboxItem { User = user, View = view }, cancellationToken);
    }

    private Task IgnoreAsync(SlackEvent slackEvent)
    {
        SlackLog.Ignored(logger, slackEvent.Type, "a bot's message, an edit, or an event SecBot does not act on");
        return Task.CompletedTask;
    }
}
