using System.Globalization;
using System.Text;

namespace SecBot.Slack.Delivery;

/// <summary>
/// The name of an incident's own channel (<c>SecBot:Slack:PerIncidentChannels</c>): <c>inc-12-suspicious-login</c>.
/// Slack allows lower-case letters, digits, hyphens and underscores, at most 80 characters (ref conversations.create
/// "Naming"), so the title is folded to ASCII, lower-cased, and every other run of characters becomes one hyphen.
/// When the name is taken the next attempt adds <c>-2</c>, <c>-3</c>…, cutting the title, never the number or suffix.
/// </summary>
public static class IncidentChannelName
{
    public const int MaxLength = 80;

    /// <param name="attempt">1 for the plain name; n &gt; 1 appends <c>-n</c> (after <c>name_taken</c>).</param>
    public static string For(long number, string? title, int attempt = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(number);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(attempt);
        var prefix = "inc-" + number.ToString(CultureInfo.InvariantCulture);
        var suffix = attempt == 1 ? "" : "-" + attempt.ToString(CultureInfo.InvariantCulture);
        var room = MaxLength - prefix.Length - suffix.Length - 1;
        var slug = Slug(title ?? "");
        if (slug.Length > room) slug = slug[..room].TrimEnd('-');
        return slug.Length == 0 ? prefix + suffix : $"{prefix}-{slug}{suffix}";
    }

    /// <summary>Lower-case ASCII letters and digits, other runs as single hyphens, none at either end.</summary>
    internal static string Slug(string title)
    {
        var folded = new StringBuilder(title.Length);
        var pendingHyphen = false;
        foreach (var c in title.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var lower = char.ToLowerInvariant(c);
            if (lower is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                if (pendingHyphen && folded.Length > 0) folded.Append('-');
                folded.Append(lower);
                pendingHyphen = false;
            }
            else
            {
                pendingHyphen = true;
            }
        }

        return folded.ToString();
    }
}
