using System.Text;
using System.Text.Json;
using SecBot.Storage.Ledger;
using SecBot.Storage.Tests.Support;
using static SecBot.Storage.Tests.Ledger.LedgerTestData;

namespace SecBot.Storage.Tests.Ledger;

/// <summary>
/// The README says an auditor can recompute each hash from the export: <see cref="ReadmeAuditor"/> does, knowing only
/// what the README says, over a ledger with every kind of record.
/// </summary>
public sealed class ReadmeAuditorTests
{
    [Fact]
    public void The_readme_states_the_rules_the_auditor_follows()
    {
        var section = ReadmeAuditor.Section;

        Assert.Contains("each written as its length in bytes (4 bytes, big-endian) followed by its UTF-8 bytes", section, StringComparison.Ordinal);
        Assert.Contains("A NULL\nfield is the length `FF FF FF FF`", section, StringComparison.Ordinal);
        Assert.Contains("the bytes of a field are the text of its export column as it stands", section, StringComparison.Ordinal);
        Assert.Contains("In\nCSV an **unquoted empty cell is NULL** and a **quoted empty cell (`\"\"`) is the empty string**", section, StringComparison.Ordinal);
        Assert.Equal(("secbot-ledger/1", 17), (ReadmeAuditor.CanonicalRecord.Tag, ReadmeAuditor.CanonicalRecord.Columns.Count));
    }

    [Theory]
    [InlineData(LedgerExportFormat.Csv)]
    [InlineData(LedgerExportFormat.Jsonl)]
    public async Task Every_hash_of_an_export_recomputes_from_the_readme_alone(LedgerExportFormat format)
    {
        await using var database = await AuditedLedgerAsync();

        var text = await ExportAsync(database, format);

        var records = (format == LedgerExportFormat.Csv ? ReadmeAuditor.CsvRecords(text) : ReadmeAuditor.JsonRecords(text)).ToList();
        Assert.Equal(AuditedRecords, records.Count);
        var previous = "";
        foreach (var record in records)
        {
            Assert.Equal(previous, record("prev_hash"));
            Assert.Equal(record("hash"), ReadmeAuditor.Hash(record));
            previous = record("hash")!;
        }

        Assert.Equal(await database.ScalarAsync<string>("SELECT hash FROM signoffs ORDER BY id DESC LIMIT 1"), previous);
    }

    [Fact]
    public async Task The_export_shows_who_resolved_and_whom_the_postmortem_is_for_in_the_hashed_opened_record()
    {
        await using var database = await AuditedLedgerAsync();

        var opened = ReadmeAuditor.JsonRecords(await ExportAsync(database, LedgerExportFormat.Jsonl)).Single(r => r("gate") == "REV-3" && r("decision") == "opened");

        Assert.Equal(("olivia", "SecOpsManager", "secbot"), (opened("person_id"), opened("role_held"), opened("platform")));
        using var comment = JsonDocument.Parse(opened("comment")!);
        Assert.Equal("priya", comment.RootElement.GetProperty("requested_for").GetString());
        Assert.True((await VerifyAsync(database)).IsIntact);
    }

    [Fact]
    public async Task A_changed_cell_no_longer_recomputes()
    {
        await using var database = await AuditedLedgerAsync();
        var text = await ExportAsync(database, LedgerExportFormat.Csv);

        var forged = text.Replace("=cover, on leave", "=cover, approved by the CISO", StringComparison.Ordinal);

        var mismatched = ReadmeAuditor.CsvRecords(forged).Where(r => r("hash") != ReadmeAuditor.Hash(r)).Select(r => r("id")).ToList();
        Assert.Equal(["7"], mismatched);
    }

    internal static async Task<string> ExportAsync(TemporaryDatabase database, LedgerExportFormat format, DateTimeOffset? since = null)
    {
        var output = new StringWriter(new StringBuilder()) { NewLine = "\n" };
        await database.Store.ReadAsync(c => LedgerExporter.ExportAsync(c, output, format, since, CancellationToken.None), CancellationToken.None);
        return output.ToString();
    }
}
