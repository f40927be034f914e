using Microsoft.Extensions.Options;
using SecBot.Host.ConsolePlatform;

namespace SecBot.Host.WebConsole;

public static class WebConsoleRegistration
{
    /// <summary>The web console's services: its access filter, its login, the start-up checks of its keys, and Chat as anyone.</summary>
    public static IServiceCollection AddWebConsole(this IServiceCollection services)
    {
        services.AddSingleton<ConsoleAccess>();
        services.AddSingleton<IValidateOptions<ConsoleOptions>, ConsoleOptionsValidation>();
        services.AddConsoleLogin();
        services.AddSingleton<ConsoleChat>();
        return services;
    }
}
