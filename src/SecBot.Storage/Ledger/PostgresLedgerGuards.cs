using System.Data.Common;
using System.Text.RegularExpressions;
using SecBot.Storage.Migrations;

namespace SecBot.Storage.Ledger;

/// <summary>
/// <see cref="LedgerGuards"/> on PostgreSQL: every trigger that Migrations/Postgres puts on <c>signoffs</c> must be
/// there, enabled, defined as the scripts define it (<c>pg_get_triggerdef</c>), and must call a function in the
/// language and with the exact body (<c>pg_proc.prosrc</c>) the scripts give it.
/// </summary>
/// <remarks>
/// The expected definitions are read from the scripts themselves, so they live in one place. Unlike SQLite, PostgreSQL
/// cannot run the scripts in a throwaway in-memory database, and running them in a scratch schema would need DDL rights
/// and a write transaction from a check that only reads. Reading them is exact where it matters: PostgreSQL keeps a
/// function's body verbatim as <c>prosrc</c>, and <c>pg_get_triggerdef</c> differs from the script's statement only
/// in whitespace and the table's schema, both normalized here. Guard functions are therefore written in the scripts as
/// <c>CREATE [OR REPLACE] FUNCTION name() RETURNS trigger LANGUAGE plpgsql AS $$ ... $$;</c>, each trigger as one
/// <c>CREATE TRIGGER ... ON signoffs ... EXECUTE FUNCTION name();</c> statement; a later script may replace a function,
/// create a trigger again after <c>DROP TRIGGER name ON signoffs</c>, or drop one.
/// </remarks>
internal static partial class PostgresLedgerGuards
{
    // tgenabled: 'O' fires normally, 'A' always; 'D' is disabled and 'R' fires only for replication, never for SecBot.
    private const string TriggersSql =
        """
        SELECT t.tgname::text, pg_get_triggerdef(t.oid), quote_ident(n.nspname::text), t.tgenabled::text, l.lanname::text, p.prosrc
        FROM pg_trigger t
        JOIN pg_class c ON c.oid = t.tgrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_proc p ON p.oid = t.tgfoid
        JOIN pg_language l ON l.oid = p.prolang
        WHERE t.tgrelid = to_regclass('signoffs') AND NOT t.tgisinternal
        """;

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Expected = new(() => Parse(PostgresScripts.All));

    public static IReadOnlyCollection<string> Names => [.. Expected.Value.Keys];

    /// <summary>One line per guard that is missing, disabled or not as the migrations create it; empty when all are in place.</summary>
    public static async Task<IReadOnlyList<string>> CheckAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var present = new Dictionary<string, string>(StringComparer.Ordinal);
        var disabled = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = TriggersSql;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var name = reader.GetString(0);
                var definition = reader.GetString(1).Replace($" ON {reader.GetString(2)}.signoffs ", " ON signoffs ", StringComparison.Ordinal);
                present[name] = Definition(definition, reader.GetString(4), reader.GetString(5));
                if (reader.GetString(3) is not ("O" or "A")) disabled.Add(name);
            }
        }

        var problems = LedgerGuards.Compare(Expected.Value, present);
        problems.AddRange(disabled
            .Where(Expected.Value.ContainsKey)
            .Order(StringComparer.Ordinal)
            .Select(name => $"the guard trigger {name} is disabled: the ledger could be changed without a trace in the database"));
        return problems;
    }

    /// <summary>The guard triggers on signoffs that <paramref name="scripts"/>, run in order, leave: name → definition.</summary>
    internal static IReadOnlyDictionary<string, string> Parse(IEnumerable<string> scripts)
    {
        var functions = new Dictionary<string, (string Language, string Body)>(StringComparer.Ordinal);
        var triggers = new SortedDictionary<string, (string Statement, string Function)>(StringComparer.Ordinal);
        foreach (var script in scripts)
        {
            foreach (Match statement in GuardStatement().Matches(script))
            {
                if (statement.Groups["function"].Success)
                {
                    functions[statement.Groups["function"].Value] = (statement.Groups["language"].Value, statement.Groups["body"].Value);
                }
                else if (statement.Groups["trigger"].Success)
                {
                    var text = Whitespace().Replace(statement.Groups["statement"].Value, " ").Replace("CREATE OR REPLACE TRIGGER", "CREATE TRIGGER", StringComparison.Ordinal);
                    triggers[statement.Groups["trigger"].Value] = (text, statement.Groups["calls"].Value);
                }
                else
                {
                    triggers.Remove(statement.Groups["dropped"].Value);
                }
            }
        }

        var expected = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, (statement, function)) in triggers)
        {
            var (language, body) = functions.TryGetValue(function, out var defined)
                ? defined
                : throw new InvalidOperationException($"The PostgreSQL migrations create the trigger {name} on signoffs calling {function}(), which they do not define as a guard function.");
            expected[name] = Definition(statement, language, body);
        }

        return expected.Count > 0
            ? expected
            : throw new InvalidOperationException("The PostgreSQL migrations put no guard trigger on signoffs.");
    }

    private static string Definition(string trigger, string language, string body) => $"{trigger}\n{language}\n{body}";

    [GeneratedRegex(
        @"CREATE\s+(?:OR\s+REPLACE\s+)?FUNCTION\s+(?<function>\w+)\(\)\s+RETURNS\s+trigger\s+LANGUAGE\s+(?<language>\w+)\s+AS\s+\$\$(?<body>.*?)\$\$;" +
        @"|(?<statement>CREATE\s+(?:OR\s+REPLACE\s+)?TRIGGER\s+(?<trigger>\w+)\s[^;]*?\sON\s+signoffs\s[^;]*?EXECUTE\s+FUNCTION\s+(?<calls>\w+)\(\));" +
        @"|DROP\s+TRIGGER\s+(?:IF\s+EXISTS\s+)?(?<dropped>\w+)\s+ON\s+signoffs\s*;",
        RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex GuardStatement();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
