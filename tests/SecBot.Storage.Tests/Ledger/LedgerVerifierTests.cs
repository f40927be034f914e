using Microsoft.Data.Sqlite;
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
                await using var command = ((SqliteConnection)c).CreateCommand();
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
    public async Task A_ledger_with_opened_records_verifies_every_record()
    {
        await using var database = await LedgerWithOpenedGatesAsync();

        var verification = await VerifyAsync(database);

        Assert.Null(verification.Fault);
        Assert.Equal(RecordsWithOpenedGates, verification.RecordsVerified);
        Assert.Equal(2L, await database.ScalarAsync<long>("SELECT count(*) FROM signoffs WHERE decision = 'opened' AND kind = 'gate-decision'"));
    }

    [Fact]
    public async Task Stale_marking_a_current_approval_fails_verification_naming_that_record()
    {
        await using var database = await LedgerAsync();

        // The trigger lets any row go from 0 to 1, and is_stale is outside the hash: amara's approval of revision 2
        // would silently stop counting.
        await database.ExecuteAsync("UPDATE signoffs SET is_stale = 1 WHERE id = 7");

        var verification = await VerifyAsync(database);

        var fault = Assert.IsType<LedgerFault>(verification.Fault);
        Assert.Equal((7L, 1L, LedgerFaultKind.StaleMismatch), (fault.Id, fault.GateNumber!.Value, fault.Kind));
        Assert.False(fault.BreaksChain);
        Assert.Equal(Records, verification.RecordsVerified);
        Assert.StartsWith("record 7 (REV-1): stale flag disagrees with the chain: marked stale, but it belongs to revision 2", fault.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UPDATE signoffs SET is_stale = 1 WHERE id = 5", 5L, "the gate was never resubmitted")]
    [InlineData("UPDATE signoffs SET is_stale = 1 WHERE id = 3", 3L, "a gate-level record is never stale")]
    [InlineData("UPDATE signoffs SET is_stale = 1 WHERE id = 8", 8L, "a gate-level record is never stale")]
    [InlineData("DROP TRIGGER signoffs_refuse_update; UPDATE signoffs SET is_stale = 0 WHERE id = 2", 2L, "older than the gate's latest resubmitted revision (2)")]
    public async Task A_stale_flag_that_disagrees_with_the_resubmissions_fails_verification(string sql, long id, string why)
    {
        await using var database = await LedgerAsync();
        await database.ExecuteAsync(sql);

        var fault = (await VerifyAsync(database)).Fault;

        Assert.Equal((id, LedgerFaultKind.StaleMismatch), (fault!.Id, fault.Kind));
        Assert.Contains(why, fault.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UPDATE gates SET requester = 'maya' WHERE id = 1", 1L, 1L, "the gate's requester is 'maya', but its opened record names 'diego'")]
    [InlineData("UPDATE gates SET type = 'high-risk-deploy' WHERE id = 2", 2L, 2L, "the gate's type is 'high-risk-deploy', but its opened record names 'threat-model'")]
    public async Task A_gate_changed_after_it_was_opened_fails_verification_naming_its_opened_record(string sql, long id, long gate, string detail)
    {
        await using var database = await LedgerWithOpenedGatesAsync();
        await database.ExecuteAsync(sql);

        var verification = await VerifyAsync(database);

        var fault = Assert.IsType<LedgerFault>(verification.Fault);
        Assert.Equal((id, gate, LedgerFaultKind.GateMismatch), (fault.Id, fault.GateNumber!.Value, fault.Kind));
        Assert.StartsWith(detail, fault.Detail, StringComparison.Ordinal);
        Assert.Equal(RecordsWithOpenedGates, verification.RecordsVerified);
    }

    [Fact]
    public async Task The_earliest_record_either_check_faults_is_reported()
    {
        await using var database = await LedgerWithOpenedGatesAsync();
        await database.ExecuteAsync("UPDATE signoffs SET is_stale = 1 WHERE id = 9");
        await database.ExecuteAsync("UPDATE gates SET requester = 'amara' WHERE id = 2");

        var both = (await VerifyAsync(database)).Fault!;
        await database.ExecuteAsync("UPDATE gates SET requester = 'diego' WHERE id = 2");
        var staleOnly = (await VerifyAsync(database)).Fault!;

        Assert.Equal((2L, LedgerFaultKind.GateMismatch), (both.Id, both.Kind));
        Assert.Equal((9L, LedgerFaultKind.StaleMismatch), (staleOnly.Id, staleOnly.Kind));
    }

    [Fact]
    public async Task A_broken_chain_is_reported_before_the_gates_and_stale_flags_are_checked()
    {
        await using var database = await LedgerWithOpenedGatesAsync();
        await database.ExecuteAsync("UPDATE gates SET requester = 'maya' WHERE id = 1");
        await database.ExecuteAsync("DROP TRIGGER signoffs_refuse_update");
        await database.ExecuteAsync("UPDATE signoffs SET comment = 'fine' WHERE id = 4");

        var fault = (await VerifyAsync(database)).Fault!;

        Assert.Equal((4L, LedgerFaultKind.HashMismatch, true), (fault.Id, fault.Kind, fault.BreaksChain));
    }

    [Fact]
    public async Task A_gate_opened_before_openings_were_recorded_has_nothing_to_check_its_requester_against()
    {
        // LedgerAsync opens its gates the old way, with no opened record: changing the requester is not detectable
        // for them, and verification must not fail older databases for the missing record.
        await using var database = await LedgerAsync();
        await database.ExecuteAsync("UPDATE gates SET requester = 'amara', type = 'threat-model' WHERE id = 1");

        Assert.True((await VerifyAsync(database)).IsIntact);
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

    [Theory]
    [InlineData("signoffs_refuse_update")]
    [InlineData("signoffs_refuse_delete")]
    [InlineData("signoffs_refuse_replace")]
    [InlineData("signoffs_refuse_fork")]
    public async Task A_dropped_guard_trigger_fails_verification_though_every_record_is_intact(string trigger)
    {
        await using var database = await LedgerAsync();
        await database.ExecuteAsync($"DROP TRIGGER {trigger}");

        var verification = await VerifyAsync(database);

        Assert.False(verification.IsIntact);
        Assert.Null(verification.Fault);
        Assert.Equal(Records, verification.RecordsVerified);
        Assert.Equal($"the guard trigger {trigger} is missing: the ledger could be changed without a trace in the database", Assert.Single(verification.Problems));
    }

    [Fact]
    public async Task A_guard_trigger_replaced_by_one_that_guards_nothing_fails_verification()
    {
        await using var database = await LedgerAsync();
        await database.ExecuteAsync("DROP TRIGGER signoffs_refuse_delete");
        await database.ExecuteAsync("CREATE TRIGGER signoffs_refuse_delete BEFORE DELETE ON signoffs WHEN 0 BEGIN SELECT 1; END");

        var problem = Assert.Single((await VerifyAsync(database)).Problems);

        Assert.Contains("signoffs_refuse_delete is not as this build's migrations create it", problem, StringComparison.Ordinal);
    }

    /// <summary>
    /// What an unkeyed chain cannot stop: whoever holds the file drops the guards, edits a record, recomputes every hash
    /// from it on and puts the guards back. Only a head pinned before the rewrite shows it.
    /// </summary>
    [Fact]
    public async Task A_ledger_rewritten_and_rehashed_behind_the_triggers_verifies_alone_but_not_against_a_head_pinned_before()
    {
        await using var database = await LedgerAsync();
        var pinned = await VerifyAsync(database);
        await LedgerForger.RewriteAsync(database.Database.ConnectionString, 3, "comment = 'no objections'");

        Assert.True((await VerifyAsync(database)).IsIntact);
        var checkpoint = new LedgerPin(pinned.HeadHash!, pinned.LastId, "the checkpoint");
        var head = new LedgerPin(pinned.HeadHash!, null, "--head");
        var verification = await database.Store.ReadAsync(c => LedgerVerifier.VerifyAsync(c, [checkpoint, head], CancellationToken.None), CancellationToken.None);

        Assert.False(verification.IsIntact);
        Assert.Equal(
            [
                $"the checkpoint: record {Records}'s hash is {verification.HeadHash}, not the signed head {pinned.HeadHash}: the ledger was rewritten since it was signed",
                $"--head: no record has hash {pinned.HeadHash}: the ledger was rewritten or cut back since it was pinned",
            ],
            verification.Problems);
    }

    [Fact]
    public async Task A_pinned_head_the_chain_still_holds_is_confirmed_with_the_records_since()
    {
        await using var database = await LedgerAsync();
        var five = await database.ScalarAsync<string>("SELECT hash FROM signoffs WHERE id = 5");

        var verification = await database.Store.ReadAsync(c => LedgerVerifier.VerifyAsync(c, [new LedgerPin(five, 5, "checkpoint")], CancellationToken.None), CancellationToken.None);

        Assert.True(verification.IsIntact);
        Assert.Equal($"checkpoint: head {five} is record 5, and the chain goes on intact from it (3 records since)", Assert.Single(verification.Confirmed));
    }

    [Fact]
    public async Task A_checkpoint_counting_more_records_than_the_ledger_holds_shows_the_tail_was_cut_off()
    {
        await using var database = await LedgerAsync();

        var verification = await database.Store.ReadAsync(c => LedgerVerifier.VerifyAsync(c, [new LedgerPin(new string('a', 64), 9, "checkpoint")], CancellationToken.None), CancellationToken.None);

        Assert.Equal($"checkpoint: it counted 9 records, but the ledger ends at record {Records}: records were cut off since it was signed", Assert.Single(verification.Problems));
    }

    [Fact]
    public async Task A_gate_opened_on_someones_behalf_is_held_to_the_person_it_was_requested_for()
    {
        await using var database = await AuditedLedgerAsync();
        Assert.True((await VerifyAsync(database)).IsIntact);

        await database.ExecuteAsync("UPDATE gates SET requester = 'olivia' WHERE id = 3");

        var fault = (await VerifyAsync(database)).Fault!;
        Assert.Equal((11L, LedgerFaultKind.GateMismatch), (fault.Id, fault.Kind));
        Assert.Contains("the gate's requester is 'olivia', but its opened record names 'priya'", fault.Detail, StringComparison.Ordinal);
    }
}
