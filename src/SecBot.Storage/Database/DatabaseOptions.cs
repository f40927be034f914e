namespace SecBot.Storage.Database;

/// <summary>Bound from <c>SecBot:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "SecBot:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The SQLite file; a relative path is taken from the current directory. Its directory is created on first use.</summary>
    public string Path { get; set; } = "data/secbot.db";

    /// <summary>The PostgreSQL connection string (Npgsql's keywords); required, and only read, when <see cref="Provider"/> is Postgres.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>On PostgreSQL, the longest the clock and the dispatcher sleep without looking for work another replica left (default 2 s).</summary>
    public TimeSpan? LookAgainAfter { get; set; }
}
