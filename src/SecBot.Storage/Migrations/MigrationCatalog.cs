using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using SecBot.Storage.Database;

namespace SecBot.Storage.Migrations;

/// <summary>
/// One provider's embedded migration scripts (<c>Migrations/Sqlite</c>, <c>Migrations/Postgres</c>), in version order,
/// numbered 1, 2, 3... without gaps. Each provider numbers its own: a new migration adds a script to both.
/// </summary>
public sealed partial class MigrationCatalog
{
    private static readonly MigrationCatalog SqliteCatalog = new(DatabaseProvider.Sqlite, "SecBot.Storage.Migrations.Sqlite.");
    private static readonly MigrationCatalog PostgresCatalog = new(DatabaseProvider.Postgres, "SecBot.Storage.Migrations.Postgres.");

    private readonly Lazy<IReadOnlyList<Migration>> _loaded;

    private MigrationCatalog(DatabaseProvider provider, string resourcePrefix)
    {
        Provider = provider;
        _loaded = new(() => Load(resourcePrefix));
    }

    public static MigrationCatalog Sqlite => SqliteCatalog;

    public static MigrationCatalog Postgres => PostgresCatalog;

    public DatabaseProvider Provider { get; }

    public IReadOnlyList<Migration> All => _loaded.Value;

    public int LatestVersion => All[^1].Version;

    public static MigrationCatalog For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => SqliteCatalog,
        DatabaseProvider.Postgres => PostgresCatalog,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "not a database provider SecBot knows"),
    };

    [GeneratedRegex(@"^(?<version>\d{4})_(?<name>[a-z0-9_]+)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();

    private static List<Migration> Load(string resourcePrefix)
    {
        var assembly = typeof(MigrationCatalog).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(resourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = resource[resourcePrefix.Length..];
            var match = FileNamePattern().Match(fileName);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Embedded migration '{fileName}' is not named NNNN_name.sql.");
            }

            migrations.Add(new Migration(
                int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture),
                match.Groups["name"].Value,
                ReadScript(assembly, resource)));
        }

        migrations.Sort((left, right) => left.Version.CompareTo(right.Version));
        for (var index = 0; index < migrations.Count; index++)
        {
            if (migrations[index].Version != index + 1)
            {
                throw new InvalidOperationException(
                    $"Migrations must be numbered 1, 2, 3... without gaps or repeats; found {migrations[index].Version} at position {index + 1}.");
            }
        }

        return migrations.Count > 0
            ? migrations
            : throw new InvalidOperationException($"No embedded migrations were found under {resourcePrefix}.");
    }

    private static string ReadScript(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded migration '{resource}' could not be read.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
