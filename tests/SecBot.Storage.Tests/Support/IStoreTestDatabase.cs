namespace SecBot.Storage.Tests.Support;

/// <summary>What test helpers need of a test database, whichever it is (<see cref="TemporaryDatabase"/> or a contract's).</summary>
public interface IStoreTestDatabase
{
    IStore Store { get; }

    Task AddPersonAsync(string id, string name = "Someone");

    Task<long> CountAsync(string table);

    Task<T> ScalarAsync<T>(string sql, object? parameters = null);
}
