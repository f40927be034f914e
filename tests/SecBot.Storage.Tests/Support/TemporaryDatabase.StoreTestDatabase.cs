namespace SecBot.Storage.Tests.Support;

// Its own file: the other test projects link TemporaryDatabase.cs without the storage tests' helper interface.
public sealed partial class TemporaryDatabase : IStoreTestDatabase
{
    IStore IStoreTestDatabase.Store => Store;
}
