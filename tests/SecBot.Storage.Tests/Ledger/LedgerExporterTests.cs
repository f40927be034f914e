using System.Globalization;
using System.Text;
using System.Text.Json;
using SecBot.Storage.Ledger;
using SecBot.Storage.Tests.Support;
using static SecBot.Storage.Tests.Ledger.LedgerTestData;

namespace SecBot.Storage.Tests.Ledger;

public sealed class LedgerExporterTests
{
    private const string Header =
        "id,gate,gate_id,revision,stage,seat,kind,person_id,person_name,roster_name,role_held,decision,override,optional,comment,checklist,platform,at,at_ms,stale,prev_hash,hash";

    private const string Checklist = "[\"Security controls\",\"Monitoring coverage\"]";

    [Fact]
    public async Task Csv_export_has_a_header_and_one_rfc4180_row_per_record()
    {
        await using var database = await LedgerAsync();

        var (text, count) = await ExportAsync(database, LedgerExportFormat.Csv);

        Assert.Equal(Records, count);
        Assert.StartsWith(Header + "\r\n", text, StringComparison.Ordinal);
        var rows = ParseCsv(text);
        Assert.Equal(Records + 1, rows.Count);
        Assert.All(rows, r => Assert.Equal(22, r.Count));

        var first = Row(rows, 1);
        var at = T0.AddMinutes(1).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        Assert.Equal(["1", "REV-1", "1", "1", "1", "SecArch", "signoff", "amara", "Amara Example", "Amara Example", "SecurityArchitect", "approve", "0", "0",
            "looks good", Checklist, "slack", "2026-03-02T09:01:00.000Z", at, "1", ""], first.Take(21));
        Assert.Matches("^[0-9a-f]{64}$", first[21]);
        Assert.Equal(await database.ScalarAsync<string>("SELECT hash FROM signoffs WHERE id = 1"), first[21]);
        Assert.Equal(first[21], Row(rows, 2)[20]);
    }

    [Fact]
    public async Task Csv_quotes_commas_quotes_and_line_breaks_and_keeps_hashed_text_exact()
    {
        await using var database = await LedgerAsync();

        var (text, _) = await ExportAsync(database, LedgerExportFormat.Csv);

        Assert.Contains(",\"no alerting, \"\"none\"\" at all\",", text, StringComparison.Ordinal);
        Assert.Contains(",\"line one\nline two\",", text, StringComparison.Ordinal);
        Assert.Contains(",\"[\"\"Security controls\"\",\"\"Monitoring coverage\"\"]\",", text, StringComparison.Ordinal);
        var rows = ParseCsv(text);
        Assert.Equal("no alerting, \"none\" at all", Row(rows, 2)[14]);
        Assert.Equal("line one\nline two", Row(rows, 6)[14]);
        Assert.Equal("=cover, on leave", Row(rows, 5)[14]);
        Assert.Equal(("REV-2", "olivia", "override", "1", "teams"), (Row(rows, 5)[1], Row(rows, 5)[7], Row(rows, 5)[11], Row(rows, 5)[12], Row(rows, 5)[16]));
        Assert.Equal(("", "gate-decision", "gate-approved", null), (Row(rows, 8)[5], Row(rows, 8)[6], Row(rows, 8)[11], Row(rows, 8)[15]));
        Assert.Equal(("RedTeam", "1"), (Row(rows, 6)[5], Row(rows, 6)[13]));
    }

    [Fact]
    public async Task Person_name_is_the_name_recorded_at_signing_and_only_the_roster_name_is_formula_guarded()
    {
        await using var database = await LedgerAsync();
        await database.ExecuteAsync("UPDATE people SET name = '=HYPERLINK(\"http://x\")' WHERE id = 'olivia'");
        await database.ExecuteAsync("UPDATE people SET name = 'Amara Okafor' WHERE id = 'amara'");

        var rows = ParseCsv((await ExportAsync(database, LedgerExportFormat.Csv)).Text);
        var (jsonl, _) = await ExportAsync(database, LedgerExportFormat.Jsonl);

        Assert.Equal(("Olivia Example", "'=HYPERLINK(\"http://x\")"), (Row(rows, 5)[8], Row(rows, 5)[9]));
        Assert.Equal(("Amara Example", "Amara Okafor"), (Row(rows, 1)[8], Row(rows, 1)[9]));
        using var olivia = JsonDocument.Parse(jsonl.Split('\n')[4]);
        Assert.Equal("Olivia Example", olivia.RootElement.GetProperty("person_name").GetString());
        Assert.Equal("=HYPERLINK(\"http://x\")", olivia.RootElement.GetProperty("roster_name").GetString());
    }

