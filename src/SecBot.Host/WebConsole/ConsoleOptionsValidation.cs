using Microsoft.Extensions.Options;
using SecBot.Chat.Delivery;
using SecBot.Host.ConsolePlatform;
using SecBot.Host.Delivery;

namespace SecBot.Host.WebConsole;

/// <summary>
/// Start-up checks of <c>SecBot:Console</c>: with Slack or Teams configured, or served beyond this machine (<c>AllowRemote</c>),
/// a console that acts as anyone on the roster must have at least one admin key to log in with; keys are long enough not to
/// be guessed, and a problem never shows any part of one.
/// </summary>
internal sealed class ConsoleOptionsValidation(IServiceProvider services) : IValidateOptions<ConsoleOptions>
{
    /// <summary>Shorter keys can be guessed; 16 characters is the least a generated key has.</summary>
    public const int ShortestKey = 16;

    private const string Section = ConsoleOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ConsoleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.IsOn(chatConfigured: true) && options.AdminKeys.Count == 0 && ChatPlatforms() is { Length: > 0 } chat)
        {
            problems.Add($"{Section}:AdminKeys must name at least one key ({{ \"<key>\": \"<who holds it>\" }}) when {Section}:Enabled is true with {string.Join(" and ", chat.Select(PlatformNames.Of))} configured: "
                + "the web console acts as anyone on the roster, so it asks for a key to log in.");
        }

        if (options.AllowRemote && options.AdminKeys.Count == 0)
        {
            problems.Add($"{Section}:AdminKeys must name at least one key ({{ \"<key>\": \"<who holds it>\" }}) when {Section}:AllowRemote is true: "
                + "the web console acts as anyone on the roster, so served beyond this machine it asks for a key to log in.");
        }

        var position = 0;
        foreach (var (key, holder) in options.AdminKeys)
        {
            position++;
            // The key itself is a secret: a problem names it by its holder, or by its place in the list, never by any part of it.
            var which = holder is { Length: > 0 } ? $"the admin key of '{holder}'" : $"admin key {position} of {Section}:AdminKeys";
            if (key.Length < ShortestKey || key.Any(char.IsWhiteSpace))
                problems.Add($"{which} must be at least {ShortestKey} characters without spaces: it is the password the web console's login asks for.");
            if (string.IsNullOrWhiteSpace(holder))
                problems.Add($"{which} needs the name of who holds it ({{ \"<key>\": \"Olivia Grant\" }}): a login is recorded under that name.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    // Asked only when the answer matters; a chat platform whose own settings are invalid is reported by its own check.
    private string[] ChatPlatforms()
    {
        try
        {
            return ConfiguredPlatforms.ChatPlatformsOf(services.GetServices<IMessageSender>());
        }
        catch (OptionsValidationException)
        {
            return [];
        }
    }
}
