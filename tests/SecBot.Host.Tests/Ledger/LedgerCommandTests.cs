using System.Text.Json;
using SecBot.Host.Ledger;
using SecBot.Host.Tests.Support;
using SecBot.Storage.Ledger;
using SecBot.Storage.Tests.Ledger;

namespace SecBot.Host.Tests.Ledger;

public sealed class LedgerCommandTests
{
    [Fact]
    public async Task Verify_exits_0_and_says_how_many_records_it_verified()
    {
        using var dir = new TempDirectory();
        var database = await LedgerDatabase.CreateAsync(dir);

        var run = await RunAsync(database, "verify");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"ledger verified: {LedgerDatabase.Records} records intact", run.Output, StringComparison.Ordinal);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task Verify_exits_1_naming_the_record_whose_comment_was_rewritten_behind_the_triggers()
    {
        using var dir = new TempDirectory();
        var database = await LedgerDatabase.CreateAsync(dir);
        await LedgerDatabase.ExecuteAsync(database, "DROP TRIGGER signoffs_refuse_update; UPDATE signoffs SET comment = 'rewritten' WHERE id = 2");

        var run = await RunAsync(database, "verify");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("FAILED at record 2 (REV-1): hash mismatch", run.Error, StringComparison.Ordinal);
        Assert.Contains("1 record before it verified", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("ledger verified", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_exits_1_naming_a_current_approval_whose_stale_flag_was_set_behind_the_chain()
    {
        using var dir = new TempDirectory();
        var database = await LedgerDatabase.CreateAsync(dir);
        await LedgerDatabase.ExecuteAsync(database, "UPDATE signoffs SET is_stale = 1 WHERE id = 2");

        var run = await RunAsync(database, "verify");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("FAILED at record 2 (REV-1): stale flag disagrees with the chain: marked stale", run.Error, StringComparison.Ordinal);
        Assert.Contains($"the hash chain of {LedgerDatabase.Records} records is intact, but the database disagrees with it", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("ledger verified", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_exits_1_at_the_gap_left_by_a_deleted_record()
    {
        using var dir = new TempDirectory();
        var database = await LedgerDatabase.CreateAsync(dir);
        await LedgerDatabase.ExecuteAsync(database, "DROP TRIGGER signoffs_refuse_delete; DELETE FROM signoffs WHERE id = 3");

        var run = await RunAsync(database, "verify");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("FAILED at record 3: missing id", run.Error, StringComparison.Ordinal);
        Assert.Contains("record 2 is followed by record 4", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_csv_writes_a_header_and_every_record_to_standard_output()
    {
        using var dir = new TempDirectory();
        var database = await LedgerDatabase.CreateAsync(dir);

        var run = await RunAsync(database, "export", "--format", "csv");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.Split("\r\n");
        Assert.Equal(LedgerDatabase.Records + 2, lines.Length);
        Assert.Equal("", lines[^1]);
        Assert.Equal(
            "id,gate,gate_id,revision,stage,seat,kind,person_id,person_name,roster_name,role_held,decision,override,optional,comment,checklist,platform,at,at_ms,stale,prev_hash,hash",
            lines[0]);
        Assert.Matches("^1,REV-1,.*,0,\"\",[0-9a-f]{64}$", lines[1]);
        var maya = LedgerDatabase.Day1.AddMinutes(9).ToUnixTimeMilliseconds();
        Assert.StartsWith(
            "2,REV-1,1,1,1,SOC,signoff,maya,Maya Chen,Maya Chen,SeniorSocEngineer,approve,0,0,\"ship it, \"\"now\"\"\","
            + $"\"[\"\"Security controls\"\",\"\"Monitoring coverage\"\",\"\"Incident response\"\"]\",teams,2026-03-02T09:09:00.000Z,{maya},0,",
            lines[2],
            StringComparison.Ordinal);
        Assert.StartsWith($"3,REV-1,1,1,1,\"\",gate-decision,maya,Maya Chen,Maya Chen,SeniorSocEngineer,gate-approved,0,0,,,teams,2026-03-02T09:09:00.000Z,{maya},0,", lines[3], StringComparison.Ordinal);
        Assert.StartsWith($"4,REV-2,2,1,1,SOC,signoff,olivia,Olivia Brandt,Olivia Brandt,SecOpsManager,override,1,0,SOC on leave,,slack,2026-03-05T09:01:00.000Z,{LedgerDatabase.Day2.AddMinutes(1).ToUnixTimeMilliseconds()},0,", lines[4], StringComparison.Ordinal);
        Assert.Matches(",[0-9a-f]{64},[0-9a-f]{64}$", lines[4]);
        Assert.EndsWith("," + lines[3][^64..] + "," + lines[4][^64..], lines[4], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_jsonl_since_a_day_writes_the_later_records_to_the_out_file()
    {
        using var dir = new TempDirectory();
        var database = await LedgerDatabase.CreateAsync(dir);
        var file = dir.File("ledger.jsonl");

        var run = await RunAsync(database, "export", "--format=jsonl", "--since", "2026-03-03", "--out", file);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"exported 1 record to {file}", run.Output, StringComparison.Ordinal);
        var line = Assert.Single(await File.ReadAllLinesAsync(file));
        using var record = JsonDocument.Parse(line);
        Assert.Equal("REV-2", record.RootElement.GetProperty("gate").GetString());
        Assert.Equal("Olivia Brandt", record.RootElement.GetProperty("person_name").GetString());
        Assert.Equal(1, record.RootElement.GetProperty("override").GetInt32());
        Assert.Equal("2026-03-05T09:01:00.000Z", record.RootElement.GetProperty("at").GetString());

        var all = await RunAsync(database, "export", "--format", "JSONL", "--since", "2026-03-02");
        Assert.Equal(LedgerDatabase.Records, all.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [InlineData]
    [InlineData("frobnicate")]
    [InlineData("export")]
    [InlineData("export", "--format", "xml")]
    [InlineData("export", "--format")]
    [InlineData("export", "--format", "--since", "2026-03-01")]
    [InlineData("export", "--format", "csv", "--since", "2026-02-30")]
    [InlineData("export", "--format", "csv", "--since", "03/01/2026")]
    [InlineData("export", "--format", "csv", "--since")]
    [InlineData("export", "--format", "csv", "--out")]
    [InlineData("export", "--format", "csv", "--format", "jsonl")]
    [InlineData("export", "--format", "csv", "--bogus")]
    [InlineData("export", "--format", "csv", "extra")]
    [InlineData("verify", "--format", "csv")]
    [InlineData("verify", "--SecBot:Database:Path")]
    [InlineData("verify", "extra")]
    [InlineData("verify", "--head", "not-a-hash")]
    [InlineData("verify", "--head")]
    [InlineData("verify", "--checkpoint", "records=4 head=abc")]
    [InlineData("verify", "--export")]
    [InlineData("verify", "--export", "a.csv", "--export", "b.csv")]
    [InlineData("export", "--format", "csv", "--head", "0000000000000000000000000000000000000000000000000000000000000000")]
    public async Task Bad_arguments_exit_2_with_the_usage_and_change_nothing(params string[] args)
    {
        using var dir = new TempDirectory();
        var database = await LedgerDatabase.CreateAsync(dir);
        var before = await File.ReadAllBytesAsync(database);
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await LedgerCommand.RunAsync(args, output, error);

        Assert.Equal(2, exit);
        Assert.StartsWith("ledger: ", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("usage: SecBot.Host ledger verify", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
        Assert.Equal("", output.ToString());
        Assert.Equal(before, await File.ReadAllBytesAsync(database));
    }

    [Fact]
    public async Task A_missing_database_exits_1_naming_the_path_and_creates_nothing()
    {
        using var dir = new TempDirectory();
        var absent = dir.File("nowhere/secbot.db");

        var run = await RunAsync(absent, "verify");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(absent, run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("nowhere")));
    }

    [Fact]
    public async Task A_database_from_an_older_build_exits_1_and_says_to_start_the_service()
    {
        using var dir = new TempDirectory();
        var database = await LedgerDatabase.CreateAsync(dir, schemaVersion: 6);

        var run = await RunAsync(database, "verify");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Start the service once", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ledger_verb_runs_from_the_command_line_with_the_database_from_the_environment()
    {
        using var dir = new TempDirectory();
        var database = await LedgerDatabase.CreateAsync(dir);
        var environment = new Dictionary<string, string> { ["SECBOT_SETTINGS"] = PolicyFile.WriteCopy(dir), ["SecBot__Database__Path"] = database };

        var verify = await HostProcess.RunAsync(environment, TimeSpan.FromSeconds(60), "ledger", "verify");
        var export = await HostProcess.RunAsync(environment, TimeSpan.FromSeconds(60), "ledger", "export", "--format", "csv");
        var bad = await HostProcess.RunAsync(environment, TimeSpan.FromSeconds(60), "ledger", "export", "--format", "pdf");

        Assert.Equal(0, verify.ExitCode);
        Assert.Contains($"{LedgerDatabase.Records} records intact", verify.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, export.ExitCode);
        Assert.StartsWith("id,gate,", export.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Olivia Brandt", export.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--format must be csv or jsonl", bad.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", bad.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_exits_1_when_a_guard_trigger_is_missing_though_every_record_is_intact()
    {
        using var dir = new TempDirectory();
        var database = await LedgerDatabase.CreateAsync(dir);
        await LedgerDatabase.ExecuteAsync(database, "DROP TRIGGER signoffs_refuse_delete");

        var run = await RunAsync(database, "verify");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ledger verification FAILED: the guard trigger signoffs_refuse_delete is missing", run.Error, StringComparison.Ordinal);
        Assert.Contains($"the hash chain of {LedgerDatabase.Records} records is intact", run.Error, StringComparison.Ordinal);
    }

    /// <summary>The attack, on a copy: drop the guards, edit record 3, recompute the chain, put the guards back.</summary>
    [Fact]
    public async Task A_rewritten_and_rehashed_ledger_fails_against_the_head_and_the_checkpoint_taken_before()
    {
        using var dir = new TempDirectory();
        var database = await LedgerDatabase.CreateAsync(dir);
        var head = HeadOf((await RunAsync(database, "verify")).Output);
        var checkpoint = new LedgerCheckpoint(LedgerDatabase.Day2, LedgerDatabase.Records, head).Sign(Key);

        var before = await RunAsync(database, "verify", "--head", head, "--checkpoint", checkpoint, KeyArgument);
        await LedgerForger.RewriteAsync($"Data Source={database};Pooling=False", 3, "comment = 'approved without conditions'");
        var alone = await RunAsync(database, "verify");
        var pinned = await RunAsync(database, "verify", "--head", head);
        var signed = await RunAsync(database, "verify", $"--checkpoint={checkpoint}", KeyArgument);

        Assert.Equal(0, before.ExitCode);
        Assert.Contains($"pinned: --head {head}: head {head} is record 4, and the chain goes on intact from it (0 records since)", before.Output, StringComparison.Ordinal);
        Assert.Contains("pinned: the checkpoint of 2026-03-05T09:00:00.000Z (4 records): head", before.Output, StringComparison.Ordinal);
        Assert.Equal(0, alone.ExitCode);
        Assert.NotEqual(head, HeadOf(alone.Output));
        Assert.Equal(1, pinned.ExitCode);
        Assert.Contains($"ledger verification FAILED: --head {head}: no record has hash {head}: the ledger was rewritten or cut back since it was pinned", pinned.Error, StringComparison.Ordinal);
        Assert.Equal(1, signed.ExitCode);
        Assert.Contains($"(4 records): record 4's hash is {HeadOf(alone.Output)}, not the signed head {head}: the ledger was rewritten since it was signed", signed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_checkpoint_signed_with_another_key_exits_1_and_one_without_a_key_configured_exits_2()
    {
        using var dir = new TempDirectory();
        var database = await LedgerDatabase.CreateAsync(dir);
        var head = HeadOf((await RunAsync(database, "verify")).Output);
        var forged = new LedgerCheckpoint(LedgerDatabase.Day2, LedgerDatabase.Records, head).Sign("a key that is not the service's key, 32+ bytes");

        var wrongKey = await RunAsync(database, "verify", "--checkpoint", forged, KeyArgument);
        var noKey = await RunAsync(database, "verify", "--checkpoint", forged);

        Assert.Equal(1, wrongKey.ExitCode);
        Assert.Contains("checkpoint not accepted: the checkpoint's hmac does not match", wrongKey.Error, StringComparison.Ordinal);
        Assert.Equal(2, noKey.ExitCode);
        Assert.Contains("--checkpoint needs the key the service signs with: set SecBot:Ledger:CheckpointKey", noKey.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("jsonl")]
    public async Task Verify_export_recomputes_every_hash_from_the_file_alone_and_names_a_changed_record(string format)
    {
        using var dir = new TempDirectory();
        var database = await LedgerDatabase.CreateAsync(dir);
        var file = dir.File($"ledger.{format}");
        Assert.Equal(0, (await RunAsync(database, "export", "--format", format, "--out", file)).ExitCode);
        var head = HeadOf((await RunAsync(database, "verify")).Output);
        File.Delete(database);

        var intact = await RunAsync(database, "verify", "--export", file, "--head", head);
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("SOC on leave", "SOC agreed", StringComparison.Ordinal));
        var changed = await RunAsync(database, "verify", "--export", file);

        Assert.Equal(0, intact.ExitCode);
        Assert.Contains($"export verified: {LedgerDatabase.Records} records intact; last record 4, hash {head}", intact.Output, StringComparison.Ordinal);
        Assert.Contains($"pinned: --head {head}: head {head} is record 4", intact.Output, StringComparison.Ordinal);
        Assert.Equal(1, changed.ExitCode);
        Assert.Contains("ledger verification FAILED at record 4 (REV-2): hash mismatch", changed.Error, StringComparison.Ordinal);
        Assert.Contains($"3 records before it verified; {file}", changed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_export_of_a_day_on_says_where_it_starts_and_a_file_that_is_not_an_export_exits_1_naming_the_line()
    {
        using var dir = new TempDirectory();
        var database = await LedgerDatabase.CreateAsync(dir);
        var file = dir.File("since.csv");
        await RunAsync(database, "export", "--format", "csv", "--since", "2026-03-03", "--out", file);
        var notAnExport = dir.File("notes.csv");
        await File.WriteAllTextAsync(notAnExport, "id,gate,hash\r\n1,REV-1,abc\r\n");

        var since = await RunAsync(database, "verify", "--export", file);
        var notes = await RunAsync(database, "verify", "--export", notAnExport);
        var missing = await RunAsync(database, "verify", "--export", dir.File("absent.csv"));

        Assert.Equal(0, since.ExitCode);
        Assert.Contains("the export starts at record 4: its link to record 3 is taken as given", since.Output, StringComparison.Ordinal);
        Assert.Contains("export verified: 1 record intact", since.Output, StringComparison.Ordinal);
        Assert.Equal(1, notes.ExitCode);
        Assert.Contains("is not a ledger export as `ledger export` writes it: line 1: the header lacks the column(s) gate_id, revision", notes.Error, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("ledger: cannot read", missing.Error, StringComparison.Ordinal);
    }

    private const string Key = "host-test-checkpoint-key-0123456789abcdef";
    private const string KeyArgument = "--SecBot:Ledger:CheckpointKey=" + Key;

    private static string HeadOf(string verifyOutput) =>
        System.Text.RegularExpressions.Regex.Match(verifyOutput, "hash ([0-9a-f]{64})").Groups[1].Value;

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string database, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await LedgerCommand.RunAsync([.. args, $"--SecBot:Database:Path={database}"], output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
