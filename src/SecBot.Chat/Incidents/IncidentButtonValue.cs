using System.Diagnostics.CodeAnalysis;
using SecBot.Chat.Ids;
using SecBot.Domain.Incidents;

namespace SecBot.Chat.Incidents;

/// <summary>
/// What an incident button acts on: <c>INC-3@L1</c> is INC-3 as it stood at L1 when the button was sent, so an
/// Escalate pressed on an old page after someone else escalated is recognised as stale instead of escalating twice.
/// A bare <c>INC-3</c> (typed commands, other clients) means the incident as it is now.
/// </summary>
public readonly record struct IncidentButtonValue(int Number, string? Level)
{
    private const char LevelSeparator = '@';

    public static string Format(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return $"{incident.Key}{LevelSeparator}{incident.Level}";
    }

    public static bool TryParse([NotNullWhen(true)] string? value, out IncidentButtonValue target)
    {
        target = default;
        if (string.IsNullOrWhiteSpace(value)) return false;
        var text = value.Trim();
        var at = text.IndexOf(LevelSeparator, StringComparison.Ordinal);
        if (!IncidentId.TryParse(at < 0 ? text : text[..at], out var id)) return false;
        var level = at < 0 ? null : text[(at + 1)..].Trim();
        if (level is { Length: 0 }) return false;
        target = new IncidentButtonValue(id.Number, level);
        return true;
    }
}
