using System.ComponentModel;
using System.Reflection;

namespace SecBot.Host.Configuration;

/// <summary>
/// Finds configuration values that cannot convert to their option's type. The binder throws for some
/// of these but silently drops a list element whose value fails (a level with <c>"AckTimeout": "ten minutes"</c>
/// would vanish from the policy), so every value is checked against the options type first.
/// </summary>
public static class ConfigurationConversionCheck
{
    public static IReadOnlyList<string> Find(IConfigurationSection section, Type optionsType)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(optionsType);
        var problems = new List<string>();
        CheckObject(section, optionsType, problems);
        return problems;
    }

    private static void CheckObject(IConfigurationSection section, Type type, List<string> problems)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            CheckValue(section.GetSection(property.Name), property.PropertyType, problems);
        }
    }

    private static void CheckValue(IConfigurationSection section, Type type, List<string> problems)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (IsScalar(target))
        {
            if (section.Value is { Length: > 0 } value && !Converts(value, target))
            {
                problems.Add($"{section.Path}: '{value}' is not a valid {Describe(target)}");
            }

            return;
        }

        if (ElementType(target) is { } element)
        {
            foreach (var item in section.GetChildren()) CheckValue(item, element, problems);
            return;
        }

        if (target.IsClass) CheckObject(section, target, problems);
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal)
        || type == typeof(TimeSpan) || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(DateOnly) || type == typeof(TimeOnly);

    private static bool Converts(string value, Type type)
    {
        try
        {
            _ = TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value);
            return true;
        }
        catch (Exception e) when (e is FormatException or NotSupportedException or ArgumentException or OverflowException)
        {
            return false;
        }
        catch (Exception e) when (e.InnerException is FormatException or OverflowException)
        {
            return false;
        }
    }

    /// <summary>The element type of a list or dictionary the binder fills, else null.</summary>
    private static Type? ElementType(Type type)
    {
        if (type == typeof(string)) return null;
        if (type.IsArray) return type.GetElementType();
        var dictionary = type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        if (dictionary is not null) return dictionary.GetGenericArguments()[1];
        var enumerable = type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0];
    }

    private static string Describe(Type type) => type switch
    {
        _ when type == typeof(TimeSpan) => "duration (d.hh:mm:ss, e.g. 00:10:00)",
        _ when type == typeof(DateOnly) => "date (yyyy-MM-dd)",
        _ when type == typeof(DateTime) => "local date and time (yyyy-MM-ddTHH:mm)",
        _ when type == typeof(bool) => "boolean (true or false)",
        _ when type.IsEnum => $"value (one of {string.Join(", ", Enum.GetNames(type))})",
        _ => type.Name,
    };
}
