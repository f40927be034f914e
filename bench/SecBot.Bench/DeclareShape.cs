using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SecBot.Domain.Incidents;

namespace SecBot.Bench;

/// <summary>One row a declare wrote, copied column for column so the bare loop can write the same row again.</summary>
public sealed class TemplateRow
{
    public required string Table { get; init; }
    public required IReadOnlyList<(string Column, object? Value)> Values { get; init; }

    /// <summary>The column that ties the row to its incident (incidents.id, pages.incident_id, timers.subject); null for outbox rows.</summary>
    public string? KeyColumn { get; init; }

    public string InsertSql =>
        $"INSERT INTO {Table} ({string.Join(", ", Values.Select(v => v.Column))}) VALUES ({string.Join(", ", Values.Select(v => "@" + v.Column))})";

    public int PayloadBytes => Values.Sum(v => v.Value is string s ? Encoding.UTF8.GetByteCount(s) : v.Value is byte[] b ? b.Length : 8);

    public object KeyValue(long number) => KeyColumn == "subject" ? IncidentKey.Format(number) : number;
}

/// <summary>What one durable declare writes, found by declaring once on a fresh file and reading the tables back.</summary>
public sealed class DeclareShape
{
    private static readonly string[] Tables = ["incidents", "pages", "incident_events", "timers", "outbox"];

    public required IReadOnlyList<TemplateRow> Rows { get; init; }

    public static async Task<DeclareShape> ProbeAsync()
    {
        await using var harness = await Harness.CreateAsync();
        var reply = await harness.DeclareAsync(0);
        if (reply.Card is null) throw new InvalidOperationException($"declare was refused: {reply.Text}");
        var key = IncidentKey.Format(1);

        var rows = new List<TemplateRow>();
        rows.AddRange(await ReadAsync(harness, "incidents", "id = 1", "id", keepId: true));
        rows.AddRange(await ReadAsync(harness, "pages", "incident_id = 1", "incident_id", keepId: false));
        rows.AddRange(await ReadAsync(harness, "incident_events", "incident_id = 1", "incident_id", keepId: false));
        rows.AddRange(await ReadAsync(harness, "timers", $"subject = '{key}'", "subject", keepId: false));
        rows.AddRange(await ReadAsync(harness, "outbox", "1 = 1", null, keepId: false));

        // On a fresh file every row of these tables came from that one declare: nothing may be missed.
        foreach (var table in Tables)
        {
            var total = await harness.ScalarAsync($"SELECT count(*) FROM {table}");
            var copied = rows.Count(r => r.Table == table);
            if (total != copied) throw new InvalidOperationException($"{table}: the declare wrote {total} rows, the template copies {copied}");
        }

        return new DeclareShape { Rows = rows };
    }

    public string Describe()
    {
        var parts = Tables.Select(t =>
        {
            var rows = Rows.Where(r => r.Table == t).ToList();
            return string.Create(CultureInfo.InvariantCulture, $"{t} {rows.Count} ({rows.Sum(r => r.PayloadBytes):N0} B)");
        });
        return $"{Rows.Count} rows: " + string.Join(", ", parts);
    }

    private static Task<List<TemplateRow>> ReadAsync(Harness harness, string table, string where, string? keyColumn, bool keepId) =>
        harness.Store.ReadAsync(
            async connection =>
            {
                var rows = new List<TemplateRow>();
                await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // table and condition are constants of this file
                command.CommandText = $"SELECT * FROM {table} WHERE {where} ORDER BY rowid";
#pragma warning restore CA2100
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    var values = new List<(string, object?)>();
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        var column = reader.GetName(i);
                        if (reader.IsDBNull(i) || (column == "id" && !keepId)) continue;
                        values.Add((column, reader.GetValue(i)));
                    }

                    rows.Add(new TemplateRow { Table = table, Values = values, KeyColumn = keyColumn });
                }

                return rows;
            },
            CancellationToken.None);
}
