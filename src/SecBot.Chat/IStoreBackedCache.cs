namespace SecBot.Chat;

/// <summary>
/// What a process keeps in memory beside the store (identities learned from e-mail, Teams conversation references),
/// so hot paths never read the database first. Loaded at start; where other replicas write the same database they
/// learn such things too, so it is loaded again now and then (additions and changes only: nothing learned is unlearned).
/// </summary>
public interface IStoreBackedCache
{
    Task LoadAsync(CancellationToken cancellationToken);
}
