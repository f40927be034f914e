namespace SecBot.Chat.Inbound;

/// <summary>What becomes of the key of a delivery that was handled without committing anything.</summary>
public enum InboundMode
{
    /// <summary>A handled delivery's key stays, committed or not (events: a retry of a refused command is not answered twice).</summary>
    KeepKey,

    /// <summary>A handling that committed nothing (a refusal) forgets its key, so doing the same thing again is processed.</summary>
    ForgetUnlessCommitted,
}
