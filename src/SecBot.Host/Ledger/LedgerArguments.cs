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

    /// <summary>verify: an export file to verify instead of the database.</summary>
    public string? ExportFile { get; init; }

    /// <summary>verify: heads (record hashes) noted down earlier, each of which the chain must still hold.</summary>
    public IReadOnlyList<string> Heads { get; init; } = [];

    /// <summary>verify: posted checkpoint lines, each of which must be signed with the configured key and still hold.</summary>
    public IReadOnlyList<string> Checkpoints { get; init; } = [];

    /// <summary>The arguments, or the reason they are not valid.</summary>
    public static (LedgerArguments? Arguments, string? Error) Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0) return (null, "missing sub-command: verify or export");
        var verb = args[0];
        if (verb is not (Verify or Export)) return (null, $"unknown sub-command '{verb}': use verify or export");

        string[] options = verb == Verify ? ["--export", "--head", "--checkpoint"] : ["--format", "--since", "--out"];
        LedgerExportFormat? format = null;
        DateTimeOffset? since = null;
        string? outFile = null;
        string? exportFile = null;
        var heads = new List<string>();
        var checkpoints = new List<string>();
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

            var (name, inline) = SplitOption(arg);
            if (!options.Contains(name))
            {
                return (null, name.StartsWith("--", StringComparison.Ordinal)
                    ? $"unknown option '{arg}' for {verb}: use {string.Join(", ", options)}"
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

            switch (name)
            {
                case "--format" when format is not null:
                case "--since" when since is not null:
                case "--out" when outFile is not null:
                case "--export" when exportFile is not null:
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
                case "--head":
                    var head = value.Trim().ToLowerInvariant();
                    if (head.Length != 64 || !head.All(char.IsAsciiHexDigitLower)) return (null, $"--head must be a record hash, 64 hex digits, not '{value}'");
                    heads.Add(head);
                    break;
                case "--checkpoint":
                    if (!LedgerCheckpoint.IsWellFormed(value))
                    {
                        return (null, $"--checkpoint must be a posted checkpoint line, '{LedgerCheckpoint.FormatTag} at=… records=… head=… hmac=…', not '{value}'");
                    }

                    checkpoints.Add(value.Trim());
                    break;
                case "--export":
                    if (string.IsNullOrWhiteSpace(value)) return (null, "--export needs a file name");
                    exportFile = value;
                    break;
                default:
                    if (string.IsNullOrWhiteSpace(value)) return (null, "--out needs a file name");
                    outFile = value;
                    break;
            }
        }

        if (verb == Export && format is null) return (null, "export needs --format csv or --format jsonl");
        return (new LedgerArguments(verb, format, since, outFile, configuration) { ExportFile = exportFile, Heads = heads, Checkpoints = checkpoints }, null);
    }

    private static bool IsConfigurationOverride(string arg) =>
        arg.StartsWith("--SecBot:", StringComparison.OrdinalIgnoreCase) || arg.StartsWith("--SecBot__", StringComparison.OrdinalIgnoreCase);

    private static (string Name, string? Value) SplitOption(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }
}
