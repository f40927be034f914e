namespace SecBot.Domain.Reviews;

/// <summary>A plain direct message to one person; <see cref="Kind"/> is one of <see cref="GateEventKinds"/>.</summary>
public sealed record DirectNotice(Gate Gate, string PersonId, string Kind, string Text) : GateNotice(Gate);