    [Fact]
    public async Task Jsonl_export_writes_one_object_per_line_with_the_stored_text()
    {
        await using var database = await LedgerAsync();

        var (text, count) = await ExportAsync(database, LedgerExportFormat.Jsonl);

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Records, count);
        Assert.Equal(Records, lines.Length);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        using var overridden = JsonDocument.Parse(lines[4]);
        var o = overridden.RootElement;
        Assert.Equal(5, o.GetProperty("id").GetInt64());
        Assert.Equal("REV-2", o.GetProperty("gate").GetString());
        Assert.Equal(2, o.GetProperty("gate_id").GetInt64());
        Assert.Equal("signoff", o.GetProperty("kind").GetString());
        Assert.Equal("olivia", o.GetProperty("person_id").GetString());
        Assert.Equal("Olivia Example", o.GetProperty("person_name").GetString());
        Assert.Equal("Olivia Example", o.GetProperty("roster_name").GetString());
        Assert.Equal("SecOpsManager", o.GetProperty("role_held").GetString());
        Assert.Equal("SOC", o.GetProperty("seat").GetString());
        Assert.Equal(1, o.GetProperty("stage").GetInt32());
        Assert.Equal(1, o.GetProperty("revision").GetInt32());
        Assert.Equal("override", o.GetProperty("decision").GetString());
        Assert.Equal("=cover, on leave", o.GetProperty("comment").GetString());
        Assert.Equal(1, o.GetProperty("override").GetInt32());
        Assert.Equal(0, o.GetProperty("optional").GetInt32());
        Assert.Equal(0, o.GetProperty("stale").GetInt32());
        Assert.Equal(JsonValueKind.Null, o.GetProperty("checklist").ValueKind);
        Assert.Equal("teams", o.GetProperty("platform").GetString());
        Assert.Equal("2026-03-03T09:01:00.000Z", o.GetProperty("at").GetString());
        Assert.Equal(T0.AddDays(1).AddMinutes(1).ToUnixTimeMilliseconds(), o.GetProperty("at_ms").GetInt64());
        Assert.Equal(64, o.GetProperty("prev_hash").GetString()!.Length);
        Assert.Equal(64, o.GetProperty("hash").GetString()!.Length);

        using var approved = JsonDocument.Parse(lines[0]);
        Assert.Equal(Checklist, approved.RootElement.GetProperty("checklist").GetString());
        Assert.Equal(1, approved.RootElement.GetProperty("stale").GetInt32());
        Assert.Equal("", approved.RootElement.GetProperty("prev_hash").GetString());
        using var gateDecision = JsonDocument.Parse(lines[2]);
        Assert.Equal(JsonValueKind.Null, gateDecision.RootElement.GetProperty("checklist").ValueKind);
        Assert.Equal("", gateDecision.RootElement.GetProperty("seat").GetString());
        Assert.Equal("gate-decision", gateDecision.RootElement.GetProperty("kind").GetString());
        Assert.Equal("changes-requested", gateDecision.RootElement.GetProperty("decision").GetString());
    }

    [Fact]
    public async Task Csv_writes_null_as_an_unquoted_empty_cell_and_the_empty_string_quoted()
    {
        await using var database = await LedgerAsync();

        var (text, _) = await ExportAsync(database, LedgerExportFormat.Csv);

        var lines = text.Split("\r\n");
        // Record 3, changes requested: seat "" (gate-level), checklist NULL; record 1's prev_hash is "" (none stored).
        Assert.StartsWith("3,REV-1,1,1,1,\"\",gate-decision,maya,", lines[3], StringComparison.Ordinal);
        Assert.Contains(",0,0,\"no alerting, \"\"none\"\" at all\",,slack,", lines[3], StringComparison.Ordinal);
        Assert.Matches(",1,\"\",[0-9a-f]{64}$", lines[1]);
        var rows = ParseCsv(text);
        Assert.Equal(("", null), (Row(rows, 3)[5], Row(rows, 3)[15]));
        Assert.Equal("", Row(rows, 1)[20]);
    }

    [Fact]
    public async Task Since_keeps_the_records_signed_on_or_after_that_instant()
    {
        await using var database = await LedgerAsync();

        var (text, count) = await ExportAsync(database, LedgerExportFormat.Jsonl, T0.AddDays(1));
        var (later, _) = await ExportAsync(database, LedgerExportFormat.Csv, T0.AddDays(1).AddMilliseconds(1));

        Assert.Equal(5, count);
        Assert.Equal([4L, 5L, 6L, 7L, 8L], text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Id));
        Assert.Equal(["5", "6", "7", "8"], ParseCsv(later).Skip(1).Select(r => r[0]));
    }

    [Fact]
    public async Task An_empty_ledger_exports_only_the_csv_header()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();

        var (csv, count) = await ExportAsync(database, LedgerExportFormat.Csv);
        var (jsonl, _) = await ExportAsync(database, LedgerExportFormat.Jsonl);

        Assert.Equal(0, count);
        Assert.Equal(Header + "\r\n", csv);
        Assert.Equal("", jsonl);
    }

    private static async Task<(string Text, long Count)> ExportAsync(TemporaryDatabase database, LedgerExportFormat format, DateTimeOffset? since = null)
    {
        var output = new StringWriter(new StringBuilder()) { NewLine = "\n" };
        var count = await database.Store.ReadAsync(c => LedgerExporter.ExportAsync(c, output, format, since, CancellationToken.None), CancellationToken.None);
        return (output.ToString(), count);
    }

    private static long Id(string jsonLine)
    {
        using var document = JsonDocument.Parse(jsonLine);
        return document.RootElement.GetProperty("id").GetInt64();
    }

    private static List<string?> Row(List<List<string?>> rows, long id) => rows.Single(r => r[0] == id.ToString(CultureInfo.InvariantCulture));

    private static List<List<string?>> ParseCsv(string text) => ReadmeAuditor.ParseCsv(text);
}
