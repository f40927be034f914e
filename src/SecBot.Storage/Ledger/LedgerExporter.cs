using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace SecBot.Storage.Ledger;

/// <summary>
/// Writes the sign-off ledger, in id order, for an auditor: every sign-off and gate decision with who (person id
/// and the name recorded when they signed), the role they held, seat, stage, decision, comment, checklist, revision,
/// time (ISO-8601 UTC), platform, the override flag, the gate's <c>REV-n</c> and the record's hash.
/// </summary>
/// <remarks>
/// Columns, in CSV order and as JSON keys: id, gate, revision, stage, seat (empty for a decision about the whole
/// gate), person_id, person_name, role_held, decision, override, optional, comment, checklist, platform, at, stale,
/// hash. In CSV the checklist items are joined with "; " and the flags are <c>true</c>/<c>false</c>; in JSON the
/// checklist is an array and the flags are booleans. CSV text that a spreadsheet would run as a formula (starting
/// with =, +, -, @, tab or CR) is prefixed with an apostrophe; the JSON lines carry the stored text unchanged.
/// </remarks>
public static class LedgerExporter
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "id", "gate", "revision", "stage", "seat", "person_id", "person_name", "role_held", "decision", "override", "optional",
        "comment", "checklist", "platform", "at", "stale", "hash",
    ];

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the records signed at or after <paramref name="since"/> (all when null); returns how many.</summary>
    public static async Task<long> ExportAsync(
        SqliteConnection connection, TextWriter output, LedgerExportFormat format, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(output);
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"""
            SELECT s.id, s.gate_id, s.revision, s.stage, s.seat, s.kind, s.person_id, coalesce(s.person_name, p.name), s.role_held,
                s.decision, s.comment, s.checklist, s.platform, s.is_override, s.optional_seat, s.at, s.prev_hash, s.hash, s.is_stale
            FROM signoffs s LEFT JOIN people p ON p.id = s.person_id
            {(since is null ? "" : "WHERE s.at >= $since")}
            ORDER BY s.id
            """;
        if (since is { } from) command.Parameters.AddWithValue("$since", from.ToUnixTimeMilliseconds());

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var line = new StringBuilder(512);
        var json = new ArrayBufferWriter<byte>(1024);
        if (format == LedgerExportFormat.Csv)
        {
            await output.WriteAsync(string.Join(",", Columns) + "\r\n");
        }

        long written = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            var record = LedgerVerifier.Read(reader) with { IsStale = reader.GetInt64(18) != 0 };
            line.Clear();
            switch (format)
            {
                case LedgerExportFormat.Csv:
                    AppendCsv(line, record);
                    break;
                case LedgerExportFormat.Jsonl:
                    AppendJson(line, json, record);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(format), format, null);
            }

            await output.WriteAsync(line, cancellationToken);
            written++;
        }

        await output.FlushAsync(cancellationToken);
        return written;
    }

    public static string FormatTime(long unixMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void AppendCsv(StringBuilder line, LedgerRecord r)
    {
        string[] fields =
        [
            LedgerRecord.Invariant(r.Id), r.GateKey, LedgerRecord.Invariant(r.Revision), LedgerRecord.Invariant(r.Stage), r.Seat, r.PersonId,
            r.PersonName ?? "", r.RoleHeld, r.Decision, Flag(r.IsOverride), Flag(r.OptionalSeat), r.Comment ?? "",
            string.Join("; ", r.ChecklistItems), r.Platform, FormatTime(r.At), Flag(r.IsStale), r.Hash ?? "",
        ];
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0) line.Append(',');
            AppendCsvField(line, fields[i]);
        }

        line.Append("\r\n");
    }

    /// <summary>RFC 4180 quoting, after neutralising a leading formula character.</summary>
    internal static void AppendCsvField(StringBuilder line, string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(value);
            return;
        }

        line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    private static void AppendJson(StringBuilder line, ArrayBufferWriter<byte> buffer, LedgerRecord r)
    {
        buffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteNumber("id", r.Id);
            json.WriteString("gate", r.GateKey);
            json.WriteNumber("revision", r.Revision);
            json.WriteNumber("stage", r.Stage);
            json.WriteString("seat", r.Seat);
            json.WriteString("person_id", r.PersonId);
            json.WriteString("person_name", r.PersonName);
            json.WriteString("role_held", r.RoleHeld);
            json.WriteString("decision", r.Decision);
            json.WriteBoolean("override", r.IsOverride);
            json.WriteBoolean("optional", r.OptionalSeat);
            json.WriteString("comment", r.Comment);
            json.WriteStartArray("checklist");
            foreach (var item in r.ChecklistItems) json.WriteStringValue(item);
            json.WriteEndArray();
            json.WriteString("platform", r.Platform);
            json.WriteString("at", FormatTime(r.At));
            json.WriteBoolean("stale", r.IsStale);
            json.WriteString("hash", r.Hash);
            json.WriteEndObject();
        }

        line.Append(Encoding.UTF8.GetString(buffer.WrittenSpan)).Append('\n');
    }

    private static string Flag(bool value) => value ? "true" : "false";
}
