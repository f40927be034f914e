using SecBot.Chat.Cards;
using SecBot.Chat.Commands;
using SecBot.Chat.Delivery;
using Microsoft.Extensions.Logging;
using SecBot.Chat.Incidents;
using SecBot.Chat.Logging;
using SecBot.Chat.OnCall;
using SecBot.Chat.Parsing;
using SecBot.Chat.Reports;
using SecBot.Chat.Reviews;
using SecBot.Domain.Roster;

namespace SecBot.Chat.Conversation;

/// <summary>
/// The one entry point for every platform: identifies the sender on the roster, parses text or reads the
/// button, and hands the request to the command that owns it. Refusals change nothing and say why.
/// </summary>
public sealed class ChatRouter(
    PersonDirectory people, CommandParser parser, IncidentCommands incidents, OnCallCommands onCall, ButtonActions buttons, ReviewCommands reviews, ReviewQueries reviewQueries, RetryCommands retries,
    ReportReplies reports,
    ILogger<ChatRouter> logger)
{
    public const string UnknownPersonReply =
        "Sorry, I only take commands from people on the security roster, and I don't know you yet. A SecOps or SecEng manager can add you to SecBot's roster.";

    public async Task<ChatReply> HandleAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (people.Identify(request.From) is not { } caller) return ChatReply.Refusal(UnknownPersonReply);

        var platform = request.From.Platform;
        switch (request.Input)
        {
            case TextInput text:
                var parsed = parser.Parse(text.Text);
                if (parsed is ParseError error) return ChatReply.Refusal(error.Problem, error.Usage);
                if (parsed is not ChatCommand command) return ChatReply.Refusal("I could not read that.", parser.Usage.HelpText);
                // Whatever is logged while the command runs names the incident or gate it is about.
                using (SubjectLogScope.Begin(logger, RequestSubject.Of(command)))
                {
                    return await RunAsync(caller, platform, command, request.Place, request.Mentions, cancellationToken);
                }

            case ButtonInput button:
                using (SubjectLogScope.Begin(logger, RequestSubject.Of(button)))
                {
                    return await buttons.HandleAsync(caller, platform, button, request.Place, cancellationToken, request.WriteReply);
                }

            default:
                return ChatReply.Refusal("I could not read that.", parser.Usage.HelpText);
        }
    }

    /// <summary>
    /// Before a button's form opens: whether the sender may press it at all (<see cref="ButtonActions.CheckAsync"/>).
    /// Null: open the form; otherwise the refusal to show at once. Reads only.
    /// </summary>
    public async Task<ChatReply?> CheckAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (people.Identify(request.From) is not { } caller) return ChatReply.Refusal(UnknownPersonReply);
        return request.Input is ButtonInput button
            ? await buttons.CheckAsync(caller, request.From.Platform, button, cancellationToken)
            : null;
    }

    private Task<ChatReply> RunAsync(
        Person caller, string platform, ChatCommand command, ChatPlace place, IReadOnlyList<ChatMention> mentions, CancellationToken cancellationToken) => command switch
    {
        HelpCommand help => Task.FromResult(ChatReply.Private(
            (help.Note is null ? "" : help.Note + "\n") + (help.Topic is null ? parser.Usage.HelpText : parser.Usage.For(help.Topic).Text))),
        OpenDeclareFormCommand => Task.FromResult(new ChatReply(ReplyVisibility.Private, "Declare an incident") { OpensForm = DeclareForm.For(parser.Vocabulary) }),
        DeclareCommand declare => incidents.DeclareAsync(caller, declare.Title, declare.Level, declare.Type, place, cancellationToken),
        AckCommand ack => incidents.AcknowledgeAsync(caller, ack.Incident?.Number, place, cancellationToken),
        EscalateCommand escalate => incidents.EscalateAsync(caller, escalate.Incident?.Number, escalate.Reason, place, cancellationToken),
        ResolveCommand resolve => incidents.ResolveAsync(caller, resolve.Incident?.Number, resolve.Summary, place, cancellationToken),
        OpenIncidentsStatusCommand => incidents.StatusAsync(null, place, cancellationToken),
        IncidentStatusCommand status => incidents.StatusAsync(status.Incident.Number, place, cancellationToken),
        OnCallCommand who => onCall.WhoIsOnCallAsync(who.Role, cancellationToken),
        CoverCommand cover => onCall.CoverAsync(caller, cover, platform, mentions, cancellationToken),
        CoverListCommand list => onCall.ListCoversAsync(list.Role, cancellationToken),
        CoverCancelCommand cancel => onCall.CancelCoverAsync(caller, cancel.Cover, cancellationToken),
        OpenReviewCommand open => reviews.OpenAsync(caller, open.GateType, open.Title, platform, cancellationToken),
        RequestToolCommand tool => reviews.RequestToolAsync(caller, tool.Title, platform, cancellationToken),
        ApproveCommand approve => reviews.ApproveAsync(caller, GateButtonValue.Of(approve.Gate, approve.Stage), approve.Comment, null, platform, viaButton: false, cancellationToken),
        CommentCommand comment => reviews.CommentAsync(caller, GateButtonValue.Of(comment.Gate), comment.Text, platform, viaButton: false, cancellationToken),
        ObjectCommand objection => reviews.ObjectAsync(caller, GateButtonValue.Of(objection.Gate), objection.Text, platform, viaButton: false, cancellationToken),
        RejectCommand reject => reviews.RejectAsync(caller, GateButtonValue.Of(reject.Gate), reject.Reason, platform, viaButton: false, cancellationToken),
        OverrideCommand overrideSeat => reviews.OverrideAsync(caller, GateButtonValue.Of(overrideSeat.Gate), overrideSeat.Seat, overrideSeat.Reason, platform, cancellationToken),
        ResubmitCommand resubmit => reviews.ResubmitAsync(caller, GateButtonValue.Of(resubmit.Gate), resubmit.Note, platform, cancellationToken),
        PendingReviewsCommand => reviewQueries.PendingAsync(caller, cancellationToken),
        GateStatusCommand status => reviewQueries.StatusAsync(status.Gate.Number, cancellationToken),
        RetryCommand { Target: null } => retries.ListAsync(cancellationToken),
        RetryCommand { Target: { } target } => retries.RetryAsync(caller, target, cancellationToken),
        ReportCommand report => reports.ReportAsync(report.Incident.Number, cancellationToken),
        // Every command the parser makes has its arm above: reaching here is a programming error, not bad input.
        _ => throw new InvalidOperationException($"ChatRouter has no arm for {command.GetType().Name}."),
    };
}
