using SecBot.Chat.Cards;
using SecBot.Chat.Ids;
using SecBot.Chat.Incidents;
using SecBot.Chat.Reviews;
using SecBot.Domain.Roster;

namespace SecBot.Chat.Conversation;

/// <summary>
/// Button presses. A button only names an action and what it acts on; whether the presser may do it is
/// decided again here against current state, so a stale or forged button changes nothing and says why.
/// </summary>
public sealed class ButtonActions(IncidentCommands incidents, ReviewCommands? reviews = null)
{
    public static IReadOnlyCollection<string> Handled { get; } =
        [ActionIds.Acknowledge, ActionIds.Escalate, ActionIds.Resolve, ActionIds.Approve, ActionIds.Reject, ActionIds.Comment, ActionIds.Object];

    /// <summary>A press on <paramref name="platform"/> (<c>slack</c>, <c>teams</c>), which the sign-off ledger records.</summary>
    public Task<ChatReply> HandleAsync(Person caller, string platform, ButtonInput button, ChatPlace place, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(button);
        if (button.ActionId is ActionIds.Acknowledge or ActionIds.Escalate or ActionIds.Resolve)
        {
            if (!IncidentButtonValue.TryParse(button.Value, out var incident))
            {
                return Task.FromResult(ChatReply.Refusal($"That button does not name an incident ('{button.Value}'); use the command instead, e.g. ack INC-12."));
            }

            return button.ActionId switch
            {
                ActionIds.Acknowledge => incidents.AcknowledgeAsync(caller, incident.Number, place, cancellationToken),
                ActionIds.Escalate => incidents.EscalateAsync(caller, incident.Number, button.InputOrNull(ActionIds.Inputs.Reason), place, cancellationToken, fromLevel: incident.Level),
                _ => incidents.ResolveAsync(caller, incident.Number, button.InputOrNull(ActionIds.Inputs.Summary), place, cancellationToken),
            };
        }

        if (button.ActionId is ActionIds.Approve or ActionIds.Reject or ActionIds.Comment or ActionIds.Object && reviews is not null)
        {
            if (!GateButtonValue.TryParse(button.Value, out var gate))
            {
                return Task.FromResult(ChatReply.Refusal($"That button does not name a review gate ('{button.Value}'); use the command instead, e.g. approve REV-7."));
            }

            return button.ActionId switch
            {
                ActionIds.Approve => reviews.ApproveAsync(
                    caller, gate, button.InputOrNull(ActionIds.Inputs.Comment), button.InputOrNull(ActionIds.Inputs.Checklist), platform, viaButton: true, cancellationToken),
                ActionIds.Reject => reviews.RejectAsync(caller, gate, button.InputOrNull(ActionIds.Inputs.Reason), platform, viaButton: true, cancellationToken),
                ActionIds.Comment => reviews.CommentAsync(caller, gate, button.InputOrNull(ActionIds.Inputs.Comment), platform, cancellationToken),
                _ => reviews.ObjectAsync(caller, gate, button.InputOrNull(ActionIds.Inputs.Reason) ?? button.InputOrNull(ActionIds.Inputs.Comment), platform, cancellationToken),
            };
        }

        return Task.FromResult(ChatReply.Refusal("That button is not one SecBot knows; nothing was changed."));
    }
}
