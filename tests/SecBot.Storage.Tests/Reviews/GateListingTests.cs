using SecBot.Domain.Reviews;
using SecBot.Storage.Ledger;
using SecBot.Storage.Reviews;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Reviews;

public sealed class GateListingTests
{
    private static readonly DateTimeOffset T0 = TemporaryDatabase.Start;

    [Fact]
    public async Task Every_gate_lists_oldest_first_approved_ones_included_with_their_sign_offs()
    {
        await using var database = await GateTestStore.PeopleAsync();
        var first = await GateTestStore.OpenAsync(database, 1);
        await GateTestStore.OpenAsync(database, 2);
        var approved = GateFixtures.Approve(first, "sam", "SecurityReview", "SecurityEngineer", T0.AddMinutes(1), approvesGate: true);
        Assert.True(await GateTestStore.SaveAsync(database, first, approved));

        var all = await database.Store.ReadAsync(c => new GateRepository(database.Store).ListAllAsync(c, CancellationToken.None), CancellationToken.None);

        Assert.Equal([1L, 2L], all.Select(g => g.Number));
        Assert.Equal(GateState.Approved, all[0].State);
        Assert.Equal(["sam"], all[0].SignOffs.Select(s => s.PersonId));
        Assert.Empty(all[1].SignOffs);
        Assert.Single(await database.Store.ReadAsync(c => new GateRepository(database.Store).ListOpenAsync(c, CancellationToken.None), CancellationToken.None));
    }

    [Fact]
    public async Task The_ledger_reads_back_every_record_of_every_gate_in_chain_order_as_it_was_appended()
    {
        await using var database = await GateTestStore.PeopleAsync();
        var first = await GateTestStore.OpenAsync(database, 1);
        var second = await GateTestStore.OpenAsync(database, 2);
        Assert.True(await GateTestStore.SaveAsync(database, second, GateFixtures.Override(second, "olivia", "SecurityReview", "urgent fix", T0.AddMinutes(1))));
        Assert.True(await GateTestStore.SaveAsync(
            database, first, GateFixtures.Approve(first, "sam", "SecurityReview", "SecurityEngineer", T0.AddMinutes(2), approvesGate: true)));

        var ledger = await database.Store.ReadAsync(c => new GateRepository(database.Store).ReadLedgerAsync(c, null, CancellationToken.None), CancellationToken.None);

        Assert.Equal([1L, 2L, 3L], ledger.Select(r => r.Id));
        Assert.Equal(
            [(2L, LedgerRecord.SignOffKind, "olivia", LedgerDecisions.Override, true), (1L, LedgerRecord.SignOffKind, "sam", LedgerDecisions.Approve, false),
             (1L, LedgerRecord.GateDecisionKind, "sam", LedgerDecisions.GateApproved, false)],
            ledger.Select(r => (r.GateId, r.Kind, r.PersonId, r.Decision, r.IsOverride)));
        Assert.Equal("urgent fix", ledger[0].Comment);
        Assert.Equal(GateFixtures.Name("sam"), ledger[1].PersonName);
        Assert.Equal(T0.AddMinutes(2).ToUnixTimeMilliseconds(), ledger[2].At);
        Assert.Null(ledger[0].PrevHash);
        Assert.Equal(ledger[0].Hash, ledger[1].PrevHash);
        Assert.All(ledger, r => Assert.False(r.IsStale));
    }
}
