using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SecBot.Storage.Tests.Ledger;

/// <summary>
/// An auditor who has only README.md and an export. The canonical record is built from what the README's
/// "The canonical record" section says, its field table read from the README itself: each field a 4-byte big-endian
/// length and its UTF-8 bytes, NULL the length FF FF FF FF and no bytes, the bytes of a field the text of its export
/// column as it stands; in CSV an unquoted empty cell is NULL and a quoted one the empty string. It deliberately uses
/// nothing of SecBot's own (no LedgerHasher, no LedgerRecord, no export reader): if the README and the code part,
/// this auditor's hashes stop matching.
/// </summary>
internal static partial class ReadmeAuditor
{
    /// <summary>The README's "The sign-off ledger" section.</summary>
    public static string Section { get; } = ReadSection();

    /// <summary>The canonical record's fields, in order: the format tag's text first, then the export columns.</summary>
    public static (string Tag, IReadOnlyList<string> Columns) CanonicalRecord { get; } = ReadCanonicalRecord();

    /// <summary>The hash of one exported record, each field read by its column name (null: NULL).</summary>
    public static string Hash(Func<string, string?> column)
    {
        var canonical = new List<byte>();
        Append(canonical, CanonicalRecord.Tag);
        foreach (var name in CanonicalRecord.Columns) Append(canonical, column(name));
        return Convert.ToHexStringLower(SHA256.HashData(canonical.ToArray()));
    }

    /// <summary>The records of a CSV export, each as a lookup by column name.</summary>
    public static IEnumerable<Func<string, string?>> CsvRecords(string text)
    {
        var rows = ParseCsv(text);
        var header = rows[0];
        return rows.Skip(1).Select(row => (Func<string, string?>)(name =>
        {
            var index = header.IndexOf(name);
            Assert.True(index >= 0, $"the CSV has no column {name}");
            return row[index];
        }));
    }

    /// <summary>The records of a JSON lines export: a string as it is, a number as its digits, null as NULL.</summary>
    public static IEnumerable<Func<string, string?>> JsonRecords(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            var record = JsonDocument.Parse(line).RootElement.Clone();
            return (Func<string, string?>)(name => record.GetProperty(name) switch
            {
                { ValueKind: JsonValueKind.Null } => null,
                { ValueKind: JsonValueKind.String } value => value.GetString(),
                { ValueKind: JsonValueKind.Number } value => value.GetRawText(),
                var other => throw new InvalidOperationException($"{name} is a JSON {other.ValueKind}"),
            });
        });

    /// <summary>
    /// RFC 4180 (CRLF between records; a quoted cell may hold anything, quotes doubled), keeping an unquoted empty cell
    /// (NULL, returned as null) apart from a quoted one (the empty string).
    /// </summary>
    public static List<List<string?>> ParseCsv(string text)
    {
        var rows = new List<List<string?>>();
        var row = new List<string?>();
        var field = new StringBuilder();
        var quoted = false;
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"' && field.Length == 0 && !quoted)
            {
                quoted = true;
                i++;
                while (true)
                {
                    if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; }
                    else if (text[i] == '"') { i++; break; }
                    else field.Append(text[i++]);
                }
            }

            var endOfRow = i + 1 < text.Length && text[i] == '\r' && text[i + 1] == '\n';
            if (endOfRow || (i < text.Length && text[i] == ','))
            {
                row.Add(quoted || field.Length > 0 ? field.ToString() : null);
                field.Clear();
                quoted = false;
                i += endOfRow ? 2 : 1;
                if (!endOfRow) continue;
                rows.Add(row);
                row = [];
                continue;
            }

            Assert.NotEqual('"', text[i]);
            Assert.NotEqual('\n', text[i]);
            field.Append(text[i++]);
        }

        Assert.Empty(row);
        return rows;
    }

    private static void Append(List<byte> canonical, string? value)
    {
        if (value is null)
        {
            canonical.AddRange([0xFF, 0xFF, 0xFF, 0xFF]);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        canonical.AddRange([(byte)(bytes.Length >> 24), (byte)(bytes.Length >> 16), (byte)(bytes.Length >> 8), (byte)bytes.Length]);
        canonical.AddRange(bytes);
    }

    private static (string Tag, IReadOnlyList<string> Columns) ReadCanonicalRecord()
    {
        var table = Section[Section.IndexOf("### The canonical record", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("\n### ", 1, StringComparison.Ordinal)];
        string? tag = null;
        var columns = new List<string>();
        foreach (Match row in TableRow().Matches(table))
        {
            Assert.Equal(columns.Count + (tag is null ? 1 : 2), int.Parse(row.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture));
            if (row.Groups["column"].Value == "(none)")
            {
                tag = Code().Match(row.Groups["hashed"].Value).Groups[1].Value;
            }
            else
            {
                columns.Add(Code().Match(row.Groups["column"].Value).Groups[1].Value);
            }
        }

        Assert.NotNull(tag);
        return (tag, columns);
    }

    private static string ReadSection()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "SecBot.sln"))) dir = dir.Parent;
        var readme = File.ReadAllText(Path.Combine(dir.FullName, "README.md"));
        var start = readme.IndexOf("## The sign-off ledger", StringComparison.Ordinal);
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return readme[start..end];
    }

    [GeneratedRegex(@"^\| (?<n>\d+) \| (?<column>[^|]+) \| (?<hashed>.+) \|$", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();
}
