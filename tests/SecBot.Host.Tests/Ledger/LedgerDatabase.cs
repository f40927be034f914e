using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SecBot.Domain.Policy;
using SecBot.Domain.Reviews;
using SecBot.Host.Tests.Support;
using SecBot.Storage;
using SecBot.Storage.Database;
using SecBot.Storage.Migrations;
using SecBot.Storage.Reviews;
using SecBot.Storage.Roster;

namespace SecBot.Host.Tests.Ledger;

/// <summary>
/// A migrated SQLite file with a small ledger written through <see cref="GateRepository"/>: REV-1 opened on
/// 2026-03-02, approved by amara (record 1, SecArch) and maya (record 2, SOC, a comment with a comma and quotes),
/// which approves the gate (record 3); REV-2 opened on 2026-03-05 and its SOC seat overridden by olivia (record 4).
/// The ledger is written through <see cref="IStore"/> (<see cref="SeedAsync"/>); the file is SQLite because the ledger
/// command verifies and exports a SQLite file only, and the tests tamper with that file directly.
/// </summary>
internal static class LedgerDatabase
{
    public const int Records = 4;
    public const string MayaComment = "ship it, \"now\"";

    public static readonly DateTimeOffset Day1 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Day2 = new(2026, 3, 5, 9, 0, 0, TimeSpan.Zero);

    public static async Task<string> CreateAsync(TempDirectory dir, int? schemaVersion = null)
    {
        var path = dir.File("data/secbot.db");
        var time = new FakeTimeProvider(Day1);
        var database = new SqliteDatabase(new DatabaseOptions { Path = path }, NullLogger<SqliteDatabase>.Instance);
        await new MigrationRunner(database, time, NullLogger<MigrationRunner>.Instance).ApplyAsync(schemaVersion, CancellationToken.None);
        if (schemaVersion is null)
        {
            using var store = new SqliteStore(database, time, NullLogger<SqliteStore>.Instance);
            await SeedAsync(store);
        }

        // The file alone must hold the ledger: tests compare its bytes before and after a read-only command.
        await ExecuteAsync(path, "PRAGMA wal_checkpoint(TRUNCATE)");
        return path;
    }

    public static async Task ExecuteAsync(string path, string sql)
    {
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Writes the people (as the roster sync does) and the four ledger records into a migrated store.</summary>
    public static async Task SeedAsync(IStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var people = new[] { ("diego", "Diego Ramos"), ("amara", "Amara Okafor"), ("maya", "Maya Chen"), ("olivia", "Olivia Brandt") };
        await new RosterSync(store, NullLogger<RosterSync>.Instance).SyncAsync(
            new RosterOptions { People = [.. people.Select(p => new PersonOptions { Id = p.Item1, Name = p.Item2 })] },
            CancellationToken.None);
        var gates = new GateRepository(store);
        await store.WriteAsync(tx => Seed(tx, gates), CancellationToken.None);
    }

    private static async Task Seed(StoreTransaction tx, GateRepository gates)
    {
        var one = Opened(1, Day1);
        Assert.True(await gates.SaveAsync(tx, null, one));
        var amara = SignOff(one.Gate, new SignOff(1, 1, "SecArch", "amara", "SecurityArchitect", SignOffDecision.Approve, null, ["Security controls", "Monitoring coverage", "Incident response"], "slack", Day1.AddMinutes(5)));
        Assert.True(await gates.SaveAsync(tx, one.Gate, amara));
        var maya = SignOff(amara.Gate, new SignOff(1, 1, "SOC", "maya", "SeniorSocEngineer", SignOffDecision.Approve, MayaComment, ["Security controls", "Monitoring coverage", "Incident response"], "teams", Day1.AddMinutes(9)), approves: true);
        Assert.True(await gates.SaveAsync(tx, amara.Gate, maya));

        var two = Opened(2, Day2);
        Assert.True(await gates.SaveAsync(tx, null, two));
        var olivia = SignOff(two.Gate, new SignOff(1, 1, "SOC", "olivia", "SecOpsManager", SignOffDecision.Override, "SOC on leave", [], "slack", Day2.AddMinutes(1)));
        Assert.True(await gates.SaveAsync(tx, two.Gate, olivia));
    }

    private static GateDecision Opened(long number, DateTimeOffset at) => new(
        new Gate
        {
            Number = number, Type = "high-risk-deploy", Title = $"Deploy {number}", RequestedBy = "diego", RequestedAt = at, RequestedVia = "slack",
            State = GateState.Open, StageOpenedAt = at, Version = 1,
        },
        [], null, [new GateEvent(at, GateEventKinds.Opened, "diego", "opened")], [], []);

    private static GateDecision SignOff(Gate gate, SignOff signOff, bool approves = false)
    {
        var next = gate with { SignOffs = [.. gate.SignOffs, signOff], Version = gate.Version + 1 };
        List<LedgerEntry> ledger = [LedgerEntry.Of(gate.Number, signOff)];
        if (approves)
        {
            next = next with { State = GateState.Approved, DecidedAt = signOff.At };
            ledger.Add(new LedgerEntry(gate.Number, 1, 1, LedgerEntry.WholeGate, signOff.PersonId, signOff.RoleHeld, LedgerDecisions.GateApproved, null, [], signOff.Platform, false, signOff.At));
        }

        return new GateDecision(next, ledger, null, [new GateEvent(signOff.At, GateEventKinds.SignedOff, signOff.PersonId, "signed")], [], []);
    }
}
