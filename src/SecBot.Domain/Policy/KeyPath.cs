using System.Globalization;

namespace SecBot.Domain.Policy;

/// <summary>Configuration key paths ("SecBot:Roster:People:3:Roles:0"), so a problem names the exact key to fix.</summary>
internal static class KeyPath
{
    public const string Roster = PolicyOptions.SectionName + ":Roster";
    public const string Escalation = PolicyOptions.SectionName + ":Escalation";
    public const string Reviews = PolicyOptions.SectionName + ":Reviews";

    public static string Child(string parent, string key) => $"{parent}:{key}";

    public static string Item(string list, int index) => $"{list}:{index.ToString(CultureInfo.InvariantCulture)}";
}
