using SecBot.Storage.Transfer;

namespace SecBot.Host.Transfer;

/// <summary>The parsed <c>migrate-to-postgres</c> command line: <c>--from FILE --to CONNECTION_STRING</c>, each also as <c>--name=value</c>.</summary>
internal sealed record MigrateToPostgresArguments(string From, string To)
{
    private static readonly string[] Options = ["--from", "--to"];

    /// <summary>The arguments, or the reason they are not valid.</summary>
    public static (MigrateToPostgresArguments? Arguments, string? Error) Parse(IReadOnlyList<string> args)
    {
        string? from = null;
        string? to = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var (name, inline) = arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
            if (!Options.Contains(name))
            {
                return (null, name.StartsWith("--", StringComparison.Ordinal)
                    ? $"unknown option '{name}': use --from and --to"
                    : $"unexpected argument '{arg}'");
            }

            string value;
            if (inline is not null)
            {
                value = inline;
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            else
            {
                return (null, $"{name} needs a value");
            }

            if (name == "--from")
            {
                if (from is not null) return (null, "--from is given twice");
                if (string.IsNullOrWhiteSpace(value)) return (null, "--from needs a file name");
                from = value;
            }
            else
            {
                if (to is not null) return (null, "--to is given twice");
                to = value;
            }
        }

        if (from is null) return (null, "missing --from FILE: the SecBot SQLite database to copy (the service's SecBot:Database:Path, e.g. data/secbot.db)");
        if (to is null) return (null, "missing --to CONNECTION_STRING: the PostgreSQL database to copy into");
        if (SqliteToPostgres.ConnectionStringProblem(to) is { } problem) return (null, $"--to: {problem}");
        return (new MigrateToPostgresArguments(from, to), null);
    }
}
