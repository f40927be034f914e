using System.Text;
using System.Text.Json;
using SecBot.Storage.Ledger;
using SecBot.Storage.Tests.Support;
using static SecBot.Storage.Tests.Ledger.LedgerTestData;

namespace SecBot.Storage.Tests.Ledger;

public sealed class LedgerExporterTests
{
    private const string Header = "id,gate,revision,stage,seat,person_id,person_name,role_held,decision,override,optional,comment,checklist,platform,at,stale,hash";

    [Fact]
    public async Task Csv_export_has_a_header_and_one_rfc4180_row_per_record()
    {
        await using var database = await LedgerAsync();

        var (text, count) = await ExportAsync(database, LedgerExportFormat.Csv);

        Assert.Equal(Records, count);
        Assert.StartsWith(Header + "\r\n", text, StringComparison.Ordinal);
        var rows = ParseCsv(text);
        Assert.Equal(Records + 1, rows.Count);
        Assert.All(rows, r => Assert.Equal(17, r.Count));

        var first = Row(rows, 1);
        Assert.Equal(["1", "REV-1", "1", "1", "SecArch", "amara", "Amara Example", "SecurityArchitect", "approve", "false", "false", "looks good",
            "Security controls; Monitoring coverage", "slack", "2026-03-02T09:01:00.000Z", "true"], first.Take(16));
        Assert.Matches("^[0-9a-f]{64}$", first[16]);
        Assert.Equal(await database.ScalarAsync<string>("SELECT hash FROM signoffs WHERE id = 1"), first[16]);
    }

    [Fact]
    public async Task Csv_quotes_commas_quotes_and_line_breaks_and_defuses_formulas()
    {
        await using var database = await LedgerAsync();

        var (text, _) = await ExportAsync(database, LedgerExportFormat.Csv);

        Assert.Contains(",\"no alerting, \"\"none\"\" at all\",", text, StringComparison.Ordinal);
        Assert.Contains(",\"line one\nline two\",", text, StringComparison.Ordinal);
        var rows = ParseCsv(text);
        Assert.Equal("no alerting, \"none\" at all", Row(rows, 2)[11]);
        Assert.Equal("line one\nline two", Row(rows, 6)[11]);
        Assert.Equal("'=cover, on leave", Row(rows, 5)[11]);
        Assert.Equal(("REV-2", "olivia", "override", "true", "teams"), (Row(rows, 5)[1], Row(rows, 5)[5], Row(rows, 5)[8], Row(rows, 5)[9], Row(rows, 5)[13]));
        Assert.Equal(("", "gate-approved"), (Row(rows, 8)[4], Row(rows, 8)[8]));
        Assert.Equal(("RedTeam", "true"), (Row(rows, 6)[4], Row(rows, 6)[10]));
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
        Assert.Equal("olivia", o.GetProperty("person_id").GetString());
        Assert.Equal("Olivia Example", o.GetProperty("person_name").GetString());
        Assert.Equal("SecOpsManager", o.GetProperty("role_held").GetString());
        Assert.Equal("SOC", o.GetProperty("seat").GetString());
        Assert.Equal(1, o.GetProperty("stage").GetInt32());
        Assert.Equal(1, o.GetProperty("revision").GetInt32());
        Assert.Equal("override", o.GetProperty("decision").GetString());
        Assert.Equal("=cover, on leave", o.GetProperty("comment").GetString());
        Assert.True(o.GetProperty("override").GetBoolean());
        Assert.False(o.GetProperty("stale").GetBoolean());
        Assert.Equal(0, o.GetProperty("checklist").GetArrayLength());
        Assert.Equal("teams", o.GetProperty("platform").GetString());
        Assert.Equal("2026-03-03T09:01:00.000Z", o.GetProperty("at").GetString());
        Assert.Equal(64, o.GetProperty("hash").GetString()!.Length);

        using var approved = JsonDocument.Parse(lines[0]);
        Assert.Equal(["Security controls", "Monitoring coverage"], approved.RootElement.GetProperty("checklist").EnumerateArray().Select(e => e.GetString()));
        Assert.True(approved.RootElement.GetProperty("stale").GetBoolean());
        using var gateDecision = JsonDocument.Parse(lines[2]);
        Assert.Equal(0, gateDecision.RootElement.GetProperty("checklist").GetArrayLength());
        Assert.Equal("", gateDecision.RootElement.GetProperty("seat").GetString());
        Assert.Equal("changes-requested", gateDecision.RootElement.GetProperty("decision").GetString());
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

    private static List<string> Row(List<List<string>> rows, long id) => rows.Single(r => r[0] == id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A strict RFC 4180 reader: CRLF between records, quoted fields may hold anything with quotes doubled.</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; }
                    else if (text[i] == '"') { i++; break; }
                    else field.Append(text[i++]);
                }
            }

            if (i < text.Length && text[i] == ',') { row.Add(field.ToString()); field.Clear(); i++; continue; }
            if (i + 1 < text.Length && text[i] == '\r' && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                i += 2;
                continue;
            }

            Assert.NotEqual('"', text[i]);
            Assert.NotEqual('\n', text[i]);
            field.Append(text[i++]);
        }

        Assert.Empty(row);
        return rows;
    }
}
