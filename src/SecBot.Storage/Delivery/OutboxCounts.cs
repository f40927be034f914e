namespace SecBot.Storage.Delivery;

public sealed record OutboxCounts(long Pending, long Dead);
