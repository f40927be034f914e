using SecBot.Chat.Commands;
using SecBot.Chat.Conversation;
using SecBot.Chat.Incidents;
using SecBot.Chat.Reviews;
using SecBot.Domain.Incidents;

namespace SecBot.Chat.Logging;

/// <summary>The incident or gate a command or button names (<c>INC-3</c>, <c>REV-7</c>), for <see cref="SubjectLogScope"/>; null when it names none.</summary>
public static class RequestSubject
{
    public static string? Of(ChatCommand command) => command switch
    {
        AckCommand { Incident: { } incident } => incident.ToString(),
        EscalateCommand { Incident: { } incident } => incident.ToString(),
        ResolveCommand { Incident: { } incident } => incident.ToString(),
        IncidentStatusCommand status => status.Incident.ToString(),
        ApproveCommand approve => approve.Gate.ToString(),
        CommentCommand comment => comment.Gate.ToString(),
        ObjectCommand objection => objection.Gate.ToString(),
        RejectCommand reject => reject.Gate.ToString(),
        OverrideCommand overrideSeat => overrideSeat.Gate.ToString(),
        ResubmitCommand resubmit => resubmit.Gate.ToString(),
        GateStatusCommand status => status.Gate.ToString(),
        _ => null,
    };

    public static string? Of(ButtonInput button)
    {
        ArgumentNullException.ThrowIfNull(button);
        if (IncidentButtonValue.TryParse(button.Value, out var incident)) return IncidentKey.Format(incident.Number);
        return GateButtonValue.TryParse(button.Value, out var gate) ? gate.Key : null;
    }
}
