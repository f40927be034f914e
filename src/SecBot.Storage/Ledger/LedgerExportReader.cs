using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SecBot.Storage.Ledger;

/// <summary>
/// Reads a ledger export (<see cref="LedgerExporter"/>'s CSV or JSON lines; which one is told by the first character)
/// back into records, taking each hashed field as the export writes it: an auditor's <c>ledger verify --export</c>
/// needs nothing but the file. Anything that is not exactly that form (a missing column, a number not in plain
/// decimal digits, a flag other than 0/1, NULL where the ledger never stores one) is refused with a
/// <see cref="FormatException"/> naming the line, rather than guessed at.
/// </summary>
public static class LedgerExportReader
{
    private static readonly string[] Required =
    [
        "id", "gate_id", "revision", "stage", "seat", "kind", "person_id", "person_name", "role_held", "decision",
        "override", "optional", "comment", "checklist", "platform", "at_ms", "prev_hash", "hash",
    ];

    public static IEnumerable<LedgerRecord> Read(TextReader input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Peek() == '{' ? ReadJsonLines(input) : ReadCsv(input);
    }

    private static IEnumerable<LedgerRecord> ReadCsv(TextReader input)
    {
        var cursor = new CsvCursor(input);
        if (cursor.ReadRecord() is not { } header) yield break;
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++) columns.TryAdd(header[i] ?? "", i);
        var missing = Required.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0) throw new FormatException($"line 1: the header lacks the column(s) {string.Join(", ", missing)}");

        while (true)
        {
            var line = cursor.Line;
            if (cursor.ReadRecord() is not { } row) yield break;
            if (row.Count != header.Count) throw new FormatException($"line {line}: {row.Count} cell(s), but the header has {header.Count}");
            yield return ToRecord($"line {line}", name => columns.TryGetValue(name, out var i) ? (row[i], true) : (null, false));
        }
    }

    private static IEnumerable<LedgerRecord> ReadJsonLines(TextReader input)
    {
        var number = 0;
        while (input.ReadLine() is { } text)
        {
            number++;
            if (text.Length == 0) continue;
            var where = $"line {number}";
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(text);
            }
            catch (JsonException e)
            {
                throw new FormatException($"{where}: not a JSON object: {e.Message}", e);
            }

            using (document)
            {
                var o = document.RootElement;
                if (o.ValueKind != JsonValueKind.Object) throw new FormatException($"{where}: not a JSON object");
                yield return ToRecord(where, name => Field(o, name, where));
            }
        }
    }

    /// <summary>A JSON value as the text it stands for: a string as it is, a number as its digits, null as NULL.</summary>
    private static (string? Value, bool Present) Field(JsonElement o, string name, string where)
    {
        if (!o.TryGetProperty(name, out var value)) return (null, false);
        return value.ValueKind switch
        {
            JsonValueKind.String => (value.GetString(), true),
            JsonValueKind.Number => (value.GetRawText(), true),
            JsonValueKind.Null => (null, true),
            _ => throw new FormatException($"{where}: {name} is a JSON {value.ValueKind.ToString().ToLowerInvariant()}, not a string, number or null"),
        };
    }

    private static LedgerRecord ToRecord(string where, Func<string, (string? Value, bool Present)> field)
    {
        string? Nullable(string name)
        {
            var (value, present) = field(name);
            return present ? value : throw new FormatException($"{where}: {name} is missing");
        }

        string Text(string name) => Nullable(name) ?? throw new FormatException($"{where}: {name} is NULL, which the ledger never stores");

        long Number(string name)
        {
            var text = Text(name);
            return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                && string.Equals(LedgerRecord.Invariant(value), text, StringComparison.Ordinal)
                    ? value
                    : throw new FormatException($"{where}: {name} is '{text}', not a number in plain decimal digits");
        }

        int Small(string name)
        {
            var value = Number(name);
            return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw new FormatException($"{where}: {name} is out of range");
        }

        bool Flag(string name) => Text(name) switch
        {
            "0" => false,
            "1" => true,
            var other => throw new FormatException($"{where}: {name} is '{other}', not 0 or 1"),
        };

        return new LedgerRecord
        {
            Id = Number("id"),
            GateId = Number("gate_id"),
            Revision = Small("revision"),
            Stage = Small("stage"),
            Seat = Text("seat"),
            Kind = Text("kind"),
            PersonId = Text("person_id"),
            PersonName = Nullable("person_name"),
            RoleHeld = Text("role_held"),
            Decision = Text("decision"),
            Comment = Nullable("comment"),
            Checklist = Nullable("checklist"),
            Platform = Text("platform"),
            IsOverride = Flag("override"),
            OptionalSeat = Flag("optional"),
            At = Number("at_ms"),
            PrevHash = Text("prev_hash"),
            Hash = Text("hash"),
            IsStale = field("stale") is ("1", true),
        };
    }

    /// <summary>
    /// RFC 4180 records (CRLF or LF between them; quoted fields may hold anything, quotes doubled), keeping an unquoted
    /// empty cell (NULL) apart from a quoted one (the empty string).
    /// </summary>
    private sealed class CsvCursor(TextReader input)
    {
        private readonly StringBuilder _field = new();

        /// <summary>The line the next record starts on.</summary>
        public int Line { get; private set; } = 1;

        public List<string?>? ReadRecord()
        {
            if (input.Peek() < 0) return null;
            var row = new List<string?>();
            while (true)
            {
                _field.Clear();
                int next;
                if (input.Peek() == '"')
                {
                    input.Read();
                    while (true)
                    {
                        var c = input.Read();
                        if (c < 0) throw new FormatException($"line {Line}: a quoted cell is not closed");
                        if (c == '"')
                        {
                            if (input.Peek() != '"') break;
                            input.Read();
                        }
                        else if (c == '\n')
                        {
                            Line++;
                        }

                        _field.Append((char)c);
                    }

                    row.Add(_field.ToString());
                    next = input.Read();
                }
                else
                {
                    while ((next = input.Read()) >= 0 && next is not (',' or '\r' or '\n'))
                    {
                        if (next == '"') throw new FormatException($"line {Line}: a quote inside an unquoted cell");
                        _field.Append((char)next);
                    }

                    row.Add(_field.Length == 0 ? null : _field.ToString());
                }

                switch (next)
                {
                    case ',':
                        continue;
                    case '\r' when input.Peek() == '\n':
                        input.Read();
                        Line++;
                        return row;
                    case '\n':
                        Line++;
                        return row;
                    case < 0:
                        return row;
                    default:
                        throw new FormatException($"line {Line}: unexpected '{(char)next}' where a comma or a line end belongs");
                }
            }
        }
    }
}
