namespace SecBot.Slack.Payloads.Interactivity;

/// <summary>
/// <c>view_submission</c>: a modal was submitted (slack-protocol.md §2, §3). The answer must be the HTTP
/// response itself (empty 200 closes the modal), not a views.update call.
/// </summary>
public sealed record ViewSubmissionPayload : InteractionPayload
{
    public required SlackUserRef User { get; init; }
    public required SlackView View { get; init; }
    /// <summary>None when Slack sends none: the source-generated reader sets an absent init member to null, default or not.</summary>
    public IReadOnlyList<ResponseUrlTarget> ResponseUrls { get; init => field = value ?? []; } = [];
    public string? TriggerId { get; init; }
}
