namespace SecBot.Domain.Reviews;

/// <summary>For your information: an optional reviewer may approve, comment or object, but is not waited for.</summary>
public sealed record OptionalReviewNotice(Gate Gate, string PersonId, IReadOnlyList<string> SeatIds) : GateNotice(Gate);
