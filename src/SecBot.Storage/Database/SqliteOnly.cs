using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace SecBot.Storage.Database;

/// <summary>
/// For the storage code that still speaks SQLite's own dialect behind a provider-neutral signature (the ledger's
/// verifier and exporter read <c>sqlite_schema</c> and use SQLite's deferred transactions): the SQLite connection
/// under a store connection, or a clear refusal on any other provider.
/// </summary>
internal static class SqliteOnly
{
    public static SqliteConnection Connection(DbConnection connection, string what)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection as SqliteConnection
            ?? throw new NotSupportedException($"{what} runs on SQLite only for now; this store's connection is a {connection.GetType().Name}");
    }
}
