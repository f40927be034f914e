namespace SecBot.Storage.Roster;

/// <summary>
/// What one <see cref="RosterSync.SyncAsync"/> changed. <see cref="PeopleRetired"/> are people no
/// longer configured but still referenced (overrides, pages, sign-offs): kept, marked not configured.
/// </summary>
public sealed record RosterSyncResult(
    int PeopleAdded,
    int PeopleUpdated,
    int PeopleRemoved,
    IReadOnlyList<string> PeopleRetired,
    int AssignmentsAdded,
    int AssignmentsRemoved)
{
    internal bool ChangedAnything =>
        PeopleAdded + PeopleUpdated + PeopleRemoved + PeopleRetired.Count + AssignmentsAdded + AssignmentsRemoved > 0;
}
