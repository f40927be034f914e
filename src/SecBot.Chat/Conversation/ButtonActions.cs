using SecBot.Chat.Cards;
using SecBot.Chat.Ids;
using SecBot.Chat.Incidents;
using SecBot.Domain.Roster;

namespace SecBot.Chat.Conversation;

/// <summary>
/// Button presses. A button only names an action and what it acts on; whether the presser may do it is
/// decided again here against current state, so a stale or forged button changes nothing and says why.
/// </summary>
public sealed class ButtonActions(IncidentCommands incidents)
{
    public static IReadOnlyCollection<string> Handled { get; } = [ActionIds.Acknowledge, ActionIds.Escalate, ActionIds.Resolve];

    public Task<ChatReply> HandleAsync(Person caller, ButtonInput button, ChatPlace place, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(button);
        if (button.ActionId is ActionIds.Acknowledge or ActionIds.Escalate or ActionIds.Resolve)
        {
            if (!IncidentId.TryParse(button.Value, out var incident))
            {
                return Task.FromResult(ChatReply.Refusal($"That button does not name an incident ('{button.Value}'); use the command instead, e.g. ack INC-12."));
            }

            return button.ActionId switch
            {
                ActionIds.Acknowledge => incidents.AcknowledgeAsync(caller, incident.Number, place, cancellationToken),
                ActionIds.Escalate => incidents.EscalateAsync(caller, incident.Number, button.InputOrNull(ActionIds.Inputs.Reason), place, cancellationToken),
                _ => incidents.ResolveAsync(caller, incident.Number, button.InputOrNull(ActionIds.Inputs.Summary), place, cancellationToken),
            };
        }

        return Task.FromResult(ChatReply.Refusal("That button is not one SecBot knows; nothing was changed."));
    }
}
