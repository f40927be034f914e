namespace SecBot.Domain.Reviews;

/// <summary>
/// Something the engine wants people told about a gate. The chat layer renders it (cards, buttons) and the
/// store queues it in the outbox in the same transaction as the decision.
/// </summary>
public abstract record GateNotice(Gate Gate);
