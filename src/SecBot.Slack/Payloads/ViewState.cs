namespace SecBot.Slack.Payloads;

/// <summary>
/// <c>state.values</c>: block id → action id → the input's current value (slack-protocol.md §2). Slack sends
/// <c>"state":{}</c> for views without inputs.
/// </summary>
public sealed record ViewState
{
    /// <summary>None when Slack sends none: the source-generated reader sets an absent init member to null, default or not.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, ViewStateValue>> Values { get; init => field = value ?? new Dictionary<string, IReadOnlyDictionary<string, ViewStateValue>>(); } =
        new Dictionary<string, IReadOnlyDictionary<string, ViewStateValue>>();
}
