using Microsoft.Extensions.Options;
using Npgsql;
using SecBot.Storage.Database;

namespace SecBot.Host.Storage;

/// <summary>Start-up checks of <c>SecBot:Database</c>, each naming its key.</summary>
internal sealed class DatabaseOptionsValidation : IValidateOptions<DatabaseOptions>
{
    private const string Section = DatabaseOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite when string.IsNullOrWhiteSpace(options.Path):
                problems.Add($"{Section}:Path must name the SQLite file (e.g. data/secbot.db).");
                break;
            case DatabaseProvider.Postgres when string.IsNullOrWhiteSpace(options.ConnectionString):
                problems.Add($"{Section}:ConnectionString must be set when {Section}:Provider is Postgres (e.g. Host=db;Database=secbot;Username=secbot;Password=...).");
                break;
            case DatabaseProvider.Postgres when ConnectionStringProblem(options.ConnectionString!) is { } problem:
                problems.Add($"{Section}:ConnectionString is not a PostgreSQL connection string: {problem}");
                break;
        }

        if (options.LookAgainAfter is { } look && (look < TimeSpan.FromMilliseconds(100) || look > TimeSpan.FromMinutes(1)))
        {
            problems.Add($"{Section}:LookAgainAfter must be between 00:00:00.1 and 00:01:00: it bounds how late a replica notices work another replica left.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static string? ConnectionStringProblem(string connectionString)
    {
        try
        {
            var parsed = new NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(parsed.Host) ? "it names no Host" : null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }
}
