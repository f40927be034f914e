using System.Data;
using Dapper;
using SecBot.Storage.Database;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Postgres;

/// <summary>What every PostgreSQL session of a replica runs with, and the provider's own pieces of SQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSessionTests(PostgresFixture fixture)
{
    [Fact]
    public async Task A_session_left_idle_in_a_transaction_is_ended_by_the_server_so_a_frozen_replica_cannot_hold_the_others_up()
    {
        await using var database = await TemporaryPostgresDatabase.MigratedAsync(fixture.Server);

        var timeout = await database.Store.ReadAsync(c => c.ExecuteScalarAsync<string>("SHOW idle_in_transaction_session_timeout"), CancellationToken.None);

        Assert.Equal("15s", timeout);
    }

    [Theory]
    [InlineData("{\"subject\":\"INC-4\"}", "INC-4")]
    [InlineData("not json", null)]
    [InlineData("{\"subject\":\"\\u0000\"}", null)]
    [InlineData("[1, 2]", null)]
    public async Task A_payload_that_is_not_JSON_or_cannot_be_text_has_no_subject_instead_of_failing_the_query(string payload, string? subject)
    {
        await using var database = await TemporaryPostgresDatabase.MigratedAsync(fixture.Server);

        var read = await database.Store.ReadAsync(
            c => c.ExecuteScalarAsync<string?>($"SELECT {PostgresDialect.Instance.JsonText("@Payload", "subject")}", new { Payload = payload }),
            CancellationToken.None);

        Assert.Equal(subject, read);
    }

    [Fact]
    public void A_clash_wrapped_by_a_timer_handler_failure_is_still_a_clash_the_store_runs_again()
    {
        Assert.True(PostgresDialect.Instance.IsConflict(new InvalidOperationException("timer 7 (escalate) failed", new DBConcurrencyException("INC-5 changed"))));
        Assert.False(PostgresDialect.Instance.IsConflict(new InvalidOperationException("timer 7 (escalate) failed", new TimeoutException())));
    }
}
