namespace SecBot.Storage.Requeues;

/// <summary>
/// One re-queue, as the audit keeps it: at <see cref="At"/>, <see cref="Actor"/> (a roster person id) put
/// <see cref="Target"/> row <see cref="TargetId"/> back in line; <see cref="Subject"/> is the incident or gate it was about, if any.
/// </summary>
public sealed record Requeue(long Id, DateTimeOffset At, string Actor, RequeueTarget Target, long TargetId, string? Subject, string Detail);

/// <summary>What was re-queued: a dead-lettered outbox message or a parked timer.</summary>
public enum RequeueTarget
{
    Message,
    Timer,
}
