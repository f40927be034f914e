using Microsoft.Extensions.Options;

namespace SecBot.Host.Configuration;

/// <summary>Turns configuration failures into an operator-readable message instead of a stack trace.</summary>
public static class StartupFailure
{
    public static string? Describe(Exception exception) => exception switch
    {
        StartupConfigurationException e => e.Message,
        OptionsValidationException e => string.Join(Environment.NewLine, e.Failures),
        // The configuration binder names the key: "Failed to convert configuration value at 'SecBot:...' to type ..."
        InvalidOperationException e when e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal)
            => e.Message,
        InvalidDataException e when SettingsFileSyntax.Describe(e) is { } syntax => syntax,
        AggregateException { InnerExceptions.Count: 1 } e => Describe(e.InnerExceptions[0]),
        _ => null,
    };
}
