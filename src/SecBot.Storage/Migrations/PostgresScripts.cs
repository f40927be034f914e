using System.Reflection;

namespace SecBot.Storage.Migrations;

/// <summary>
/// The embedded PostgreSQL scripts (<c>Migrations/Postgres/NNNN_name.sql</c>), in file-name order: what the ledger's
/// guard check reads the expected trigger functions from. The migration catalog per provider (issue 14) is meant to
/// serve these too; this reads them until it does.
/// </summary>
internal static class PostgresScripts
{
    private const string ResourcePrefix = "SecBot.Storage.Migrations.Postgres.";

    private static readonly Lazy<IReadOnlyList<string>> Loaded = new(Load);

    public static IReadOnlyList<string> All => Loaded.Value;

    private static List<string> Load()
    {
        var assembly = typeof(PostgresScripts).Assembly;
        var scripts = assembly.GetManifestResourceNames()
            .Where(resource => resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) && resource.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(resource => Read(assembly, resource))
            .ToList();
        return scripts.Count > 0 ? scripts : throw new InvalidOperationException("No embedded PostgreSQL migrations were found.");
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded migration '{resource}' could not be read.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
