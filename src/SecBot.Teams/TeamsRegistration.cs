using SecBot.Chat;
using Microsoft.Extensions.Options;
using SecBot.Chat.Delivery;
using SecBot.Chat.OnCall;
using SecBot.Chat.Telemetry;
using SecBot.Storage.Delivery;
using SecBot.Teams.Authentication;
using SecBot.Teams.Cards;
using SecBot.Teams.Configuration;
using SecBot.Teams.Connector;
using SecBot.Teams.Delivery;
using SecBot.Teams.Endpoints;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Teams;

/// <summary>
/// All of Teams behind two calls the host composes: <see cref="AddTeams"/> registers it, <see cref="MapTeams"/> maps
/// <c>POST /api/messages</c> (contract.md "HTTP endpoints"). With no <c>SecBot:Teams:AppId</c> nothing is registered,
/// the endpoint answers 404 and messages go to the other platforms (or the console).
/// </summary>
public static class TeamsRegistration
{
    private const string IdentityClient = "teams-identity";
    private const string TokenClient = "teams-token";
    private const string ConnectorClient = "teams-connector";

    public static IServiceCollection AddTeams(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TeamsOptions>().Bind(configuration.GetSection(TeamsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidation>();
        if (string.IsNullOrWhiteSpace(configuration.GetSection(TeamsOptions.SectionName)[nameof(TeamsOptions.AppId)])) return services;

        var resilience = TeamsResilience.Bind(configuration);
        services.AddHttpClient(IdentityClient, http => http.Timeout = TimeSpan.FromSeconds(10));
        services.AddHttpClient(TokenClient, http => http.Timeout = TimeSpan.FromSeconds(10));
        services.AddHttpClient(ConnectorClient, http => http.Timeout = resilience.AttemptTimeout);
        services.AddSingleton(sp => new TeamsRequestAuthenticator(
            Options(sp), Http(sp, IdentityClient), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<TeamsRequestAuthenticator>>()));
        services.AddSingleton(sp => new BotTokenProvider(
            Http(sp, TokenClient), Options(sp), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<BotTokenProvider>>()));
        services.AddSingleton(sp => new BotConnectorClient(
            Http(sp, ConnectorClient),
            sp.GetRequiredService<BotTokenProvider>(),
            resilience,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<BotConnectorClient>>(),
            Options(sp).AllowAnonymousLoopback,
            sp.GetService<PlatformApiErrors>()));
        services.AddSingleton(sp => AdaptiveCardRenderer.ForRoster(sp.GetRequiredService<RosterModel>(), sp.GetRequiredService<LearnedIdentities>()));
        services.AddSingleton<TeamsReplyRenderer>();
        services.AddSingleton<TeamsConversations>();
        services.AddSingleton<IStoreBackedCache>(sp => sp.GetRequiredService<TeamsConversations>());
        services.AddSingleton(sp => new TeamsDelivery(
            sp.GetRequiredService<BotConnectorClient>(),
            Options(sp),
            sp.GetRequiredService<TeamsConversations>(),
            sp.GetRequiredService<AdaptiveCardRenderer>(),
            sp.GetRequiredService<SentCardRecorder>()));
        services.AddSingleton<IMessageSender, TeamsMessageSender>();
        services.AddSingleton<IPlatformReach, TeamsReach>();
        services.AddSingleton<TeamsSenders>();
        services.AddSingleton<TeamsReplies>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<TeamsOptions>>().Value);
        services.AddSingleton<TeamsMessagesEndpoint>();
        return services;
    }

    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (!endpoints.ServiceProvider.GetRequiredService<IOptions<TeamsOptions>>().Value.IsEnabled) return endpoints;
        endpoints.MapPost("/api/messages", (HttpContext context, TeamsMessagesEndpoint endpoint) => endpoint.HandleAsync(context));
        return endpoints;
    }

    private static TeamsOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<TeamsOptions>>().Value;

    private static HttpClient Http(IServiceProvider services, string name) => services.GetRequiredService<IHttpClientFactory>().CreateClient(name);
}
