using SecBot.Chat.Ids;

namespace SecBot.Host.Reports;

/// <summary>The output formats of <c>report</c>.</summary>
internal enum ReportFormat
{
    Markdown,
    Json,
}

/// <summary>
/// The parsed <c>report INC-n [--format md|json]</c> command line. Configuration overrides (<c>--SecBot:Database:Path=FILE</c>
/// or <c>--SecBot:Database:Path FILE</c>) are passed through to the configuration, as for the service.
/// </summary>
internal sealed record ReportArguments(IncidentId Incident, ReportFormat Format, IReadOnlyList<string> ConfigurationArgs)
{
    /// <summary>The arguments, or the reason they are not valid.</summary>
    public static (ReportArguments? Arguments, string? Error) Parse(IReadOnlyList<string> args)
    {
        IncidentId? incident = null;
        ReportFormat? format = null;
        var configuration = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--SecBot:", StringComparison.OrdinalIgnoreCase) || arg.StartsWith("--SecBot__", StringComparison.OrdinalIgnoreCase))
            {
                configuration.Add(arg);
                if (!arg.Contains('=', StringComparison.Ordinal))
                {
                    if (i + 1 >= args.Count) return (null, $"{arg} needs a value");
                    configuration.Add(args[++i]);
                }

                continue;
            }

            if (arg == "--format" || arg.StartsWith("--format=", StringComparison.Ordinal))
            {
                if (format is not null) return (null, "--format is given twice");
                var value = arg.Length > "--format".Length ? arg["--format=".Length..] : i + 1 < args.Count ? args[++i] : null;
                format = value?.ToLowerInvariant() switch
                {
                    "md" or "markdown" => ReportFormat.Markdown,
                    "json" => ReportFormat.Json,
                    _ => null,
                };
                if (format is null) return (null, value is null ? "--format needs a value: md or json" : $"--format must be md or json, not '{value}'");
                continue;
            }

            if (arg.StartsWith("--", StringComparison.Ordinal)) return (null, $"unknown option '{arg}': use --format md|json");
            if (incident is not null) return (null, $"unexpected argument '{arg}': report takes one incident id");
            if (!IncidentId.TryParse(arg, out var id)) return (null, $"'{arg}' is not an incident id; ids look like INC-12");
            incident = id;
        }

        return incident is { } number
            ? (new ReportArguments(number, format ?? ReportFormat.Markdown, configuration), null)
            : (null, "missing the incident id, such as INC-12");
    }
}
