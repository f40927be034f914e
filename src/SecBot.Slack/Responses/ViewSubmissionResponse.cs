namespace SecBot.Slack.Responses;

/// <summary>
/// <c>{"response_action":"errors","errors":{block_id: message}}</c>: keeps the modal open and shows each message
/// under its input (slack-protocol.md §3). An empty 200 closes the modal instead.
/// </summary>
public sealed record ViewSubmissionResponse(string ResponseAction, IReadOnlyDictionary<string, string> Errors)
{
    public static ViewSubmissionResponse WithErrors(IReadOnlyDictionary<string, string> errors) => new("errors", errors);
}
