using SecBot.Chat.Conversation;
using SecBot.Slack.Rendering;
using SecBot.Slack.WebApi;

namespace SecBot.Slack.Endpoints;

/// <summary>
/// Opens modals (views.open, within the trigger id's 3 seconds, slack-protocol.md §5) and turns a submitted form
/// back into the command it stands for, so the router handles it like typed text.
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

    /// <summary>A submitted form as command text; null for a form kind SecBot does not know.</summary>
    public static string? CommandText(string formKind, IReadOnlyDictionary<string, string> values) => formKind switch
    {
        // Quoting keeps a title such as "level:L3 outage" a title, not an option (the tokenizer's quoted phrases).
        DeclareForm.Kind => string.Join(' ', new[]
        {
            "declare",
            Quote(values.GetValueOrDefault("title") ?? ""),
            Option("level", values.GetValueOrDefault("level")),
            Option("type", values.GetValueOrDefault("type")),
        }.Where(part => part.Length > 0)),
        _ => null,
    };

    public const string FormUnavailable = "I could not open the form just now. Type the command with its arguments instead, e.g. `declare Suspicious login level:L1`.";

    private static string Quote(string text)
    {
        text = text.Trim().ReplaceLineEndings(" ");
        if (text.AsSpan().IndexOfAny("\"\u201C\u201D\u201E") < 0) return $"\"{text}\"";
        if (text.AsSpan().IndexOfAny("\u00AB\u00BB") < 0) return $"\u00AB{text}\u00BB";
        return text;
    }

    private static string Option(string name, string? value) =>
        string.IsNullOrWhiteSpace(value) ? "" : $"{name}:{value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]}";
}
