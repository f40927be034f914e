using SecBot.Slack.Payloads.Commands;
using SecBot.Slack.Payloads.Events;
using SecBot.Slack.Payloads.Interactivity;

namespace SecBot.Slack.Payloads;

/// <summary>
/// The installation a request says it comes from: workspace, Enterprise Grid organisation and app
/// (slack-protocol.md §2). Each is null when the payload does not name it (a team is absent for org-wide installs).
/// </summary>
public sealed record SlackOrigin(string? TeamId, string? EnterpriseId, string? AppId)
{
    public static SlackOrigin Of(SlashCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return new(command.TeamId, command.EnterpriseId, command.ApiAppId);
    }

    public static SlackOrigin Of(InteractionPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return new(payload.Team?.Id, payload.Enterprise?.Id ?? payload.Team?.EnterpriseId, payload.ApiAppId);
    }

    /// <summary>
    /// An event's installation: its authorization when it carries one, else the envelope's ids. In a Slack Connect
    /// channel the envelope's <c>team_id</c> can be the other organisation's, while the authorization is the install's.
    /// </summary>
    public static SlackOrigin Of(EventCallbackPayload callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return callback.Authorizations?.FirstOrDefault() is { } installation
            ? new(installation.TeamId, installation.EnterpriseId, callback.ApiAppId)
            : new(callback.TeamId, callback.EnterpriseId, callback.ApiAppId);
    }
}
