namespace SecBot.Storage.Inbound;

/// <summary>
/// The inbound key whose delivery is being handled on this async flow. Every store write started inside the scope
/// settles that key's claim (<see cref="InboundKeys.TryClaimAsync"/>) in its own
/// transaction, so the delivery's first committed change and "this delivery is done" can never be split by a crash.
/// </summary>
public static class InboundKeyScope
{
    private static readonly AsyncLocal<InboundKey?> CurrentKey = new();

    internal static InboundKey? Current => CurrentKey.Value;

    /// <summary>Until the returned scope is disposed, writes on this flow settle (<paramref name="source"/>, <paramref name="key"/>).</summary>
    public static IDisposable Enter(string source, string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var outer = CurrentKey.Value;
        CurrentKey.Value = new InboundKey(source, key);
        return new Exit(outer);
    }

    private sealed class Exit(InboundKey? outer) : IDisposable
    {
        public void Dispose() => CurrentKey.Value = outer;
    }
}

/// <summary>An idempotency key of inbound traffic: where it came from (e.g. <c>slack.event</c>) and its value.</summary>
public sealed record InboundKey(string Source, string Key);
