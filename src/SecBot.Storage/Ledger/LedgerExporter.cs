using System.Buffers;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SecBot.Storage.Ledger;

/// <summary>
/// Writes the sign-off ledger, in id order, for an auditor: every hashed field in exactly the form it is hashed, so each
/// record's hash can be recomputed from the export alone, plus readable columns beside them.
/// </summary>
/// <remarks>
/// <para>Columns, in CSV order and as JSON keys: id, gate (<c>REV-n</c>), gate_id, revision, stage, seat, kind,
/// person_id, person_name, roster_name, role_held, decision, override, optional, comment, checklist, platform, at, at_ms,
/// stale, prev_hash, hash.</para>
/// <para>Hashed, each exactly as it goes into the canonical record (<see cref="LedgerHasher"/>): id, gate_id, revision,
/// stage, seat, kind, person_id, person_name (the name recorded when the record was written), role_held, decision,
/// override and optional (<c>0</c>/<c>1</c>), comment, checklist (the stored JSON array text), platform, at_ms (unix
/// milliseconds) and prev_hash (<c>""</c> for the first record, which stores none). Readable only: gate, roster_name
/// (today's name from the roster; NULL when the person is no longer in it), at (at_ms as ISO-8601 UTC) and stale
/// (0/1; not hashed: it may turn 1 on resubmission, and <c>ledger verify</c> checks it against the chain).</para>
/// <para>NULL and the empty string differ: in JSON, <c>null</c> and <c>""</c>; in CSV, an unquoted empty cell is NULL
/// and a quoted one (<c>""</c>) is the empty string, the way PostgreSQL's CSV COPY writes them (Python 3.13 reads them
/// back with <c>csv.QUOTE_NOTNULL</c>). Numbers are plain decimal digits.</para>
/// <para>Spreadsheet formula guard, CSV only and only on the display column roster_name: text starting with =, +, -,
/// @, tab or CR gets a leading apostrophe. Hashed fields are never altered, so a hashed text cell may start with such a
/// character: open the CSV in a spreadsheet as text (or audit from the JSON lines).</para>
/// </remarks>
public static class LedgerExporter
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "id", "gate", "gate_id", "revision", "stage", "seat", "kind", "person_id", "person_name", "roster_name", "role_held", "decision",
        "override", "optional", "comment", "checklist", "platform", "at", "at_ms", "stale", "prev_hash", "hash",
    ];

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Writes the records signed at or after <paramref name="since"/> (all when null); returns how many. One statement,
    /// so one snapshot. <paramref name="store"/> is an open SQLite or PostgreSQL connection; on another provider's it
    /// throws <see cref="NotSupportedException"/>.
    /// </summary>
    public static async Task<long> ExportAsync(
        DbConnection store, TextWriter output, LedgerExportFormat format, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var connection = LedgerSnapshot.Supported(store, "ledger export");
        ArgumentNullException.ThrowIfNull(output);
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"""
            SELECT s.id, s.gate_id, s.revision, s.stage, s.seat, s.kind, s.person_id, s.person_name, s.role_held,
                s.decision, s.comment, s.checklist, s.platform, s.is_override, s.optional_seat, s.at, s.prev_hash, s.hash, s.is_stale, p.name
            FROM signoffs s LEFT JOIN people p ON p.id = s.person_id
            {(since is null ? "" : "WHERE s.at >= @since")}
            ORDER BY s.id
            """;
        if (since is { } from)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@since";
            parameter.Value = from.ToUnixTimeMilliseconds();
            command.Parameters.Add(parameter);
        }

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
            var rosterName = reader.IsDBNull(19) ? null : reader.GetString(19);
            line.Clear();
            switch (format)
            {
                case LedgerExportFormat.Csv:
                    AppendCsv(line, record, rosterName);
                    break;
                case LedgerExportFormat.Jsonl:
                    AppendJson(line, json, record, rosterName);
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

    private static void AppendCsv(StringBuilder line, LedgerRecord r, string? rosterName)
    {
        string?[] fields =
        [
            LedgerRecord.Invariant(r.Id), r.GateKey, LedgerRecord.Invariant(r.GateId), LedgerRecord.Invariant(r.Revision), LedgerRecord.Invariant(r.Stage),
            r.Seat, r.Kind, r.PersonId, r.PersonName, rosterName is null ? null : FormulaGuard(rosterName), r.RoleHeld, r.Decision, Flag(r.IsOverride),
            Flag(r.OptionalSeat), r.Comment, r.Checklist, r.Platform, FormatTime(r.At), LedgerRecord.Invariant(r.At), Flag(r.IsStale),
            r.PrevHash ?? "", r.Hash,
        ];
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0) line.Append(',');
            AppendCsvField(line, fields[i]);
        }

        line.Append("\r\n");
    }

    /// <summary>
    /// RFC 4180 quoting, the text itself unchanged; NULL is an unquoted empty cell and the empty string a quoted one
    /// (<c>""</c>), so the two stay apart.
    /// </summary>
    internal static void AppendCsvField(StringBuilder line, string? value)
    {
        if (value is null) return;
        if (value.Length > 0 && value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(value);
            return;
        }

        line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    /// <summary>
    /// For display-only CSV cells: a leading apostrophe before text a spreadsheet would run as a formula (starting
    /// with =, +, -, @, tab or CR). Never applied to a hashed field, which must stay exact.
    /// </summary>
    internal static string FormulaGuard(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    private static void AppendJson(StringBuilder line, ArrayBufferWriter<byte> buffer, LedgerRecord r, string? rosterName)
    {
        buffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteNumber("id", r.Id);
            json.WriteString("gate", r.GateKey);
            json.WriteNumber("gate_id", r.GateId);
            json.WriteNumber("revision", r.Revision);
            json.WriteNumber("stage", r.Stage);
            json.WriteString("seat", r.Seat);
            json.WriteString("kind", r.Kind);
            json.WriteString("person_id", r.PersonId);
            json.WriteString("person_name", r.PersonName);
            json.WriteString("roster_name", rosterName);
            json.WriteString("role_held", r.RoleHeld);
            json.WriteString("decision", r.Decision);
            json.WriteNumber("override", r.IsOverride ? 1 : 0);
            json.WriteNumber("optional", r.OptionalSeat ? 1 : 0);
            json.WriteString("comment", r.Comment);
            json.WriteString("checklist", r.Checklist);
            json.WriteString("platform", r.Platform);
            json.WriteString("at", FormatTime(r.At));
            json.WriteNumber("at_ms", r.At);
            json.WriteNumber("stale", r.IsStale ? 1 : 0);
            json.WriteString("prev_hash", r.PrevHash ?? "");
            json.WriteString("hash", r.Hash);
            json.WriteEndObject();
        }

        line.Append(Encoding.UTF8.GetString(buffer.WrittenSpan)).Append('\n');
    }

    private static string Flag(bool value) => value ? "1" : "0";
}
