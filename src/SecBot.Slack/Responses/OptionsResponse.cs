namespace SecBot.Slack.Responses;

/// <summary>
/// The answer to an external select's options request: SecBot renders no external selects yet, so it is always
/// an empty list, which Slack shows as "no options".
/// </summary>
public sealed record OptionsResponse(IReadOnlyList<string> Options);
