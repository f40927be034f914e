using SecBot.Storage.Ledger;
using SecBot.Storage.Tests.Support;
using static SecBot.Storage.Tests.Ledger.LedgerTestData;

namespace SecBot.Storage.Tests.Ledger;

public sealed class LedgerVerifierTests
{
    [Fact]
    public async Task An_untouched_ledger_verifies_every_record()
    {
        await using var database = await LedgerAsync();

        var verification = await VerifyAsync(database);

        Assert.True(verification.IsIntact);
        Assert.Equal(Records, verification.RecordsVerified);
        Assert.Equal(Records, verification.LastId);
        Assert.Equal(await database.ScalarAsync<string>("SELECT hash FROM signoffs ORDER BY id DESC LIMIT 1"), verification.HeadHash);
    }

    [Fact]
    public async Task An_empty_ledger_verifies()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();

        var verification = await VerifyAsync(database);

        Assert.True(verification.IsIntact);
        Assert.Equal(0, verification.RecordsVerified);
        Assert.Null(verification.HeadHash);
    }

    [Fact]
    public async Task Marking_sign_offs_stale_does_not_break_the_chain()
    {
        await using var database = await LedgerAsync();

        Assert.Equal(2L, await database.ScalarAsync<long>("SELECT count(*) FROM signoffs WHERE is_stale = 1"));
        Assert.True((await VerifyAsync(database)).IsIntact);
    }

    [Fact]
    public async Task A_comment_rewritten_behind_the_triggers_fails_verification_naming_that_record()
    {
        await using var database = await LedgerAsync();
        await database.ExecuteAsync("DROP TRIGGER signoffs_refuse_update");
        await database.ExecuteAsync("UPDATE signoffs SET comment = 'no objections' WHERE id = 2");

        var verification = await VerifyAsync(database);

        var fault = Assert.IsType<LedgerFault>(verification.Fault);
        Assert.Equal((2L, 1L, LedgerFaultKind.HashMismatch), (fault.Id, fault.GateNumber!.Value, fault.Kind));
        Assert.Equal(1, verification.RecordsVerified);
        Assert.StartsWith("record 2 (REV-1): hash mismatch", fault.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("person_id = 'sam'")]
    [InlineData("person_name = 'Sam Example'")]
    [InlineData("role_held = 'SecOpsManager'")]
    [InlineData("decision = 'approve'")]
    [InlineData("at = at + 1")]
    [InlineData("checklist = '[]'")]
    [InlineData("optional_seat = 1")]
    [InlineData("kind = 'gate-decision'")]
    [InlineData("seat = 'RedTeam'")]
    [InlineData("stage = 2")]
    [InlineData("revision = 3")]
    [InlineData("platform = 'teams'")]
    [InlineData("is_override = 1")]
    public async Task Any_rewritten_column_fails_verification(string assignment)
    {
        await using var database = await LedgerAsync();
        await database.ExecuteAsync("DROP TRIGGER signoffs_refuse_update");
        await database.ExecuteAsync($"UPDATE signoffs SET {assignment} WHERE id = 2");

        var fault = (await VerifyAsync(database)).Fault;

        Assert.Equal((2L, LedgerFaultKind.HashMismatch), (fault!.Id, fault.Kind));
    }

    [Fact]
    public async Task A_rewritten_record_with_a_recomputed_hash_breaks_the_next_records_link()
    {
        await using var database = await LedgerAsync();
        await database.ExecuteAsync("DROP TRIGGER signoffs_refuse_update");
        var forged = await database.Store.ReadAsync(
            async c =>
            {
                await using var command = c.CreateCommand();
                command.CommandText = LedgerVerifier.Select + " WHERE id = 5";
                await using var reader = await command.ExecuteReaderAsync();
                Assert.True(await reader.ReadAsync());
                return LedgerVerifier.Read(reader) with { Comment = "approved after review" };
            },
            CancellationToken.None);
        using (var hasher = new LedgerHasher())
        {
            await database.ExecuteAsync("UPDATE signoffs SET comment = @Comment, hash = @Hash WHERE id = 5", new { forged.Comment, Hash = hasher.Compute(forged) });
        }

        var verification = await VerifyAsync(database);

        Assert.Equal((6L, 1L, LedgerFaultKind.BrokenLink), (verification.Fault!.Id, verification.Fault.GateNumber!.Value, verification.Fault.Kind));
        Assert.Equal(5, verification.RecordsVerified);
    }

    [Fact]
    public async Task A_deleted_record_fails_verification_at_the_gap()
    {
        await using var database = await LedgerAsync();
        await database.ExecuteAsync("DROP TRIGGER signoffs_refuse_delete");
        await database.ExecuteAsync("DELETE FROM signoffs WHERE id = 4");

        var verification = await VerifyAsync(database);

        var fault = Assert.IsType<LedgerFault>(verification.Fault);
        Assert.Equal((4L, (long?)null, LedgerFaultKind.MissingRecord), (fault.Id, fault.GateNumber, fault.Kind));
        Assert.Contains("record 3 is followed by record 5", fault.Detail, StringComparison.Ordinal);
        Assert.Equal(3, verification.RecordsVerified);
        Assert.StartsWith("record 4: missing id", fault.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_the_first_records_fails_verification_at_id_1()
    {
        await using var database = await LedgerAsync();
        await database.ExecuteAsync("DROP TRIGGER signoffs_refuse_delete");
        await database.ExecuteAsync("DELETE FROM signoffs WHERE id <= 2");

        var fault = (await VerifyAsync(database)).Fault!;

        Assert.Equal((1L, LedgerFaultKind.MissingRecord), (fault.Id, fault.Kind));
        Assert.Contains("id 1 to 2 is missing: the ledger starts", fault.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void The_canonical_form_is_pinned_by_known_answers()
    {
        // Computed independently (Python: length-prefixed UTF-8 fields, SHA-256, lowercase hex), so a change to
        // LedgerHasher that would orphan every stored hash fails here.
        using var hasher = new LedgerHasher();
        var first = new LedgerRecord
        {
            Id = 1, GateId = 7, Revision = 2, Stage = 1, Seat = "SOC", Kind = "signoff", PersonId = "maya", PersonName = "Maya Chen",
            RoleHeld = "SeniorSocEngineer", Decision = "approve", Comment = "ok, ship it", Checklist = """["Security controls"]""",
            Platform = "slack", At = 1772442000000,
        };
        var second = new LedgerRecord
        {
            Id = 2, GateId = 7, Revision = 2, Stage = 0, Seat = "", Kind = "gate-decision", PersonId = "olivia", RoleHeld = "SecOpsManager",
            Decision = "gate-approved", Platform = "teams", IsOverride = true, At = 1772442060000,
            PrevHash = "1ddcc7658e2f7e96e8d41f788d5ffa48d2e99db447907794c2a74866f406b750",
        };

        Assert.Equal("1ddcc7658e2f7e96e8d41f788d5ffa48d2e99db447907794c2a74866f406b750", hasher.Compute(first));
        Assert.Equal("ee3c579e17b2519030222dfcaff57096a8f5f978ce77615245c229d2ebd32a6c", hasher.Compute(second));
        Assert.Equal("1ddcc7658e2f7e96e8d41f788d5ffa48d2e99db447907794c2a74866f406b750", hasher.Compute(first with { IsStale = true, Hash = "x" }));
        Assert.NotEqual(hasher.Compute(first), hasher.Compute(first with { PersonName = null }));
        Assert.NotEqual(hasher.Compute(first), hasher.Compute(first with { PersonName = "" }));
    }
}
