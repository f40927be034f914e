using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Postgres;

/// <summary>
/// The guards of the PostgreSQL schema refuse what the SQLite triggers of the same names refuse, with the same message,
/// and allow what they allow: each statement runs on a SQLite file and a PostgreSQL database holding the same rows.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed partial class PostgresGuardTests(PostgresFixture fixture) : IAsyncLifetime
{
    private const string Deleted = "signoffs are append-only: a sign-off cannot be deleted";
    private const string Updated = "signoffs are append-only: only the stale flag may change, and only to stale";
    private const string Forked = "signoffs are append-only: a new sign-off must take the next id and chain to the last sign-off's hash";
    private const string Replaced = "signoffs are append-only: an existing sign-off cannot be replaced";
    private const string CoverDeleted = "covers are never deleted; cancel them instead";
    private const string CoverChanged = "a cover is only changed by cancelling it, once";

    private const string AddCover =
        "INSERT INTO oncall_overrides (target, person_id, starts_at, ends_at, created_by, created_at) VALUES ('role:SocLead', 'amara', 10, 20, 'maya', 5)";

    private TemporaryDatabase? _sqliteDatabase;
    private SqliteConnection? _sqlite;
    private NpgsqlConnection? _postgres;

    private SqliteConnection Sqlite => _sqlite!;

    private NpgsqlConnection Postgres => _postgres!;

    public async Task InitializeAsync()
    {
        _sqliteDatabase = await TemporaryDatabase.MigratedAsync();
        _sqlite = await _sqliteDatabase.Database.OpenConnectionAsync(CancellationToken.None);
        _postgres = new NpgsqlConnection(await PostgresSchema.CreateAsync(fixture.Server, $"guards_{Guid.NewGuid():N}"));
        await _postgres.OpenAsync();
        foreach (var connection in new DbConnection[] { Sqlite, Postgres })
        {
            await LedgerRows.SeedAsync(connection);
            await connection.ExecuteAsync(AddCover);
        }
    }

    public async Task DisposeAsync()
    {
        if (_postgres is not null) await _postgres.DisposeAsync();
        if (_sqlite is not null) await _sqlite.DisposeAsync();
        if (_sqliteDatabase is not null) await _sqliteDatabase.DisposeAsync();
    }

    [Theory]
    [InlineData("DELETE FROM signoffs WHERE id = 3", Deleted)]
    [InlineData("DELETE FROM signoffs", Deleted)]
    [InlineData("UPDATE signoffs SET comment = 'approved after review' WHERE id = 2", Updated)]
    [InlineData("UPDATE signoffs SET person_name = 'Someone Else' WHERE id = 2", Updated)]
    [InlineData("UPDATE signoffs SET optional_seat = 1 WHERE id = 2", Updated)]
    [InlineData("UPDATE signoffs SET hash = 'ab' || hash WHERE id = 3", Updated)]
    [InlineData("UPDATE signoffs SET id = id + 10 WHERE id = 3", Updated)]
    [InlineData("DELETE FROM oncall_overrides", CoverDeleted)]
    [InlineData("UPDATE oncall_overrides SET ends_at = 30", CoverChanged)]
    [InlineData("UPDATE oncall_overrides SET person_id = 'maya'", CoverChanged)]
    public async Task A_statement_the_SQLite_guard_refuses_is_refused_on_PostgreSQL_with_the_same_message(string sql, string message)
    {
        Assert.Equal((message, message), await RefusalsAsync(sql));
    }

    [Fact]
    public async Task A_record_that_does_not_take_the_next_id_or_chain_to_the_last_hash_is_refused_as_a_fork()
    {
        var next = LedgerRows.Next("late note");

        Assert.Equal((Forked, Forked), await RefusalsAsync(next with { Id = 2 }));
        Assert.Equal((Forked, Forked), await RefusalsAsync(next with { Id = 5 }));
        Assert.Equal((Forked, Forked), await RefusalsAsync(next with { PrevHash = LedgerRows.Records[1].Hash }));
        Assert.Equal((Forked, Forked), await RefusalsAsync(next with { PrevHash = null }));
    }

    [Fact]
    public async Task A_record_that_would_take_an_existing_records_hash_is_refused_as_a_replacement()
    {
        Assert.Equal((Replaced, Replaced), await RefusalsAsync(LedgerRows.Next("late note") with { Hash = LedgerRows.Records[0].Hash }));
    }

    [Fact]
    public async Task Replacing_a_record_in_each_dialect_is_refused_before_it_touches_the_row()
    {
        var columns = Storage.Ledger.LedgerWriter.Columns;
        var copy = $"SELECT {columns.Replace("comment", "'rewritten'", StringComparison.Ordinal)} FROM signoffs WHERE id = 2";

        var sqlite = await RefusalAsync(Sqlite, $"INSERT OR REPLACE INTO signoffs ({columns}) {copy}");
        var postgres = await RefusalAsync(Postgres, $"INSERT INTO signoffs ({columns}) {copy} ON CONFLICT (id) DO UPDATE SET comment = excluded.comment");

        Assert.Equal((Forked, Forked), (sqlite, postgres));
        Assert.Equal(("looks good", "looks good"), await BothAsync(c => c.ExecuteScalarAsync<string>("SELECT comment FROM signoffs WHERE id = 2")));
    }

    [Fact]
    public async Task The_next_record_is_appended_and_a_sign_off_may_be_marked_stale_once_but_never_revived()
    {
        Assert.Equal((null, null), await RefusalsAsync(LedgerRows.Next("late note")));
        Assert.Equal((null, null), await RefusalsAsync("UPDATE signoffs SET is_stale = 1 WHERE id = 2"));
        Assert.Equal((null, null), await RefusalsAsync("UPDATE signoffs SET is_stale = 1 WHERE id = 2"));

        Assert.Equal((Updated, Updated), await RefusalsAsync("UPDATE signoffs SET is_stale = 0 WHERE id = 2"));
        Assert.Equal((Updated, Updated), await RefusalsAsync("UPDATE signoffs SET is_stale = 1, comment = 'stale anyway' WHERE id = 3"));
        Assert.Equal(((4L, 1L), (4L, 1L)), await BothAsync(c => c.QuerySingleAsync<(long, long)>("SELECT count(*), sum(is_stale) FROM signoffs")));
    }

    [Fact]
    public async Task A_cover_is_cancelled_once_and_then_never_changed_again()
    {
        const string cancel = "UPDATE oncall_overrides SET cancelled_at = 12, cancelled_by = 'maya'";

        Assert.Equal((null, null), await RefusalsAsync(cancel));
        Assert.Equal((CoverChanged, CoverChanged), await RefusalsAsync(cancel));
        Assert.Equal((CoverChanged, CoverChanged), await RefusalsAsync("UPDATE oncall_overrides SET cancelled_by = 'amara'"));
    }

    [Fact]
    public async Task A_delete_of_timers_skips_a_parked_timer_and_deletes_the_rest()
    {
        await BothAsync(c => c.ExecuteAsync(
            """
            INSERT INTO timers (kind, subject, due_at, created_at, fired_at) VALUES ('escalate', 'INC-1', 10, 0, 10);
            INSERT INTO timers (kind, subject, due_at, created_at, fired_at, attempts, failed_at, last_error) VALUES ('escalate', 'INC-2', 10, 0, 15, 5, 15, 'boom');
            """));

        Assert.Equal((null, null), await RefusalsAsync("DELETE FROM timers"));

        Assert.Equal(("INC-2", "INC-2"), await BothAsync(c => c.QuerySingleAsync<string>("SELECT subject FROM timers")));
    }

    [Fact]
    public async Task Truncating_the_ledger_which_SQLite_cannot_do_is_refused_like_a_delete()
    {
        Assert.Equal(Deleted, await RefusalAsync(Postgres, "TRUNCATE signoffs CASCADE"));
        Assert.Equal(3L, await Postgres.ExecuteScalarAsync<long>("SELECT count(*) FROM signoffs"));
    }

    private async Task<(T Sqlite, T Postgres)> BothAsync<T>(Func<DbConnection, Task<T>> query) => (await query(Sqlite), await query(Postgres));

    private Task<(string? Sqlite, string? Postgres)> RefusalsAsync(string sql) => BothAsync(c => RefusalAsync(c, sql));

    private Task<(string? Sqlite, string? Postgres)> RefusalsAsync(Storage.Ledger.LedgerRecord record) => BothAsync(async c =>
    {
        try
        {
            await LedgerRows.InsertAsync(c, record);
            return null;
        }
        catch (DbException refused)
        {
            return MessageOf(refused);
        }
    });

    /// <summary>The message the database refused <paramref name="sql"/> with; null when it ran.</summary>
    private static async Task<string?> RefusalAsync(DbConnection connection, string sql)
    {
        try
        {
            await connection.ExecuteAsync(sql);
            return null;
        }
        catch (DbException refused)
        {
            return MessageOf(refused);
        }
    }

    private static string MessageOf(DbException refused) => refused switch
    {
        PostgresException postgres => postgres.MessageText,
        SqliteException sqlite when SqliteMessage().Match(sqlite.Message) is { Success: true } match => match.Groups["text"].Value,
        _ => throw new InvalidOperationException($"unexpected refusal: {refused.Message}", refused),
    };

    // Microsoft.Data.Sqlite's message is "SQLite Error <code>: '<text>'.".
    [GeneratedRegex(@"^SQLite Error \d+: '(?<text>.*)'\.$", RegexOptions.Singleline)]
    private static partial Regex SqliteMessage();
}
