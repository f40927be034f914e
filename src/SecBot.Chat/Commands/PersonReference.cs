using System.Diagnostics.CodeAnalysis;
using SecBot.Chat.Parsing;

namespace SecBot.Chat.Commands;

/// <summary>A person named in a command, as the chat platform wrote them; the roster resolves who it is.</summary>
public abstract record PersonReference
{
    private protected PersonReference()
    {
    }

    /// <summary>Reads <c>&lt;@U123&gt;</c>, <c>&lt;@U123|maya&gt;</c>, <c>&lt;at&gt;Maya Chen&lt;/at&gt;</c>, <c>@maya</c> or <c>maya</c>.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out PersonReference? person)
    {
        person = null;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var trimmed = text.Trim();

        if (SlackMention.TryReadUserId(trimmed, out var userId))
        {
            person = new SlackUserReference(userId);
            return true;
        }

        if (TeamsMention.TryReadName(trimmed, out var mentioned))
        {
            if (!IsPlausibleName(mentioned)) return false;
            person = new TeamsMentionReference(mentioned);
            return true;
        }

        var name = trimmed.StartsWith('@') ? trimmed[1..].Trim() : trimmed;
        if (!IsPlausibleName(name)) return false;
        person = new PersonNameReference(name);
        return true;
    }

    // Angle brackets only appear in platform markup (<!channel>, <#C123>), never in a person's name.
    private static bool IsPlausibleName(string name) =>
        name.Length is > 0 and <= CommandLimits.PersonNameMaxLength
        && name.AsSpan().IndexOfAny('<', '>') < 0
        && !name.StartsWith('@');
}
