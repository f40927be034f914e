namespace SecBot.Slack.Payloads;

/// <summary>
/// <c>state.values</c>: block id → action id → the input's current value (slack-protocol.md §2). Slack sends
/// <c>"state":{}</c> for views without inputs.
/// </summary>
public sealed record ViewState
{
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, ViewStateValue>> Values { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, ViewStateValue>>();
}
