using System.Globalization;
using SecBot.Chat.Cards;
using SecBot.Chat.Incidents;
using SecBot.Chat.Reviews;
using SecBot.Domain.Incidents;

namespace SecBot.Host.Terminal;

/// <summary>
/// A card's buttons as the commands that do the same when typed (<c>ack INC-3</c>, <c>reject REV-7 &lt;reason&gt;</c>):
/// the terminal cannot press a button, but it can say what to type. A button with no typed equivalent (an Approve that
/// asks for checklist attestations) is named as one to press in Slack, Teams or the web console.
/// </summary>
public static class TypedCommands
{
    public static string? For(CardButton button)
    {
        ArgumentNullException.ThrowIfNull(button);
        if (button.Asks.Any(input => input.Kind == CardInputKind.Checkboxes)) return null;
        var target = Target(button);
        if (target is null) return null;
        var word = button.ActionId switch
        {
            ActionIds.Acknowledge => "ack",
            ActionIds.Escalate => "escalate",
            ActionIds.Resolve => "resolve",
            ActionIds.Approve => "approve",
            ActionIds.Reject => "reject",
            ActionIds.Comment => "comment",
            ActionIds.Object => "object",
            _ => null,
        };
        if (word is null) return null;
        var asks = button.Asks.Select(input => input.Required ? $"<{input.Id}>" : $"[{input.Id}]");
        return string.Join(' ', [word, target, .. asks]);
    }

    /// <summary>The card as plain text (<see cref="Card.ToPlainText"/>), its buttons shown as the commands to type.</summary>
    public static string PlainText(Card card)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (card.Buttons.Count == 0) return card.ToPlainText();
        var typed = card.Buttons.Select(button => For(button) ?? $"{button.Label} (press it in Slack, Teams or the web console)");
        var lines = new List<string> { (card with { Buttons = [], Context = null }).ToPlainText(), "Commands: " + string.Join(" · ", typed) };
        if (!string.IsNullOrWhiteSpace(card.Context)) lines.Add(card.Context);
        return string.Join('\n', lines);
    }

    private static string? Target(CardButton button)
    {
        if (IncidentButtonValue.TryParse(button.Value, out var incident)) return IncidentKey.Format(incident.Number);
        if (!GateButtonValue.TryParse(button.Value, out var gate)) return null;
        // The stage a required reviewer was asked for, so a typed approve signs that stage and no later one.
        return button.ActionId == ActionIds.Approve && gate.Stage is { } stage
            ? $"{gate.Key} stage:{stage.ToString(CultureInfo.InvariantCulture)}"
            : gate.Key;
    }
}
