namespace SecBot.Chat.Incidents;

/// <summary><c>SecBot:Delivery:PageStorm</c>: past <see cref="Pages"/> page DMs to one person within <see cref="Window"/>, one digest instead.</summary>
public sealed class PageStormOptions
{
    /// <summary>
    /// Five within ten minutes: with the shipped policy one unacknowledged incident pages a person at most twice in a
    /// 10-minute level (the page and its one re-page), so five separate pages means three or more incidents on one person at
    /// once; past that, more DMs bury each other, and one list of what is waiting is easier to act on.
    /// </summary>
    public int Pages { get; set; } = 5;

    /// <summary>The window the pages are counted in, and how often a digest goes out at most.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);
}
