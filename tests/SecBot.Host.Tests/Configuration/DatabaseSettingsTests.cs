using System.Text.Json.Nodes;
using SecBot.Host.Configuration;
using SecBot.Host.Tests.Support;

namespace SecBot.Host.Tests.Configuration;

public sealed class DatabaseSettingsTests
{
    [Theory]
    [InlineData(null, "SecBot:Database:ConnectionString must be set when SecBot:Database:Provider is Postgres")]
    [InlineData("Database=secbot;Username=secbot", "SecBot:Database:ConnectionString is not a PostgreSQL connection string: it names no Host")]
    [InlineData("Host=db;Nonsense Keyword=1", "SecBot:Database:ConnectionString is not a PostgreSQL connection string")]
    public async Task Postgres_without_a_usable_connection_string_stops_the_host_before_it_touches_a_database(string? connectionString, string problem)
    {
        using var dir = new TempDirectory();
        var database = new JsonObject { ["Provider"] = "Postgres" };
        if (connectionString is not null) database["ConnectionString"] = connectionString;
        var settings = PolicyFile.WriteCopy(dir, root => root["SecBot"]!["Database"] = database);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => RunningHost.StartAsync(settings, dir.File("secbot.db")));

        Assert.Contains(problem, StartupFailure.Describe(failure), StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("secbot.db")));
    }

    [Theory]
    [InlineData("Mysql", "SecBot:Database:Provider")]
    [InlineData("50ms", "SecBot:Database:LookAgainAfter must be between")]
    public async Task A_database_setting_out_of_range_stops_the_host_and_names_its_key(string value, string path)
    {
        using var dir = new TempDirectory();
        var key = path.Contains("Provider", StringComparison.Ordinal) ? "Provider" : "LookAgainAfter";
        var settings = PolicyFile.WriteCopy(dir, root => root["SecBot"]!["Database"] = new JsonObject { [key] = value });

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => RunningHost.StartAsync(settings, dir.File("secbot.db")));

        Assert.Contains(path, StartupFailure.Describe(failure), StringComparison.Ordinal);
    }
}
