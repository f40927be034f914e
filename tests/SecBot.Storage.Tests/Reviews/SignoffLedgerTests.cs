using Microsoft.Data.Sqlite;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Reviews;

public sealed class SignoffLedgerTests
{
    [Fact]
    public async Task A_signoff_cannot_be_deleted()
    {
        await using var database = await LedgerWithOneSignoffAsync();

        var refused = await Assert.ThrowsAsync<SqliteException>(() => database.ExecuteAsync("DELETE FROM signoffs"));

        Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, await database.CountAsync("signoffs"));
    }

    [Theory]
    [InlineData("decision = 'rejected'")]
    [InlineData("comment = 'rewritten'")]
    [InlineData("person_id = 'sam'")]
    [InlineData("role_held = 'SecurityArchitect'")]
    [InlineData("hash = 'forged'")]
    [InlineData("at = at + 1")]
    [InlineData("is_stale = 1, decision = 'rejected'")]
    public async Task A_signoff_cannot_be_rewritten(string assignment)
    {
        await using var database = await LedgerWithOneSignoffAsync();

        var refused = await Assert.ThrowsAsync<SqliteException>(() => database.ExecuteAsync($"UPDATE signoffs SET {assignment}"));

        Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        Assert.Equal("approved", await database.ScalarAsync<string>("SELECT decision FROM signoffs"));
    }

    [Fact]
    public async Task A_signoff_can_be_marked_stale_but_never_revived()
    {
        await using var database = await LedgerWithOneSignoffAsync();

        await database.ExecuteAsync("UPDATE signoffs SET is_stale = 1");
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT is_stale FROM signoffs"));

        await Assert.ThrowsAsync<SqliteException>(() => database.ExecuteAsync("UPDATE signoffs SET is_stale = 0"));
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT is_stale FROM signoffs"));
    }

    [Fact]
    public async Task A_signoff_cannot_be_replaced_by_an_insert()
    {
        await using var database = await LedgerWithOneSignoffAsync();

        await Assert.ThrowsAsync<SqliteException>(() => InsertSignoffAsync(database, "INSERT OR REPLACE", id: 1, hash: "h2", decision: "rejected"));
        await Assert.ThrowsAsync<SqliteException>(() => InsertSignoffAsync(database, "INSERT OR REPLACE", id: 2, hash: "h1", decision: "rejected"));

        Assert.Equal("approved", await database.ScalarAsync<string>("SELECT decision FROM signoffs"));
        Assert.Equal(1, await database.CountAsync("signoffs"));
    }

    [Fact]
    public async Task New_signoffs_append_to_the_ledger()
    {
        await using var database = await LedgerWithOneSignoffAsync();

        await InsertSignoffAsync(database, "INSERT", id: 2, hash: "h2", decision: "approved", prevHash: "h1");

        Assert.Equal(2, await database.CountAsync("signoffs"));
    }

    private static async Task<TemporaryDatabase> LedgerWithOneSignoffAsync()
    {
        var database = await TemporaryDatabase.MigratedAsync();
        await database.AddPersonAsync("maya");
        await database.AddPersonAsync("sam");
        await database.ExecuteAsync(
            """
            INSERT INTO gates (id, type, title, requester, state, created_at, updated_at)
            VALUES (1, 'security-tool', 'Adopt osquery', 'sam', 'open', 0, 0)
            """);
        await InsertSignoffAsync(database, "INSERT", id: 1, hash: "h1", decision: "approved");
        return database;
    }

    private static Task InsertSignoffAsync(TemporaryDatabase database, string verb, long id, string hash, string decision, string? prevHash = null) =>
        database.ExecuteAsync(
            $"""
            {verb} INTO signoffs (id, gate_id, revision, stage, seat, person_id, role_held, decision, comment, checklist, platform, at, prev_hash, hash)
            VALUES (@Id, 1, 1, 1, 'SOC', 'maya', 'SeniorSocEngineer', @Decision, 'looks good', '["Security"]', 'slack', 0, @PrevHash, @Hash)
            """,
            new { Id = id, Hash = hash, Decision = decision, PrevHash = prevHash });
}
