using System.Text.Json;
using SecBot.Host.Ledger;
using SecBot.Host.Tests.Support;

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
        Assert.Contains($"ledger verified: {LedgerDatabase.Records} record(s) intact", run.Output, StringComparison.Ordinal);
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
        Assert.Contains("1 record(s) before it verified", run.Error, StringComparison.Ordinal);
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
        Assert.Contains($"the hash chain of {LedgerDatabase.Records} record(s) is intact, but the database disagrees with it", run.Error, StringComparison.Ordinal);
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
            "id,gate,gate_id,revision,stage,seat,kind,person_id,person_name,roster_name,role_held,decision,override,optional,comment,checklist,platform,at,stale,prev_hash,hash",
            lines[0]);
        Assert.StartsWith(
            "2,REV-1,1,1,1,SOC,signoff,maya,Maya Chen,Maya Chen,SeniorSocEngineer,approve,false,false,\"ship it, \"\"now\"\"\","
            + "\"[\"\"Security controls\"\",\"\"Monitoring coverage\"\",\"\"Incident response\"\"]\",teams,2026-03-02T09:09:00.000Z,false,",
            lines[2],
            StringComparison.Ordinal);
        Assert.StartsWith("3,REV-1,1,1,1,,gate-decision,maya,Maya Chen,Maya Chen,SeniorSocEngineer,gate-approved,false,false,,,teams,2026-03-02T09:09:00.000Z,false,", lines[3], StringComparison.Ordinal);
        Assert.StartsWith("4,REV-2,2,1,1,SOC,signoff,olivia,Olivia Brandt,Olivia Brandt,SecOpsManager,override,true,false,SOC on leave,,slack,2026-03-05T09:01:00.000Z,false,", lines[4], StringComparison.Ordinal);
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
        Assert.Contains($"exported 1 record(s) to {file}", run.Output, StringComparison.Ordinal);
        var line = Assert.Single(await File.ReadAllLinesAsync(file));
        using var record = JsonDocument.Parse(line);
        Assert.Equal("REV-2", record.RootElement.GetProperty("gate").GetString());
        Assert.Equal("Olivia Brandt", record.RootElement.GetProperty("person_name").GetString());
        Assert.True(record.RootElement.GetProperty("override").GetBoolean());
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
        Assert.Contains($"{LedgerDatabase.Records} record(s) intact", verify.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, export.ExitCode);
        Assert.StartsWith("id,gate,", export.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Olivia Brandt", export.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--format must be csv or jsonl", bad.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", bad.StandardError, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string database, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await LedgerCommand.RunAsync([.. args, $"--SecBot:Database:Path={database}"], output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
