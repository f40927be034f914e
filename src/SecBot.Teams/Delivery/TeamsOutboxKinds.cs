namespace SecBot.Teams.Delivery;

/// <summary>Outbox <c>kind</c>s of <see cref="TeamsOutboxItem"/> rows, and the Bot Connector operation each ends in (teams-protocol.md §3).</summary>
public static class TeamsOutboxKinds
{
    /// <summary>POST of the activity to the conversation.</summary>
    public const string Send = "teams.send";

    /// <summary>
    /// PUT of the activity over <see cref="TeamsOutboxItem.ActivityId"/>: the card changes for everyone who sees it. Named
    /// <c>….update</c>, like every in-place update, so a refresh queued after it waits for it.
    /// </summary>
    public const string Update = "teams.update";

    public static bool IsTeamsItem(string kind) => kind.StartsWith("teams.", StringComparison.Ordinal);
}
