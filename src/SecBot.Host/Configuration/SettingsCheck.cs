using System.ComponentModel;
using System.Reflection;

namespace SecBot.Host.Configuration;

/// <summary>
/// Checks every value bound to an options type before the binder sees it. The binder silently drops a list element
/// whose value fails to convert (a level with <c>"AckTimeout": "ten minutes"</c> would vanish from the policy) and reads
/// some durations differently from a person (<c>"24:00:00"</c> is 24 days), so durations are read by
/// <see cref="SettingDuration"/> and every other value by its type's converter, as the binder would.
/// </summary>
public static class SettingsCheck
{
    public static SettingsCheckResult Run(IConfiguration configuration, IEnumerable<BoundSection> sections)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(sections);
        var result = new SettingsCheckResult();
        foreach (var section in sections) CheckObject(configuration.GetSection(section.Path), section.Options, result);
        return result;
    }

    /// <summary>
    /// Checks what <paramref name="configuration"/> holds now (file, environment and arguments merged) and layers the
    /// replacements on top, so the binder reads unit durations as TimeSpan text and each refused value as its option's default.
    /// </summary>
    public static SettingsCheckResult Apply(ConfigurationManager configuration, IEnumerable<BoundSection> sections)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var result = Run(configuration, sections);
        if (result.Replacements.Count > 0) configuration.AddInMemoryCollection(result.Replacements);
        return result;
    }

    private static void CheckObject(IConfigurationSection section, Type type, SettingsCheckResult result)
    {
        object? defaults = null;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            CheckValue(section.GetSection(property.Name), property.PropertyType, result, () => DefaultText(property, defaults ??= Activator.CreateInstance(type)));
        }
    }

    /// <param name="defaultText">What a refused value binds as: the option's default, so later checks see a value they accept.</param>
    private static void CheckValue(IConfigurationSection section, Type type, SettingsCheckResult result, Func<string?> defaultText)
    {
        var nullable = Nullable.GetUnderlyingType(type);
        var target = nullable ?? type;
        if (IsScalar(target))
        {
            if (section.Value is not { } value || target == typeof(string) || (nullable is not null && value.Length == 0)) return;
            if (target != typeof(TimeSpan))
            {
                if (!Converts(value, target)) result.Refuse(section.Path, $"'{value}' is not a valid {Describe(target)}", defaultText());
            }
            else if (!SettingDuration.TryParse(value, out var duration, out var refusal))
            {
                result.Refuse(section.Path, $"'{value}' {refusal}", defaultText());
            }
            else if (SettingDuration.Text(duration) != value)
            {
                result.Replace(section.Path, SettingDuration.Text(duration));
            }

            return;
        }

        if (ElementType(target) is { } element)
        {
            foreach (var item in section.GetChildren()) CheckValue(item, element, result, () => null);
            return;
        }

        if (target.IsClass) CheckObject(section, target, result);
    }

    private static string? DefaultText(PropertyInfo property, object? owner) => (owner is null ? null : property.GetValue(owner)) switch
    {
        null => null,
        TimeSpan duration => SettingDuration.Text(duration),
        var value => TypeDescriptor.GetConverter(value.GetType()).ConvertToInvariantString(value),
    };

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
        _ when type == typeof(DateOnly) => "date (yyyy-MM-dd)",
        _ when type == typeof(DateTime) => "local date and time (yyyy-MM-ddTHH:mm)",
        _ when type == typeof(bool) => "boolean (true or false)",
        _ when type.IsEnum => $"value (one of {string.Join(", ", Enum.GetNames(type))})",
        _ when type == typeof(int) || type == typeof(long) => "whole number",
        _ => type.Name,
    };
}
