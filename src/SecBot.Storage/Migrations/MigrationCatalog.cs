using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace SecBot.Storage.Migrations;

/// <summary>The embedded migration scripts, in version order, numbered 1, 2, 3... without gaps.</summary>
internal static partial class MigrationCatalog
{
    private const string ResourcePrefix = "SecBot.Storage.Migrations.Sqlite.";

    private static readonly Lazy<IReadOnlyList<Migration>> Loaded = new(Load);

    public static IReadOnlyList<Migration> All => Loaded.Value;

    public static int LatestVersion => All[^1].Version;

    [GeneratedRegex(@"^(?<version>\d{4})_(?<name>[a-z0-9_]+)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();

    private static List<Migration> Load()
    {
        var assembly = typeof(MigrationCatalog).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = resource[ResourcePrefix.Length..];
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
            : throw new InvalidOperationException("No embedded migrations were found.");
    }

    private static string ReadScript(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded migration '{resource}' could not be read.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
