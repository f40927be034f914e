using System.Reflection;
using Microsoft.Extensions.Configuration;
using SecBot.Host.Configuration;

namespace SecBot.Host.Tests.Manifests;

/// <summary>
/// Whether the host reads a configuration key. The sections are every <c>SectionName</c> constant in the host's
/// assemblies, each with the options type bound from it; a key is handed, alone, to the configuration binder for the
/// options type of the deepest section holding it, with unknown keys made an error, after the host's own value check.
/// </summary>
internal static class BoundConfiguration
{
    public static IReadOnlyList<(string Path, Type Options)> Sections { get; } = DiscoverSections();

    /// <summary>Null when the host binds <paramref name="key"/> to <paramref name="value"/>; else why not.</summary>
    public static string? Refusal(string key, string value)
    {
        var section = Sections.Where(s => key.StartsWith(s.Path + ":", StringComparison.OrdinalIgnoreCase)).MaxBy(s => s.Path.Length);
        if (section.Options is null) return $"{key} is in no section SecBot binds";

        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection([new(key, value)]);
        var check = SettingsCheck.Apply(configuration, BoundSection.All);
        if (check.Problems.Count > 0) return string.Join("; ", check.Problems);
        try
        {
            configuration.GetSection(section.Path).Bind(Activator.CreateInstance(section.Options)!, o => o.ErrorOnUnknownConfiguration = true);
            return null;
        }
        catch (InvalidOperationException e)
        {
            return $"{key}: {e.Message}";
        }
    }

    private static List<(string Path, Type Options)> DiscoverSections()
    {
        var sections = new List<(string, Type)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<Assembly>([typeof(SecBotApp).Assembly]);
        while (pending.TryDequeue(out var assembly))
        {
            if (!seen.Add(assembly.GetName().Name!)) continue;
            foreach (var type in assembly.GetTypes())
            {
                if (type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly) is { IsLiteral: true } field
                    && field.GetRawConstantValue() is string path)
                {
                    sections.Add((path, OptionsType(type)));
                }
            }

            foreach (var reference in assembly.GetReferencedAssemblies().Where(r => r.Name!.StartsWith("SecBot.", StringComparison.Ordinal)))
            {
                pending.Enqueue(Assembly.Load(reference));
            }
        }

        return sections;
    }

    /// <summary>The type itself, or for a static holder of a section (TeamsResilience) the type its binding method returns.</summary>
    private static Type OptionsType(Type type) => !(type.IsAbstract && type.IsSealed)
        ? type
        : type.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Single(m => m.GetParameters() is [{ ParameterType: var parameter }] && parameter == typeof(IConfiguration) && m.ReturnType.IsClass)
            .ReturnType;
}
