using SecBot.Storage.Ledger;
using static SecBot.Storage.Tests.Ledger.LedgerTestData;

namespace SecBot.Storage.Tests.Ledger;

/// <summary><c>ledger verify --export</c>: the chain checked from an export file alone.</summary>
public sealed class LedgerExportVerifierTests
{
    [Theory]
    [InlineData(LedgerExportFormat.Csv)]
    [InlineData(LedgerExportFormat.Jsonl)]
    public async Task An_untouched_export_verifies_to_the_databases_head(LedgerExportFormat format)
    {
        await using var database = await AuditedLedgerAsync();
        var text = await ReadmeAuditorTests.ExportAsync(database, format);

        var verification = LedgerExportVerifier.Verify(new StringReader(text), []);

        Assert.True(verification.IsIntact);
        Assert.Equal((AuditedRecords, 1L, (long)AuditedRecords), (verification.RecordsVerified, verification.FirstId, verification.LastId));
        Assert.Equal((await VerifyAsync(database)).HeadHash, verification.HeadHash);
    }

    [Theory]
    [InlineData(LedgerExportFormat.Csv)]
    [InlineData(LedgerExportFormat.Jsonl)]
    public async Task A_comment_changed_in_the_file_fails_at_that_record(LedgerExportFormat format)
    {
        await using var database = await AuditedLedgerAsync();
        var text = await ReadmeAuditorTests.ExportAsync(database, format);

        var verification = LedgerExportVerifier.Verify(new StringReader(text.Replace("alerting added", "alerting planned", StringComparison.Ordinal)), []);

        Assert.Equal((6L, LedgerFaultKind.HashMismatch), (verification.Fault!.Id, verification.Fault.Kind));
        Assert.Equal(5, verification.RecordsVerified);
    }

    [Fact]
    public async Task A_record_cut_out_of_the_file_fails_at_the_gap()
    {
        await using var database = await AuditedLedgerAsync();
        var lines = (await ReadmeAuditorTests.ExportAsync(database, LedgerExportFormat.Jsonl)).Split('\n').ToList();
        lines.RemoveAt(3);

        var fault = LedgerExportVerifier.Verify(new StringReader(string.Join('\n', lines)), []).Fault!;

        Assert.Equal((4L, LedgerFaultKind.MissingRecord), (fault.Id, fault.Kind));
    }

    [Fact]
    public async Task A_first_record_that_claims_a_predecessor_fails_at_record_1()
    {
        await using var database = await AuditedLedgerAsync();
        var text = await ReadmeAuditorTests.ExportAsync(database, LedgerExportFormat.Jsonl);

        var fault = LedgerExportVerifier.Verify(new StringReader(text.Replace("\"prev_hash\":\"\"", "\"prev_hash\":\"" + new string('c', 64) + "\"", StringComparison.Ordinal)), []).Fault!;

        Assert.Equal((1L, LedgerFaultKind.BrokenLink), (fault.Id, fault.Kind));
    }

    [Fact]
    public async Task An_export_from_a_day_on_verifies_from_its_first_record_and_checks_pins_it_holds()
    {
        await using var database = await AuditedLedgerAsync();
        var text = await ReadmeAuditorTests.ExportAsync(database, LedgerExportFormat.Csv, T0.AddDays(1));
        var head = await database.ScalarAsync<string>("SELECT hash FROM signoffs WHERE id = 9");
        var older = await database.ScalarAsync<string>("SELECT hash FROM signoffs WHERE id = 2");

        var verification = LedgerExportVerifier.Verify(new StringReader(text), [new LedgerPin(head, 9, "checkpoint"), new LedgerPin(older, 2, "old checkpoint")]);

        Assert.Null(verification.Fault);
        Assert.Equal((6L, (long)AuditedRecords), (verification.FirstId, verification.LastId));
        Assert.StartsWith("checkpoint: head " + head + " is record 9", Assert.Single(verification.Confirmed), StringComparison.Ordinal);
        Assert.Contains("older than this export, which starts at record 6", Assert.Single(verification.Problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"\",gate-decision", ",gate-decision", "line 2: seat is NULL, which the ledger never stores")]
    [InlineData(",SecArch,signoff,amara", ",SecArch,signoff,am\"ara", "line 4: a quote inside an unquoted cell")]
    [InlineData("at,at_ms,stale", "at,at_msec,stale", "line 1: the header lacks the column(s) at_ms")]
    public async Task A_csv_that_is_not_an_export_is_refused_naming_the_line(string find, string replace, string problem)
    {
        await using var database = await AuditedLedgerAsync();
        var text = await ReadmeAuditorTests.ExportAsync(database, LedgerExportFormat.Csv);
        var broken = ReplaceFirst(text, find, replace);

        var refusal = Assert.Throws<FormatException>(() => LedgerExportVerifier.Verify(new StringReader(broken), []));

        Assert.StartsWith(problem, refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"override\":1", "\"override\":true", "line 7: override is a JSON true")]
    [InlineData("\"optional\":0", "\"optional\":2", "line 1: optional is '2', not 0 or 1")]
    [InlineData("\"id\":3,", "\"id\":3.0,", "line 3: id is '3.0', not a number in plain decimal digits")]
    public async Task Json_lines_that_are_not_an_export_are_refused_naming_the_line(string find, string replace, string problem)
    {
        await using var database = await AuditedLedgerAsync();
        var text = await ReadmeAuditorTests.ExportAsync(database, LedgerExportFormat.Jsonl);

        var refusal = Assert.Throws<FormatException>(() => LedgerExportVerifier.Verify(new StringReader(ReplaceFirst(text, find, replace)), []));

        Assert.StartsWith(problem, refusal.Message, StringComparison.Ordinal);
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{find}' is not in the export");
        return text[..at] + replace + text[(at + find.Length)..];
    }
}
