using System.Text.Json.Serialization;

namespace SecBot.Host.GateApi;

/// <summary>
/// A queued callback (outbox kind <see cref="GateCallbacks.Kind"/>): the gate's JSON as it stood at the decision, where
/// to POST it, and the SHA-256 of the key to sign it with (the key itself is never stored).
/// </summary>
public sealed record GateCallback(
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("key_sha256")] string KeySha256,
    [property: JsonPropertyName("body")] string Body);
