namespace SecBot.Chat.Incidents;

/// <summary><c>SecBot:Limits:Declares</c>: how many incidents one roster person may declare in a window.</summary>
public sealed class DeclareLimitOptions
{
    public const string SectionName = "SecBot:Limits:Declares";

    /// <summary>
    /// Five: a person declaring by hand writes a title each time, so five separate incidents a minute is already more than
    /// anyone reports, with room for a re-declare after a typo; alert storms come in through alert intake and its dedup, not
    /// here. Past it each declare would page a manager and a lead again, which is what the limit protects.
    /// </summary>
    public int PerPerson { get; set; } = 5;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
