using SecBot.Chat.Conversation;
using SecBot.Slack.Rendering;
using SecBot.Slack.WebApi;

namespace SecBot.Slack.Endpoints;

/// <summary>
/// Opens modals (views.open, within the trigger id's 3 seconds, slack-protocol.md §5); what a submitted form stands
/// for is neutral policy (<see cref="FormCommands"/>).
/// </summary>
internal sealed class SlackForms(SlackInteractiveApi api, ModalMetadata metadata, ILogger<SlackForms> logger)
{
    public async Task<bool> OpenAsync(string? triggerId, string title, string? intro, ModalState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (string.IsNullOrEmpty(triggerId)) return false;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(SlackInteractiveApi.Timeout);
        SlackApiFailure? failure;
        try
        {
            failure = (await api.Client.OpenViewAsync(triggerId, ModalRenderer.Render(title, intro, state, metadata), deadline.Token)).Failure;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            failure = new SlackApiFailure("views.open", SlackErrorCodes.RequestTimeout, true);
        }

        if (failure is null) return true;
        SlackLog.ModalNotOpened(logger, state.Name, failure.ToString());
        return false;
    }

    public const string FormUnavailable = "I could not open the form just now. Type the command with its arguments instead, e.g. `declare Suspicious login level:L1`.";
}
