using SecBot.Slack.Configuration;
using SecBot.Slack.Payloads;

namespace SecBot.Slack.Verification;

/// <summary>
/// Whether a verified request comes from the configured installation: <c>SecBot:Slack:TeamId</c>, <c>EnterpriseId</c>
/// and <c>AppId</c>, each checked only when set. A signing secret is the app's, so a signature alone also admits the
/// app's installs in other workspaces; a request naming another team, organisation or app, or none where one is
/// configured, is refused.
/// </summary>
public sealed class SlackInstallationCheck
{
    private readonly SlackOptions options;

    public SlackInstallationCheck(SlackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        UncheckedKeys = new (string Name, string Value)[] { (nameof(options.TeamId), options.TeamId), (nameof(options.EnterpriseId), options.EnterpriseId), (nameof(options.AppId), options.AppId) }
            .Where(key => string.IsNullOrEmpty(key.Value))
            .Select(key => $"{SlackOptions.SectionName}:{key.Name}")
            .ToList();
    }

    /// <summary>The keys left empty, so any value is accepted for them: what the start-up warning names.</summary>
    public IReadOnlyList<string> UncheckedKeys { get; }

    /// <summary>Null when <paramref name="origin"/> is the configured installation; otherwise what does not match.</summary>
    public string? Refusal(SlackOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        if (Differs(options.TeamId, origin.TeamId)) return $"the request is from workspace {Shown(origin.TeamId)}, not the one SecBot serves";
        if (Differs(options.EnterpriseId, origin.EnterpriseId)) return $"the request is from organisation {Shown(origin.EnterpriseId)}, not the one SecBot serves";
        if (Differs(options.AppId, origin.AppId)) return $"the request is for app {Shown(origin.AppId)}, not SecBot's";
        return null;
    }

    private static bool Differs(string configured, string? presented) =>
        !string.IsNullOrEmpty(configured) && !string.Equals(configured, presented, StringComparison.Ordinal);

    private static string Shown(string? id) => string.IsNullOrEmpty(id) ? "(none)" : id.Length <= 32 ? $"'{id}'" : $"'{id[..32]}…'";
}
