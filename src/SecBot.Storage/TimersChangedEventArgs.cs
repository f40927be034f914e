namespace SecBot.Storage;

/// <summary>
/// What a commit did to timers, for a clock deciding whether to wake: the earliest due time it scheduled, or null when
/// that is not known (a replica that reconnected may have missed schedules), which means "look now".
/// </summary>
public sealed class TimersChangedEventArgs(DateTimeOffset? earliestDue) : EventArgs
{
    public static readonly TimersChangedEventArgs Unknown = new(null);

    public DateTimeOffset? EarliestDue { get; } = earliestDue;

    /// <summary>Whether a clock that will look again at <paramref name="plannedLook"/> anyway (null: not until woken) must look sooner.</summary>
    public bool IsEarlierThan(DateTimeOffset? plannedLook) => EarliestDue is not { } due || plannedLook is not { } planned || due < planned;
}
