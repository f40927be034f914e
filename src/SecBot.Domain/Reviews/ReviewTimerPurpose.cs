namespace SecBot.Domain.Reviews;

public enum ReviewTimerPurpose
{
    /// <summary>Remind the pending required reviewers.</summary>
    Reminder,

    /// <summary>Tell the pending seats' team managers.</summary>
    ManagerNotice,
}
