namespace SecBot.Domain.Reviews;

/// <summary>What one reviewer decided. <see cref="Override"/> is a manager filling a seat in place of its reviewers.</summary>
public enum SignOffDecision
{
    Approve,
    Reject,
    Comment,
    Object,
    Override,
}
