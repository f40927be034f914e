using Dapper;

namespace SecBot.Storage.Database;

/// <summary>
/// Process-wide Dapper settings every query in SecBot relies on: snake_case columns map to
/// PascalCase members, instants travel as unix milliseconds, and flags as 0 or 1.
/// </summary>
internal static class DapperConventions
{
    private static readonly Lazy<bool> Registration = new(Register);

    public static void EnsureRegistered() => _ = Registration.Value;

    private static bool Register()
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;

        // Dapper's built-in mapping for DateTimeOffset would win over a handler; remove it first.
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        SqlMapper.AddTypeHandler(new UnixMillisecondsTypeHandler());
        SqlMapper.RemoveTypeMap(typeof(bool));
        SqlMapper.RemoveTypeMap(typeof(bool?));
        SqlMapper.AddTypeHandler(new ZeroOrOneTypeHandler());
        return true;
    }
}
