namespace SecBot.Chat.Inbound;

/// <summary>What <see cref="DeliveryOnce"/> did with one delivery.</summary>
public enum InboundOutcome
{
    /// <summary>First delivery, handled (or its change committed and only the reply was lost).</summary>
    Handled,

    /// <summary>Seen and handled before: nothing done again.</summary>
    Duplicate,

    /// <summary>The first delivery of this key is still being handled in this process.</summary>
    Running,

    /// <summary>The handling failed before changing anything; the key was forgotten, so a redelivery is processed.</summary>
    Failed,
}
