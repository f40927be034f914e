using System.Globalization;
using SecBot.Storage.Ledger;

namespace SecBot.Host.Ledger;

/// <summary>
/// The parsed <c>ledger</c> command line. Configuration overrides (<c>--SecBot:Database:Path=FILE</c> or
/// <c>--SecBot:Database:Path FILE</c>) are passed through to the configuration, as for the service.
/// </summary>
internal sealed record LedgerArguments(
    string Verb,
    LedgerExportFormat? Format,
    DateTimeOffset? Since,
    string? OutFile,
    IReadOnlyList<string> ConfigurationArgs)
{
    public const string Verify = "verify";
    public const string Export = "export";

    /// <summary>The arguments, or the reason they are not valid.</summary>
    public static (LedgerArguments? Arguments, string? Error) Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0) return (null, "missing sub-command: verify or export");
        var verb = args[0];
        if (verb is not (Verify or Export)) return (null, $"unknown sub-command '{verb}': use verify or export");

        LedgerExportFormat? format = null;
        DateTimeOffset? since = null;
        string? outFile = null;
        var configuration = new List<string>();
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (IsConfigurationOverride(arg))
            {
                configuration.Add(arg);
                if (!arg.Contains('=', StringComparison.Ordinal))
                {
                    if (i + 1 >= args.Count) return (null, $"{arg} needs a value");
                    configuration.Add(args[++i]);
                }

                continue;
            }

            if (verb == Verify) return (null, $"unexpected argument '{arg}': verify takes no options");

            var (name, inline) = SplitOption(arg);
            if (name is not ("--format" or "--since" or "--out")) return (null, $"unknown option '{arg}'");
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

            switch (name)
            {
                case "--format" when format is not null:
                case "--since" when since is not null:
                case "--out" when outFile is not null:
                    return (null, $"{name} is given twice");
                case "--format":
                    format = value.ToLowerInvariant() switch
                    {
                        "csv" => LedgerExportFormat.Csv,
                        "jsonl" => LedgerExportFormat.Jsonl,
                        _ => null,
                    };
                    if (format is null) return (null, $"--format must be csv or jsonl, not '{value}'");
                    break;
                case "--since":
                    if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                    {
                        return (null, $"--since must be a date YYYY-MM-DD (UTC), not '{value}'");
                    }

                    since = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                    break;
                default:
                    if (string.IsNullOrWhiteSpace(value)) return (null, "--out needs a file name");
                    outFile = value;
                    break;
            }
        }

        if (verb == Export && format is null) return (null, "export needs --format csv or --format jsonl");
        return (new LedgerArguments(verb, format, since, outFile, configuration), null);
    }

    private static bool IsConfigurationOverride(string arg) =>
        arg.StartsWith("--SecBot:", StringComparison.OrdinalIgnoreCase) || arg.StartsWith("--SecBot__", StringComparison.OrdinalIgnoreCase);

    private static (string Name, string? Value) SplitOption(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }
}
