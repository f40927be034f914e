using System.Security.Cryptography;
using System.Text.Json.Nodes;
using SecBot.Chat.Conversation;
using SecBot.Chat.Delivery;
using SecBot.Chat.Inbound;
using SecBot.Domain.Roster;
using SecBot.Teams.Activities;
using SecBot.Teams.Authentication;
using SecBot.Teams.Cards;
using SecBot.Teams.Configuration;

namespace SecBot.Teams.Endpoints;

/// <summary>
/// POST /api/messages (teams-protocol.md §1, §5, §6). A request with no bearer token, or one that is not a JWT, is
/// refused (401) before its body is read; otherwise the body is read under 1 MiB (413), parsed (400), and its token
/// validated against the activity's serviceUrl and channel (401/403), and an activity of any channel but Teams' refused
/// (403), before anything is recorded. Then:
/// <c>message</c> runs the text as a command (in a channel the bot's @mention is removed; a legacy <c>Action.Submit</c>
/// arrives as a message with a value and is a button press); <c>invoke</c> <c>adaptiveCard/action</c> is a button press
/// or a form submission, answered in the HTTP response (the card refreshed for the presser, or a message), while the
/// card's update for everyone is queued with the change; <c>conversationUpdate</c> learns each added member's
/// conversation; anything else is acknowledged and ignored. Each activity id changes state once (<see cref="DeliveryOnce"/>).
/// Refusals are reported to <see cref="RefusedRequests"/> (counted by cause, logged at most once a minute), not one by one.
/// </summary>
internal sealed partial class TeamsMessagesEndpoint(
    TeamsRequestAuthenticator authenticator,
    TeamsSenders senders,
    ChatRouter router,
    TeamsReplies replies,
    TeamsReplyRenderer renderer,
    DeliveryOnce once,
    TeamsOptions options,
    RefusedRequests refused,
    ILogger<TeamsMessagesEndpoint> logger)
{
    /// <summary>Cause under which <see cref="RefusedRequests"/> counts requests without an acceptable token (401 and 403).</summary>
    public const string TokenCause = "teams-token";

    /// <summary>Cause under which <see cref="RefusedRequests"/> counts authenticated activities of a channel or tenant SecBot does not serve.</summary>
    public const string OriginCause = "teams-origin";

    public const string AlreadyHandled = "SecBot already took this; nothing was done again.";
    public const string TryAgain = "SecBot could not take this just now; nothing was changed. Please try again.";

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var authorization = request.Headers.Authorization.ToString() is { Length: > 0 } header ? header : null;

        // Behind a proxy or a tunnel every request comes from loopback: one that says it was forwarded is not local.
        if (options.AllowAnonymousLoopback && authorization is null && LocalCaller.IsForwarded(request.Headers.ContainsKey))
        {
            return Refuse(TeamsAuthVerdict.Unauthorized("no Authorization header on a forwarded request"));
        }

        if (authenticator.RefusalBeforeBody(authorization, context.Connection.RemoteIpAddress) is { } unauthenticated) return Refuse(unauthenticated);

        if (await BoundedBody.ReadAsync(request.Body, request.ContentLength, context.RequestAborted) is not { } body)
        {
            refused.Report(BoundedBody.Cause, $"{request.Path}: {BoundedBody.TooLarge}");
            return Error(StatusCodes.Status413PayloadTooLarge, BoundedBody.TooLarge);
        }

        // Read before the token is validated, as Bot Framework adapters do: the token is bound to the activity's
        // serviceUrl, so an unreadable body could only ever be refused as a token mismatch (401) instead of for what is wrong with it.
        var parsed = ActivityParser.Parse(body);
        if (!parsed.IsSuccess) return Error(StatusCodes.Status400BadRequest, parsed.Error!);

        var verdict = await authenticator.AuthenticateAsync(
            authorization,
            context.Connection.RemoteIpAddress,
            parsed.Value.ChannelId,
            parsed.Value.ServiceUrl,
            context.RequestAborted);
        if (!verdict.IsAllowed) return Refuse(verdict);

        var activity = parsed.Value;

        // Only Teams vouches for from.aadObjectId; a Web Chat or Direct Line client picks its own ids.
        if (activity.ChannelId != TeamsPlatform.ChannelId)
        {
            return RefuseOrigin($"channel '{activity.ChannelId}' is not served: SecBot accepts only Microsoft Teams ({TeamsPlatform.ChannelId}) activities");
        }

        // A single-tenant SecBot serves its own organisation only, whatever other tenant installed the app.
        if (options.TenantId.Length > 0 && !string.Equals(ActivityTenant.Of(activity), options.TenantId, StringComparison.OrdinalIgnoreCase))
        {
            return RefuseOrigin($"tenant '{ActivityTenant.Of(activity)}' is not served: SecBot:Teams:TenantId names another");
        }

        var cancellationToken = context.RequestAborted;
        return activity.Type switch
        {
            ActivityTypes.Message when TeamsActionReader.IsCardAction(activity) => await SubmitAsync(activity, body, cancellationToken),
            ActivityTypes.Message => await CommandAsync(activity, body, cancellationToken),
            ActivityTypes.Invoke when activity.Name == ActivityTypes.AdaptiveCardAction => await InvokeAsync(activity, body, cancellationToken),
            ActivityTypes.ConversationUpdate => await InstalledAsync(activity, cancellationToken),
            _ => Ignore(activity.Type, activity.Name),
        };
    }

    private async Task<IResult> CommandAsync(Activity activity, byte[] body, CancellationToken cancellationToken)
    {
        if (SenderOf(activity) is not { } from) return Error(StatusCodes.Status400BadRequest, NoSender);
        var text = ActivityMentions.CommandText(activity);
        if (string.IsNullOrWhiteSpace(text)) return Ignore(activity.Type, "no text");

        var outcome = await once.RunAsync(Source, KeyOf(activity, body), InboundMode.KeepKey, async progress =>
        {
            var person = await senders.LearnAsync(activity, from, cancellationToken);
            var reply = await router.HandleAsync(Request(activity, from, new TextInput(text)) with { Mentions = senders.Resolve(ActivityMentions.OthersIn(activity)) }, cancellationToken);
            if (reply.Committed) progress.Committed();
            await replies.ReplyAsync(reply, activity, person?.Id, cancellationToken);
        }, cancellationToken);
        return outcome == InboundOutcome.Failed ? Error(StatusCodes.Status500InternalServerError, "handling this activity failed; send it again") : Results.Ok();
    }

    /// <summary>A legacy <c>Action.Submit</c>: no invoke response exists, so every answer goes through the connector.</summary>
    private async Task<IResult> SubmitAsync(Activity activity, byte[] body, CancellationToken cancellationToken)
    {
        var (status, _) = await PressAsync(activity, body, answerInResponse: false, cancellationToken);
        return status == StatusCodes.Status200OK ? Results.Ok() : Error(status, "this card action could not be read or handled");
    }

    private async Task<IResult> InvokeAsync(Activity activity, byte[] body, CancellationToken cancellationToken)
    {
        var (status, answer) = await PressAsync(activity, body, answerInResponse: true, cancellationToken);
        return Results.Json(answer ?? InvokeResponses.Message(AlreadyHandled), statusCode: status);
    }

    private async Task<(int Status, JsonObject? Answer)> PressAsync(Activity activity, byte[] body, bool answerInResponse, CancellationToken cancellationToken)
    {
        if (SenderOf(activity) is not { } from) return (StatusCodes.Status400BadRequest, InvokeResponses.Error(InvokeResponses.BadRequestCode, NoSender));

        var read = TeamsActionReader.Read(activity);
        if (!read.IsSuccess) return (StatusCodes.Status400BadRequest, InvokeResponses.Error(InvokeResponses.BadRequestCode, read.Error!));

        JsonObject? answer = null;
        var outcome = await once.RunAsync(Source, KeyOf(activity, body), InboundMode.ForgetUnlessCommitted, async progress =>
        {
            var person = await senders.LearnAsync(activity, from, cancellationToken);
            answer = read.Value switch
            {
                CardButtonPress press => await ButtonAsync(activity, from, person, press.Button, answerInResponse, progress, cancellationToken),
                CardFormSubmission form => await FormAsync(activity, from, person, form, answerInResponse, progress, cancellationToken),
                _ => InvokeResponses.Error(InvokeResponses.NotSupportedCode, "not a SecBot card action"),
            };
        }, cancellationToken);
        return outcome switch
        {
            InboundOutcome.Failed => (StatusCodes.Status500InternalServerError, InvokeResponses.Message(TryAgain)),
            InboundOutcome.Duplicate or InboundOutcome.Running => (StatusCodes.Status200OK, InvokeResponses.Message(AlreadyHandled)),
            // An error answer (not SecBot's action, an unknown form) carries its status on the HTTP response too.
            _ => ((int?)answer?["statusCode"] == InvokeResponses.ErrorStatusCode ? InvokeResponses.ErrorStatusCode : StatusCodes.Status200OK, answer),
        };
    }

    private async Task<JsonObject> ButtonAsync(
        Activity activity, ChannelAccount from, Person? person, ButtonInput button, bool answerInResponse, InboundProgress progress, CancellationToken cancellationToken)
    {
        var pressed = activity.ReplyToId is { Length: > 0 } cardId && activity.Conversation?.Id is { Length: > 0 } conversation
            ? new MessageRef(TeamsPlatform.Name, conversation, cardId)
            : null;
        var request = Request(activity, from, button with { Pressed = pressed }) with { WriteReply = replies.WriterFor(activity, person?.Id) };
        var reply = await router.HandleAsync(request, cancellationToken);
        if (reply.Committed) progress.Committed();
        var updatesCard = ReplyRouting.AfterButton(reply) == ReplyRoute.UpdateOriginal;

        // A refusal or a private answer is the presser's alone: the invoke response shows it, the card stays as it is.
        if (answerInResponse && !updatesCard && ReplyRouting.For(reply) == ReplyRoute.Private) return InvokeResponses.Message(reply.Text);
        if (!reply.IsQueued) await replies.AfterButtonAsync(reply, activity, person?.Id, cancellationToken);
        return updatesCard ? InvokeResponses.Card(CardOf(renderer.Render(reply))) : InvokeResponses.Message(reply.Text);
    }

    private async Task<JsonObject> FormAsync(
        Activity activity, ChannelAccount from, Person? person, CardFormSubmission form, bool answerInResponse, InboundProgress progress, CancellationToken cancellationToken)
    {
        if (form.CommandText() is not { } text) return InvokeResponses.Error(InvokeResponses.BadRequestCode, $"unknown form '{form.Kind}'");
        var reply = await router.HandleAsync(Request(activity, from, new TextInput(text)), cancellationToken);
        if (reply.Committed) progress.Committed();

        // A refused form stays open with the problem shown; an accepted one is answered like the typed command.
        if (answerInResponse && reply.IsRefusal) return InvokeResponses.Message(reply.Text);
        await replies.ReplyAsync(reply, activity, person?.Id, cancellationToken);
        return InvokeResponses.Message(reply.IsRefusal ? reply.Text : reply.Text.Split('\n')[0]);
    }

    private async Task<IResult> InstalledAsync(Activity activity, CancellationToken cancellationToken)
    {
        var botId = activity.Recipient?.Id;
        foreach (var member in activity.MembersAdded ?? [])
        {
            if (member.Id is null || member.Id == botId) continue;
            await senders.LearnAsync(activity, member, cancellationToken, lookUp: false);
        }

        if (activity.From is { } from && from.Id != botId) await senders.LearnAsync(activity, from, cancellationToken);
        return Results.Ok();
    }

    private const string NoSender = "the activity has no from.id";

    /// <summary>Who sent the activity, when it says so: nothing is done for an activity without a sender.</summary>
    private static ChannelAccount? SenderOf(Activity activity) =>
        activity.From is { } from && !string.IsNullOrWhiteSpace(from.TeamsUserId) ? from : null;

    private static ChatRequest Request(Activity activity, ChannelAccount from, ChatInput input) =>
        new(new ChatIdentity(TeamsPlatform.Name, from.TeamsUserId!, from.Name), PlaceOf(activity), input);

    private static ChatPlace PlaceOf(Activity activity) =>
        activity.Conversation is { IsPersonal: false, ChannelId: { } channel } conversation
            ? new ChatPlace(channel, conversation.ThreadRootId, false) { Platform = TeamsPlatform.Name }
            : ChatPlace.Direct(activity.Conversation?.Id) with { Platform = TeamsPlatform.Name };

    private static JsonObject CardOf(JsonObject messageActivity) =>
        messageActivity["attachments"]?[0]?["content"]?.DeepClone().AsObject() ?? new JsonObject();

    private const string Source = "teams.activity";

    // Activity ids are unique within a conversation; an activity without one is keyed by its exact bytes.
    private static string KeyOf(Activity activity, byte[] body) =>
        activity.Id is { Length: > 0 } id
            ? $"{activity.Conversation?.Id ?? "-"}/{id}"
            : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body));

    private IResult Ignore(string type, string? why)
    {
        Ignored(logger, type, why ?? "");
        return Results.Ok();
    }

    private static IResult Error(int status, string error) =>
        Results.Json(new ErrorBody(error), ErrorBody.JsonInfo, statusCode: status);

    // The answer names no reason: it would tell a forger which check failed. The reason goes to the refusal report.
    private IResult Refuse(TeamsAuthVerdict verdict)
    {
        refused.Report(TokenCause, $"{verdict.StatusCode}: {verdict.Reason}");
        return Error(verdict.StatusCode, verdict.StatusCode == StatusCodes.Status403Forbidden ? "forbidden" : "invalid token");
    }

    private IResult RefuseOrigin(string reason)
    {
        refused.Report(OriginCause, reason);
        return Error(StatusCodes.Status403Forbidden, reason);
    }

    [LoggerMessage(EventId = 611, Level = LogLevel.Debug, Message = "Ignored a Teams {Type} activity ({Why})")]
    private static partial void Ignored(ILogger logger, string type, string why);
}
