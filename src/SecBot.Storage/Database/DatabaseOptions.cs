namespace SecBot.Storage.Database;

/// <summary>Bound from <c>SecBot:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "SecBot:Database";

    /// <summary>The SQLite file; a relative path is taken from the current directory. Its directory is created on first use.</summary>
    public string Path { get; set; } = "data/secbot.db";
}
