namespace SecBot.Storage.Reviews;

/// <summary>
/// How a gate opened through the Gate API came to be: the service whose key opened it (<paramref name="KeySha256"/>,
/// the key's SHA-256 in lowercase hex, finds the key again to sign its callback without the key being stored), the
/// links its caller gave, and the gate's own API address (<paramref name="SelfUrl"/>) as the caller reached it.
/// </summary>
public sealed record ApiGateOrigin(long GateNumber, string Service, string KeySha256, string? DetailsUrl, string? CallbackUrl, string SelfUrl);
