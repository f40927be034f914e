namespace SecBot.Slack.Payloads;

/// <summary>A chosen option of a select or checkbox group; SecBot reads only its <c>value</c>.</summary>
public sealed record SelectedOption
{
    public required string Value { get; init; }
}
