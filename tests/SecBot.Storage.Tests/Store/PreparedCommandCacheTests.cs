using Microsoft.Data.Sqlite;
using SecBot.Storage.Database;

namespace SecBot.Storage.Tests.Store;

public sealed class PreparedCommandCacheTests
{
    [Fact]
    public async Task A_full_cache_drops_the_command_used_longest_ago_and_keeps_the_recent_ones()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        using var cache = new PreparedCommandCache();
        for (var i = 0; i <= PreparedCommandCache.Capacity; i++)
        {
            var command = connection.CreateCommand();
            command.CommandText = $"SELECT {i}";
            cache.Return(command);
        }

        Assert.Equal(PreparedCommandCache.Capacity, cache.Count);
        Assert.Null(cache.Rent("SELECT 0"));
        var newest = cache.Rent($"SELECT {PreparedCommandCache.Capacity}");
        Assert.NotNull(newest);
        Assert.Equal((long)PreparedCommandCache.Capacity, newest.ExecuteScalar());
        Assert.Null(cache.Rent($"SELECT {PreparedCommandCache.Capacity}"));
    }

    [Fact]
    public async Task A_rented_command_comes_back_without_the_last_uses_parameters()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        using var cache = new PreparedCommandCache();
        var command = connection.CreateCommand();
        command.CommandText = "SELECT @Value";
        command.Parameters.AddWithValue("@Value", 1);
        Assert.Equal(1L, command.ExecuteScalar());
        cache.Return(command);

        var again = cache.Rent("SELECT @Value")!;

        Assert.Empty(again.Parameters);
        again.Parameters.AddWithValue("@Value", 2);
        Assert.Equal(2L, again.ExecuteScalar());
    }
}
