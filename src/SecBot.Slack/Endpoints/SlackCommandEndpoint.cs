using SecBot.Chat.Conversation;
using SecBot.Chat.Inbound;
using SecBot.Slack.Payloads;
using SecBot.Slack.Payloads.Commands;
using SecBot.Slack.Rendering;
using SecBot.Slack.Responses;
using SecBot.Slack.WebApi;

namespace SecBot.Slack.Endpoints;

/// <summary>
/// POST /slack/command (slack-protocol.md §2, §3): the router's answer goes back in the HTTP response itself,
/// <c>in_channel</c> for public answers such as a declaration and <c>ephemeral</c> for errors and private ones.
/// <c>declare</c> with no arguments opens the declare modal with the command's trigger id instead.
/// A signed request can be sent again within the signature's five minutes, so each command is run once per
/// <c>trigger_id</c> (<see cref="DeliveryOnce"/>), which Slack makes new for every command a person sends: a replay is
/// told it was already handled and changes nothing.
/// </summary>
internal sealed class SlackCommandEndpoint(SlackInbound inbound, ChatRouter router, ReplyRenderer renderer, SlackForms forms, DeliveryOnce once)
{
    public const string AlreadyHandled = "This command was already handled; nothing was done again. Type it again to run it again.";
    public const string StillRunning = "This command is still being handled; nothing was done again.";
    public const string SendAgain = "SecBot could not take this just now; nothing was changed. Please send the command again.";

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var (body, refusal) = await inbound.ReadVerifiedAsync(context);
        if (refusal is not null) return refusal;
        return (await AnswerAsync(FormFields.Parse(SlackInbound.Text(body!)), context.Request.Path, context.RequestAborted)).ToResult();
    }

    /// <summary>
    /// Everything after the request is known to be Slack's: the command's fields (the HTTP form, or a Socket Mode
    /// envelope's payload) run once and answered; <paramref name="path"/> names the transport in the log.
    /// </summary>
    public async Task<SlackAnswer> AnswerAsync(IReadOnlyDictionary<string, string> fields, string path, CancellationToken cancellationToken)
    {
        var parsed = SlashCommandParser.Parse(fields);
        if (!parsed.IsSuccess) return SlackInbound.BadRequest(parsed.Error);
        if (parsed.Value is not SlashCommand command) return SlackAnswer.Ok;
        if (inbound.FromElsewhere(path, SlackOrigin.Of(command)) is { } elsewhere) return elsewhere;

        var answer = SlackAnswer.Ok;
        var outcome = await once.RunAsync("slack.command", command.TriggerId, async progress => answer = await RunAsync(command, progress, cancellationToken), cancellationToken);
        return outcome switch
        {
            InboundOutcome.Duplicate => Respond(ChatReply.Refusal(AlreadyHandled)),
            InboundOutcome.Running => Respond(ChatReply.Refusal(StillRunning)),
            InboundOutcome.Failed => Respond(ChatReply.Refusal(SendAgain)),
            _ => answer,
        };
    }

    private async Task<SlackAnswer> RunAsync(SlashCommand command, InboundProgress progress, CancellationToken cancellationToken)
    {
        var reply = await router.HandleAsync(SlackReplies.Request(command.UserId, command.UserName, command.ChannelId, null, new TextInput(command.Text)), cancellationToken);
        if (reply.OpensForm is { } form)
        {
            var state = new ModalState(ModalState.FormKind, form.Kind) { Channel = command.ChannelId, Inputs = form.Inputs };
            return await forms.OpenAsync(command.TriggerId, form.Title, null, state, cancellationToken)
                ? SlackAnswer.Ok
                : Respond(ChatReply.Refusal(SlackForms.FormUnavailable));
        }

        if (reply.Committed) progress.Committed();
        return Respond(reply);
    }

    private SlackAnswer Respond(ChatReply reply)
    {
        var content = renderer.Render(reply);
        var type = ReplyRouting.For(reply) == ReplyRoute.Public ? SlashCommandResponse.InChannel : SlashCommandResponse.Ephemeral;
        return SlackAnswer.Of(new SlashCommandResponse(type, content.Text, content.Blocks), SlackWebJsonContext.Default.SlashCommandResponse);
    }
}
