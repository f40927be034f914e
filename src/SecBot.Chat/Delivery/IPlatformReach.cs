using SecBot.Domain.Roster;

namespace SecBot.Chat.Delivery;

/// <summary>
/// Whether a platform can reach a roster person directly right now (Slack: a user id, or an e-mail to look one up;
/// Teams: a conversation learned from their installation or an activity). A message to someone a platform cannot
/// reach is not queued there; someone no platform can reach is reported (<see cref="OutboxWriter.Unreached"/>).
/// A platform without one reaches everyone it is asked to.
/// </summary>
public interface IPlatformReach
{
    string Platform { get; }

    /// <summary>Null when <paramref name="person"/> can be reached; else why not, in words for the incident's timeline.</summary>
    string? WhyUnreachable(Person person);
}
