using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SecBot.Chat.Conversation;
using SecBot.Slack.Payloads;
using SecBot.Slack.Payloads.Interactivity;
using SecBot.Slack.Rendering;
using SecBot.Slack.Responses;
using SecBot.Slack.WebApi;

namespace SecBot.Host.Slack;

/// <summary>
/// POST /slack/action (slack-protocol.md §2, §3, §5). A button becomes a <see cref="ButtonInput"/> for the router,
/// then the message it was on is updated through the outbox; a button that asks for inputs opens a modal first.
/// A modal's <c>view_submission</c> is answered in the response: <c>response_action: errors</c> keeps it open with
/// the problem under the input, an empty 200 closes it. A repeated payload is recognised and changes nothing; one whose
/// handling failed before changing anything is not taken for a repeat when it comes again (<see cref="SlackOnce"/>):
/// the button answers 500, the modal stays open asking to submit again.
/// </summary>
internal sealed class SlackActionEndpoint(
    SlackInbound inbound, ChatRouter router, SlackReplies replies, SlackForms forms, SlackOnce once, ILogger<SlackActionEndpoint> logger)
{
    public const string SubmitAgain = "SecBot could not take this just now. Please submit again.";

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var (body, refusal) = await inbound.ReadVerifiedAsync(context);
        if (refusal is not null) return refusal;

        var parsed = InteractionParser.ParseForm(SlackInbound.Text(body!));
        if (!parsed.IsSuccess) return SlackInbound.BadRequest(parsed.Error);
        return parsed.Value switch
        {
            BlockActionsPayload actions => await ButtonAsync(actions, context.RequestAborted),
            ViewSubmissionPayload submission => await SubmissionAsync(submission, context.RequestAborted),
            _ => Ignore(parsed.Value.Type, "no handler for this interaction type"),
        };
    }

    private async Task<IResult> ButtonAsync(BlockActionsPayload payload, CancellationToken cancellationToken)
    {
        if (payload.Actions.Count == 0) return Ignore("block_actions", "no action");
        var action = payload.Actions[0];
        var key = $"{payload.User.Id}/{action.ActionId}/{action.ActionTs ?? payload.TriggerId}";
        return await once.RunAsync("slack.action", key, progress => PressAsync(payload, action, progress, cancellationToken), cancellationToken) == OnceOutcome.Failed
            ? SlackInbound.Failure(StatusCodes.Status500InternalServerError, "handling this action failed; press the button again")
            : Results.Ok();
    }

    private async Task PressAsync(BlockActionsPayload payload, BlockAction action, SlackOnce.Progress progress, CancellationToken cancellationToken)
    {
        var channel = payload.Container?.ChannelId ?? payload.Channel?.Id;
        var messageTs = payload.Container?.MessageTs ?? payload.Message?.Ts;
        var actionId = ButtonCodec.CardActionId(action.ActionId);
        var button = ButtonCodec.DecodeValue(action.Value) ?? new ButtonForm(action.Value ?? "", []);
        if (button.Asks.Count > 0)
        {
            var state = new ModalState(ModalState.ButtonKind, actionId) { Value = button.Value, Channel = channel, MessageTs = messageTs, Inputs = button.Asks };
            var title = $"{button.Label ?? "SecBot"} {button.Value}";
            if (!await forms.OpenAsync(payload.TriggerId, title, $"*{SlackText.Escape(title)}*", state, cancellationToken))
            {
                await replies.ReplyAsync(ChatReply.Refusal(SlackForms.FormUnavailable), payload.User.Id, channel, null, cancellationToken);
            }

            return;
        }

        var input = new ButtonInput(actionId, button.Value, new Dictionary<string, string>());
        var reply = await router.HandleAsync(SlackReplies.Request(payload.User.Id, payload.User.Name, channel, null, input), cancellationToken);
        if (!reply.IsRefusal) progress.Committed();
        await replies.AfterButtonAsync(reply, payload.User.Id, channel, messageTs, cancellationToken);
    }

    private async Task<IResult> SubmissionAsync(ViewSubmissionPayload payload, CancellationToken cancellationToken)
    {
        if (payload.View.CallbackId != ModalRenderer.CallbackId || ModalRenderer.ReadState(payload.View.PrivateMetadata) is not { } state)
        {
            return Ignore("view_submission", "not a SecBot modal");
        }

        var submission = ModalSubmission.Read(state, payload.View);
        if (submission.Errors.Count > 0) return Errors(submission.Errors);
        if (state.Kind != ModalState.ButtonKind && SlackForms.CommandText(state.Name, submission.Values) is null) return Ignore("view_submission", $"unknown form {state.Name}");

        IResult answer = Results.Ok();
        var outcome = await once.RunAsync(
            "slack.view",
            $"{payload.View.Id}/{Digest(submission.Values)}",
            async progress => answer = await SubmitAsync(payload.User, state, submission, progress, cancellationToken),
            cancellationToken);
        return outcome == OnceOutcome.Failed ? Errors(new Dictionary<string, string> { [state.Inputs.FirstOrDefault()?.Id ?? "title"] = SubmitAgain }) : answer;
    }

    private async Task<IResult> SubmitAsync(SlackUserRef user, ModalState state, ModalSubmission submission, SlackOnce.Progress progress, CancellationToken cancellationToken)
    {
        if (state.Kind == ModalState.ButtonKind)
        {
            var input = new ButtonInput(state.Name, state.Value ?? "", submission.Values);
            var reply = await router.HandleAsync(SlackReplies.Request(user.Id, user.Name, state.Channel, null, input), cancellationToken);
            if (!reply.IsRefusal) progress.Committed();
            if (reply.IsRefusal && state.Inputs.Count > 0) return Errors(new Dictionary<string, string> { [state.Inputs[0].Id] = Fit(reply.Text) });
            await replies.AfterButtonAsync(reply, user.Id, state.Channel, state.MessageTs, cancellationToken);
            return Results.Ok();
        }

        var text = SlackForms.CommandText(state.Name, submission.Values)!;
        var answer = await router.HandleAsync(SlackReplies.Request(user.Id, user.Name, state.Channel, null, new TextInput(text)), cancellationToken);
        if (!answer.IsRefusal) progress.Committed();
        if (answer.IsRefusal) return Errors(new Dictionary<string, string> { [BlockFor(answer.Text, state)] = Fit(answer.Text) });
        await replies.ReplyAsync(answer, user.Id, state.Channel, null, cancellationToken);
        return Results.Ok();
    }

    private IResult Ignore(string kind, string why)
    {
        SlackLog.Ignored(logger, kind, why);
        return Results.Ok();
    }

    private static IResult Errors(IReadOnlyDictionary<string, string> errors) =>
        Results.Json(ViewSubmissionResponse.WithErrors(errors), SlackWebJsonContext.Default.ViewSubmissionResponse);

    // The refusal names what was wrong; show it under the input it is about when it says which.
    private static string BlockFor(string refusal, ModalState state) =>
        state.Inputs.Skip(1).FirstOrDefault(i => refusal.Contains(i.Id, StringComparison.OrdinalIgnoreCase))?.Id
        ?? state.Inputs.FirstOrDefault()?.Id
        ?? "title";

    private static string Fit(string text) => SlackText.Truncate(text, 2000);

    private static string Digest(IReadOnlyDictionary<string, string> values)
    {
        var json = JsonSerializer.Serialize(values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => new[] { v.Key, v.Value }).ToArray(), SlackHostJsonContext.Default.StringArrayArray);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..16];
    }
}
