namespace SecBot.Chat.Delivery;

/// <summary>The platforms messages are delivered on (<c>slack</c>, <c>teams</c>; <c>console</c> when none is configured).</summary>
public interface IDeliveryPlatforms
{
    IReadOnlyList<string> Enabled { get; }
}
