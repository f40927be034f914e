using Npgsql;
using SecBot.Storage.Migrations;

namespace SecBot.Storage.Tests.Support;

/// <summary>A fresh database on the test server with this build's PostgreSQL schema (every Migrations/Postgres script, in order).</summary>
internal static class PostgresSchema
{
    public static async Task<string> CreateAsync(PostgresServer server, string name)
    {
        ArgumentNullException.ThrowIfNull(server);
        var connectionString = await server.CreateDatabaseAsync(name);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var script in MigrationCatalog.Postgres.All.Select(migration => migration.Script))
        {
            await using var command = new NpgsqlCommand(script, connection, transaction);
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        return connectionString;
    }
}
