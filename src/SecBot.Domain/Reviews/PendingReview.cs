namespace SecBot.Domain.Reviews;

/// <summary>A gate waiting on someone: the required seats of its current stage they could sign now.</summary>
public sealed record PendingReview(Gate Gate, IReadOnlyList<string> SeatIds);
