using SecBot.Storage.Delivery;

namespace SecBot.Chat.Delivery;

/// <summary>Sends one outbox message on one platform. It never retries itself: the dispatcher decides.</summary>
public interface IMessageSender
{
    string Platform { get; }

    Task<DeliveryResult> SendAsync(OutboxEntry message, CancellationToken cancellationToken);
}

/// <summary>How a send went: delivered, worth retrying (optionally not before <see cref="RetryAfter"/>), or never deliverable.</summary>
public sealed record DeliveryResult(DeliveryOutcome Outcome, string? Error = null, TimeSpan? RetryAfter = null)
{
    public static DeliveryResult Delivered { get; } = new(DeliveryOutcome.Delivered);

    public static DeliveryResult Retry(string error, TimeSpan? after = null) => new(DeliveryOutcome.Retry, error, after);

    public static DeliveryResult Permanent(string error) => new(DeliveryOutcome.Permanent, error);
}

public enum DeliveryOutcome
{
    Delivered,
    Retry,
    Permanent,
}
