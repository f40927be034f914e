using System.Globalization;
using System.Text.RegularExpressions;

namespace SecBot.Bench;

/// <summary>The slash command both Slack transports send for a declare, and how its answer reads.</summary>
public static partial class SlackDeclare
{
    /// <summary>The form Slack posts for <c>/secbot declare &lt;title&gt;</c> typed by maya in #general (a unique trigger_id each).</summary>
    public static KeyValuePair<string, string>[] Form(long sequence, string title) =>
    [
        new("token", "xxx"), new("team_id", "T111"), new("team_domain", "bench"), new("channel_id", "C0GENERAL"), new("channel_name", "general"),
        new("user_id", "U0MAYA0001"), new("user_name", "maya"), new("command", "/secbot"), new("text", "declare " + title),
        new("response_url", "https://hooks.slack.com/commands/T111/1/x"), new("trigger_id", $"{sequence.ToString(CultureInfo.InvariantCulture)}.738474920.bench"),
    ];

    /// <summary>SecBot's answer text (null when it failed the request): accepted when it names an INC-n.</summary>
    public static DeclareOutcome Outcome(string? answer) =>
        answer is null ? DeclareOutcome.Failed : IncidentKey().IsMatch(answer) ? DeclareOutcome.Accepted : DeclareOutcome.Refused;

    /// <summary>The first INC-n a text names.</summary>
    public static long? IncidentIn(string text)
    {
        var match = IncidentKey().Match(text);
        return match.Success ? long.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"INC-(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex IncidentKey();
}
