namespace SecBot.Storage.Delivery;

/// <summary>
/// Which platforms' messages a claim takes: one dispatcher lane per platform, so a platform that hangs holds up only its
/// own messages. <see cref="Except"/> turns the list into the platforms not to take.
/// </summary>
public sealed record OutboxLane(IReadOnlyList<string> Platforms, bool Except)
{
    /// <summary>Every platform's messages.</summary>
    public static OutboxLane All { get; } = new([], Except: true);

    public static OutboxLane Of(string platform) => new([platform], Except: false);

    public static OutboxLane AllBut(IEnumerable<string> platforms) => new([.. platforms], Except: true);

    /// <summary>An <c>AND …</c> condition on <paramref name="column"/> (empty for every platform), its parameters added by <see cref="With"/>.</summary>
    internal string Condition(string column)
    {
        if (Platforms.Count == 0) return Except ? "" : "AND 1 = 0";
        // One parameter per platform: a list parameter is expanded by Dapper for SQLite but sent as an array to PostgreSQL.
        var names = string.Join(", ", Platforms.Select((_, i) => "@LanePlatform" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return $"AND {column} {(Except ? "NOT IN" : "IN")} ({names})";
    }

    /// <summary><paramref name="parameters"/> and this lane's, for a query with <see cref="Condition"/>.</summary>
    internal Dapper.DynamicParameters With(object parameters)
    {
        var all = new Dapper.DynamicParameters(parameters);
        for (var i = 0; i < Platforms.Count; i++) all.Add("LanePlatform" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), Platforms[i]);
        return all;
    }
}
