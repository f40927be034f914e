using SecBot.Chat.Incidents;
using SecBot.Storage.Delivery;

namespace SecBot.Host.Delivery;

public sealed class DeliveryOptions
{
    public const string SectionName = "SecBot:Delivery";

    /// <summary>A message is retried at least this long before it is kept as dead-lettered and reported.</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The first retry waits this long; each next one twice as long (with jitter), up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a dispatcher holds the messages it claimed. A replica killed mid-send leaves its claim behind; another
    /// replica (or this one restarted) takes those messages again once it runs out, so it bounds how late they go out.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = OutboxRepository.DefaultClaimLease;

    /// <summary>Storm control: past so many page DMs to one person within a window, one digest instead.</summary>
    public PageStormOptions PageStorm { get; set; } = new();
}
