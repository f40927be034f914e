namespace SecBot.Chat.Alerts;

/// <summary>
/// The engine refused an alert (its <see cref="Exception.Message"/> says why): the request's alerts were not recorded, and
/// the sender must be told so rather than answered with success.
/// </summary>
public sealed class AlertRefusedException(string dedupKey, string refusal) : Exception($"alert {dedupKey} was refused: {refusal}")
{
    public string DedupKey { get; } = dedupKey;

    public string Refusal { get; } = refusal;
}
