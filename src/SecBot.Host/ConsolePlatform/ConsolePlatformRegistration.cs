using SecBot.Chat.Delivery;
using SecBot.Host.Delivery;

namespace SecBot.Host.ConsolePlatform;

public static class ConsolePlatformRegistration
{
    /// <summary>The <c>console</c> platform: its sender, its inbox, and <c>SecBot:Console</c>.</summary>
    public static IServiceCollection AddConsolePlatform(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConsoleOptions>().Bind(configuration.GetSection(ConsoleOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<ConsoleInbox>();
        services.AddSingleton<IMessageSender, ConsoleMessageSender>();
        services.AddSingleton<ConfiguredPlatforms>();
        services.AddSingleton<IDeliveryPlatforms>(sp => sp.GetRequiredService<ConfiguredPlatforms>());
        return services;
    }
}
