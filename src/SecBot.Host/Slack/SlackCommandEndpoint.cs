using SecBot.Chat.Conversation;
using SecBot.Slack.Payloads.Commands;
using SecBot.Slack.Rendering;
using SecBot.Slack.Responses;
using SecBot.Slack.WebApi;

namespace SecBot.Host.Slack;

/// <summary>
/// POST /slack/command (slack-protocol.md §2, §3): the router's answer goes back in the HTTP response itself,
/// <c>in_channel</c> for public answers such as a declaration and <c>ephemeral</c> for errors and private ones.
/// <c>declare</c> with no arguments opens the declare modal with the command's trigger id instead.
/// </summary>
internal sealed class SlackCommandEndpoint(SlackInbound inbound, ChatRouter router, ReplyRenderer renderer, SlackForms forms)
{
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var (body, refusal) = await inbound.ReadVerifiedAsync(context);
        if (refusal is not null) return refusal;

        var parsed = SlashCommandParser.Parse(SlackInbound.Text(body!));
        if (!parsed.IsSuccess) return SlackInbound.BadRequest(parsed.Error);
        if (parsed.Value is not SlashCommand command) return Results.Ok();

        var cancellationToken = context.RequestAborted;
        var reply = await router.HandleAsync(SlackReplies.Request(command.UserId, command.UserName, command.ChannelId, null, new TextInput(command.Text)), cancellationToken);
        if (reply.OpensForm is { } form)
        {
            var state = new ModalState(ModalState.FormKind, form.Kind) { Channel = command.ChannelId, Inputs = form.Inputs };
            return await forms.OpenAsync(command.TriggerId, form.Title, null, state, cancellationToken)
                ? Results.Ok()
                : Respond(ChatReply.Refusal(SlackForms.FormUnavailable));
        }

        return Respond(reply);
    }

    private IResult Respond(ChatReply reply)
    {
        var content = renderer.Render(reply);
        var type = reply.Visibility == ReplyVisibility.Public && !reply.IsRefusal ? SlashCommandResponse.InChannel : SlashCommandResponse.Ephemeral;
        return Results.Json(new SlashCommandResponse(type, content.Text, content.Blocks), SlackWebJsonContext.Default.SlashCommandResponse);
    }
}
