namespace SecBot.Storage.Delivery;

public enum OutboxState
{
    Pending,
    Sent,

    /// <summary>Given up on after the retry window; kept and reported, never dropped.</summary>
    Dead,
}
