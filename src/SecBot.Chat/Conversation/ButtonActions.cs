using SecBot.Chat.Cards;
using SecBot.Chat.Incidents;
using SecBot.Chat.Parsing;
using SecBot.Chat.Reviews;
using SecBot.Domain.Roster;

namespace SecBot.Chat.Conversation;

/// <summary>
/// Button presses. A button only names an action and what it acts on; whether the presser may do it is
/// decided again here against current state, so a stale or forged button changes nothing and says why.
/// </summary>
public sealed class ButtonActions(IncidentCommands incidents, ReviewCommands reviews)
{
    public static IReadOnlyCollection<string> Handled { get; } =
        [ActionIds.Acknowledge, ActionIds.Escalate, ActionIds.Resolve, ActionIds.Approve, ActionIds.Reject, ActionIds.Comment, ActionIds.Object];

    private const string UnknownButton = "That button is not one SecBot knows; nothing was changed.";

    /// <summary>
    /// A press on <paramref name="platform"/> (<c>slack</c>, <c>teams</c>), which the sign-off ledger records. With
    /// <paramref name="writeReply"/>, a press that changes something queues its answer in the same transaction.
    /// </summary>
    public Task<ChatReply> HandleAsync(
        Person caller, string platform, ButtonInput button, ChatPlace place, CancellationToken cancellationToken, ReplyWriter? writeReply = null)
    {
        ArgumentNullException.ThrowIfNull(button);
        if (TooLongInput(button) is { } tooLong) return Task.FromResult(ChatReply.Refusal(tooLong));
        if (IsIncidentAction(button.ActionId))
        {
            if (!IncidentButtonValue.TryParse(button.Value, out var incident)) return Task.FromResult(NotAnIncident(button));

            return button.ActionId switch
            {
                ActionIds.Acknowledge => incidents.AcknowledgeAsync(caller, incident.Number, place, cancellationToken, writeReply, button.Pressed),
                ActionIds.Escalate => incidents.EscalateAsync(
                    caller, incident.Number, button.InputOrNull(ActionIds.Inputs.Reason), place, cancellationToken, fromLevel: incident.Level, writeReply: writeReply, pressed: button.Pressed),
                _ => incidents.ResolveAsync(caller, incident.Number, button.InputOrNull(ActionIds.Inputs.Summary), place, cancellationToken, writeReply, button.Pressed),
            };
        }

        if (IsGateAction(button.ActionId))
        {
            if (!GateButtonValue.TryParse(button.Value, out var gate)) return Task.FromResult(NotAGate(button));

            return button.ActionId switch
            {
                ActionIds.Approve => reviews.ApproveAsync(
                    caller, gate, button.InputOrNull(ActionIds.Inputs.Comment), button.InputOrNull(ActionIds.Inputs.Checklist), platform, viaButton: true, cancellationToken, writeReply, button.Pressed),
                ActionIds.Reject => reviews.RejectAsync(caller, gate, button.InputOrNull(ActionIds.Inputs.Reason), platform, viaButton: true, cancellationToken, writeReply, button.Pressed),
                ActionIds.Comment => reviews.CommentAsync(caller, gate, button.InputOrNull(ActionIds.Inputs.Comment), platform, viaButton: true, cancellationToken, writeReply, button.Pressed),
                _ => reviews.ObjectAsync(
                    caller, gate, button.InputOrNull(ActionIds.Inputs.Reason) ?? button.InputOrNull(ActionIds.Inputs.Comment), platform, viaButton: true, cancellationToken, writeReply, button.Pressed),
            };
        }

        return Task.FromResult(ChatReply.Refusal(UnknownButton));
    }

    /// <summary>
    /// Whether <paramref name="caller"/> may press <paramref name="button"/> at all, asked before a form opens so nobody
    /// fills in a form only to be refused on submit: the press's own decision, on current state, read without writing,
    /// with the form's inputs taken as given. Null: open the form; otherwise the refusal to show at once.
    /// </summary>
    public Task<ChatReply?> CheckAsync(Person caller, string platform, ButtonInput button, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(button);
        if (IsIncidentAction(button.ActionId))
        {
            return IncidentButtonValue.TryParse(button.Value, out var incident)
                ? incidents.CheckAsync(caller, button.ActionId, incident.Number, incident.Level, cancellationToken)
                : Task.FromResult<ChatReply?>(NotAnIncident(button));
        }

        if (IsGateAction(button.ActionId))
        {
            return GateButtonValue.TryParse(button.Value, out var gate)
                ? reviews.CheckAsync(caller, button.ActionId, gate, platform, cancellationToken)
                : Task.FromResult<ChatReply?>(NotAGate(button));
        }

        return Task.FromResult<ChatReply?>(ChatReply.Refusal(UnknownButton));
    }

    // A form's inputs are held to the limits of the same text typed as a command, and refused in the same words.
    private static string? TooLongInput(ButtonInput button) =>
        button.Inputs.Keys.Select(id => CommandLimits.TooLong(id, button.InputOrNull(id), CommandLimits.ForInput(id))).FirstOrDefault(problem => problem is not null);

    private static bool IsIncidentAction(string actionId) => actionId is ActionIds.Acknowledge or ActionIds.Escalate or ActionIds.Resolve;

    private static bool IsGateAction(string actionId) => actionId is ActionIds.Approve or ActionIds.Reject or ActionIds.Comment or ActionIds.Object;

    private static ChatReply NotAnIncident(ButtonInput button) =>
        ChatReply.Refusal($"That button does not name an incident ('{button.Value}'); use the command instead, e.g. ack INC-12.");

    private static ChatReply NotAGate(ButtonInput button) =>
        ChatReply.Refusal($"That button does not name a review gate ('{button.Value}'); use the command instead, e.g. approve REV-7.");
}
