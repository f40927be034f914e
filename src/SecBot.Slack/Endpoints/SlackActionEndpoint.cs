using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SecBot.Chat.Conversation;
using SecBot.Chat.Inbound;
using SecBot.Slack.Payloads;
using SecBot.Slack.Payloads.Interactivity;
using SecBot.Slack.Rendering;
using SecBot.Slack.Responses;
using SecBot.Slack.WebApi;

namespace SecBot.Slack.Endpoints;

/// <summary>
/// POST /slack/action (slack-protocol.md §2, §3, §5). A button becomes a <see cref="ButtonInput"/> for the router,
/// and the message it was on is updated through the outbox, queued by the command inside its own transaction (a crash
/// can never keep the change with the old message and its live buttons); a button that asks for inputs opens a modal
/// first, once a read has shown the presser may act at all (else the refusal is posted privately, with no modal).
/// A modal's <c>view_submission</c> is answered in the response: <c>response_action: errors</c> keeps it open with
/// the problem under the input, an empty 200 closes it. A repeated payload is recognised and changes nothing; one whose
/// handling failed before changing anything is not taken for a repeat when it comes again (<see cref="DeliveryOnce"/>):
/// the button answers 500, the modal stays open asking to submit again. A press or submission that was refused
/// (nothing committed) forgets its key too, so making it again once the problem is fixed is answered again.
/// A button that only opens a modal changes nothing, so it records no key and calls views.open at once (the
/// trigger id expires after 3 seconds, §5). Keys name the user, the message or view, the press, and a digest of what
/// was pressed or submitted, so two different actions never collide.
/// </summary>
internal sealed class SlackActionEndpoint(
    SlackInbound inbound, ChatRouter router, SlackReplies replies, SlackForms forms, DeliveryOnce once, ModalMetadata metadata, ILogger<SlackActionEndpoint> logger)
{
    public const string SubmitAgain = "SecBot could not take this just now. Please submit again.";

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var (body, refusal) = await inbound.ReadVerifiedAsync(context);
        if (refusal is not null) return refusal;

        return (await AnswerAsync(InteractionParser.ParseForm(SlackInbound.Text(body!)), context.Request.Path, context.RequestAborted)).ToResult();
    }

    /// <summary>
    /// Everything after the request is known to be Slack's: the interaction (the HTTP form's <c>payload</c>, or a Socket
    /// Mode envelope's) handled and answered; <paramref name="path"/> names the transport in the log.
    /// </summary>
    public async Task<SlackAnswer> AnswerAsync(ParseResult<InteractionPayload> parsed, string path, CancellationToken cancellationToken)
    {
        if (!parsed.IsSuccess) return SlackInbound.BadRequest(parsed.Error);
        if (inbound.FromElsewhere(path, SlackOrigin.Of(parsed.Value)) is { } elsewhere) return elsewhere;
        return parsed.Value switch
        {
            BlockActionsPayload actions => await ButtonAsync(actions, cancellationToken),
            ViewSubmissionPayload submission => await SubmissionAsync(submission, cancellationToken),
            _ => Ignore(parsed.Value.Type, "no handler for this interaction type"),
        };
    }

    private async Task<SlackAnswer> ButtonAsync(BlockActionsPayload payload, CancellationToken cancellationToken)
    {
        if (payload.Actions.Count == 0 || payload.Actions[0] is not { } action) return Ignore("block_actions", "no action");
        if (string.IsNullOrWhiteSpace(payload.User.Id) || string.IsNullOrWhiteSpace(action.ActionId))
        {
            return SlackInbound.BadRequest("block_actions has a blank user.id or action_id");
        }

        if (ButtonCodec.DecodeValue(action.Value) is not { } button) return SlackInbound.BadRequest("the button's value is not a SecBot form");
        var message = MessageOf(payload);
        var actionId = ButtonCodec.CardActionId(action.ActionId);
        if (button.Asks.Count > 0)
        {
            // Opening a modal changes nothing, so there is nothing to deduplicate; views.open goes first, inside the
            // trigger id's 3 seconds, with no database write ahead of it: only a read, to refuse at once whoever may not
            // press this button at all, instead of on submit after they filled in the form.
            var check = new ButtonInput(actionId, button.Value, new Dictionary<string, string>());
            if (await router.CheckAsync(SlackReplies.Request(payload.User.Id, payload.User.Name, message.Channel, null, check), cancellationToken) is { } refusal)
            {
                await replies.AfterButtonAsync(refusal, payload.User.Id, message, cancellationToken);
                return SlackAnswer.Ok;
            }

            await OpenFormAsync(payload, actionId, button, message, cancellationToken);
            return SlackAnswer.Ok;
        }

        var press = action.ActionTs ?? payload.TriggerId ?? "-";
        var key = $"{payload.User.Id}/{action.ActionId}/{message.Ts ?? payload.Container?.ViewId ?? payload.View?.Id ?? "-"}/{press}/{Digest(action.Value ?? "")}";
        return await once.RunAsync("slack.action", key, InboundMode.ForgetUnlessCommitted, progress => PressAsync(payload, actionId, button, message, progress, cancellationToken), cancellationToken) == InboundOutcome.Failed
            ? SlackInbound.Failure(StatusCodes.Status500InternalServerError, "handling this action failed; press the button again")
            : SlackAnswer.Ok;
    }

    private static ButtonMessage MessageOf(BlockActionsPayload payload) =>
        new(payload.Container?.ChannelId ?? payload.Channel?.Id, payload.Container?.MessageTs ?? payload.Message?.Ts)
        {
            IsEphemeral = payload.Container?.IsEphemeral == true,
            ResponseUrl = payload.ResponseUrl,
        };

    private async Task OpenFormAsync(BlockActionsPayload payload, string actionId, ButtonForm button, ButtonMessage message, CancellationToken cancellationToken)
    {
        var state = new ModalState(ModalState.ButtonKind, actionId)
        {
            Value = button.Value,
            Channel = message.Channel,
            MessageTs = message.IsEphemeral ? null : message.Ts,
            IsEphemeral = message.IsEphemeral,
            ResponseUrl = message.IsEphemeral ? message.ResponseUrl : null,
            Inputs = button.Asks,
        };
        // People read the title: "Approve REV-7", never the value's internal syntax (REV-7@2/1/SecArch).
        var title = button.Title ?? button.Label ?? "SecBot";
        if (!await forms.OpenAsync(payload.TriggerId, title, $"*{SlackText.Escape(title)}*", state, cancellationToken))
        {
            await replies.ReplyAsync(ChatReply.Refusal(SlackForms.FormUnavailable), payload.User.Id, message.Channel, null, cancellationToken);
        }
    }

    private async Task PressAsync(
        BlockActionsPayload payload, string actionId, ButtonForm button, ButtonMessage message, InboundProgress progress, CancellationToken cancellationToken)
    {
        var input = new ButtonInput(actionId, button.Value, new Dictionary<string, string>()) { Pressed = message.Ref };
        var request = SlackReplies.Request(payload.User.Id, payload.User.Name, message.Channel, null, input) with { WriteReply = replies.WriterFor(payload.User.Id, message) };
        var reply = await router.HandleAsync(request, cancellationToken);
        if (reply.Committed) progress.Committed();
        if (!reply.IsQueued) await replies.AfterButtonAsync(reply, payload.User.Id, message, cancellationToken);
    }

    private async Task<SlackAnswer> SubmissionAsync(ViewSubmissionPayload payload, CancellationToken cancellationToken)
    {
        if (payload.View.CallbackId != ModalRenderer.CallbackId) return Ignore("view_submission", "not a SecBot modal");
        // The state decides what the submission does and which message it updates: believed only with SecBot's signature.
        if (metadata.Open(payload.View.PrivateMetadata) is not { } state)
        {
            return SlackInbound.BadRequest("the modal's private_metadata is not a SecBot modal state signed by SecBot");
        }

        if (string.IsNullOrWhiteSpace(payload.User.Id)) return SlackInbound.BadRequest("view_submission has a blank user.id");

        var submission = ModalSubmission.Read(state, payload.View);
        if (submission.Errors.Count > 0) return Errors(submission.Errors);
        if (state.Kind != ModalState.ButtonKind && FormCommands.CommandText(state.Name, submission.Values) is null) return Ignore("view_submission", $"unknown form {state.Name}");

        var answer = SlackAnswer.Ok;
        var outcome = await once.RunAsync(
            "slack.view",
            $"{payload.User.Id}/{payload.View.Id ?? "-"}/{Digest(payload.View.PrivateMetadata ?? "")}/{Digest(submission.Values)}",
            InboundMode.ForgetUnlessCommitted,
            async progress => answer = await SubmitAsync(payload.User, state, submission, progress, cancellationToken),
            cancellationToken);
        return outcome == InboundOutcome.Failed ? Errors(new Dictionary<string, string> { [state.Inputs.FirstOrDefault()?.Id ?? "title"] = SubmitAgain }) : answer;
    }

    private async Task<SlackAnswer> SubmitAsync(SlackUserRef user, ModalState state, ModalSubmission submission, InboundProgress progress, CancellationToken cancellationToken)
    {
        if (state.Kind == ModalState.ButtonKind)
        {
            var message = new ButtonMessage(state.Channel, state.MessageTs) { IsEphemeral = state.IsEphemeral, ResponseUrl = state.ResponseUrl };
            var input = new ButtonInput(state.Name, state.Value ?? "", submission.Values) { Pressed = message.Ref };
            var request = SlackReplies.Request(user.Id, user.Name, state.Channel, null, input) with { WriteReply = replies.WriterFor(user.Id, message) };
            var reply = await router.HandleAsync(request, cancellationToken);
            if (reply.Committed) progress.Committed();
            if (reply.IsRefusal && state.Inputs.Count > 0) return Errors(new Dictionary<string, string> { [state.Inputs[0].Id] = Fit(reply.Text) });
            if (!reply.IsQueued) await replies.AfterButtonAsync(reply, user.Id, message, cancellationToken);
            return SlackAnswer.Ok;
        }

        var text = FormCommands.CommandText(state.Name, submission.Values)!;
        var answer = await router.HandleAsync(SlackReplies.Request(user.Id, user.Name, state.Channel, null, new TextInput(text)), cancellationToken);
        if (answer.Committed) progress.Committed();
        if (answer.IsRefusal) return Errors(new Dictionary<string, string> { [BlockFor(answer.Text, state)] = Fit(answer.Text) });
        await replies.ReplyAsync(answer, user.Id, state.Channel, null, cancellationToken);
        return SlackAnswer.Ok;
    }

    private SlackAnswer Ignore(string kind, string why)
    {
        SlackLog.Ignored(logger, kind, why);
        return SlackAnswer.Ok;
    }

    private static SlackAnswer Errors(IReadOnlyDictionary<string, string> errors) =>
        SlackAnswer.Of(ViewSubmissionResponse.WithErrors(errors), SlackWebJsonContext.Default.ViewSubmissionResponse);

    // The refusal names what was wrong; show it under the input it is about when it says which.
    private static string BlockFor(string refusal, ModalState state) =>
        state.Inputs.Skip(1).FirstOrDefault(i => refusal.Contains(i.Id, StringComparison.OrdinalIgnoreCase))?.Id
        ?? state.Inputs.FirstOrDefault()?.Id
        ?? "title";

    private static string Fit(string text) => SlackText.Truncate(text, 2000);

    private static string Digest(IReadOnlyDictionary<string, string> values) =>
        Digest(JsonSerializer.Serialize(values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => new[] { v.Key, v.Value }).ToArray(), SlackEndpointJsonContext.Default.StringArrayArray));

    private static string Digest(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
