using Microsoft.Extensions.Options;
using SecBot.Chat.Delivery;
using SecBot.Chat.Reviews;

namespace SecBot.Host.GateApi;

public static class GateApiRegistration
{
    /// <summary>The Gate API: its keys, gate reads and waits, the callbacks' outbox transport, the rate limit and the OpenAPI document.</summary>
    public static IServiceCollection AddGateApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidation>();
        services.AddSingleton<ApiKeys>();
        services.AddSingleton<CallbackConnector>();
        services.AddSingleton<GateResources>();
        services.AddSingleton<GateWatch>();
        services.AddSingleton<IGateChangeObserver, GateCallbacks>();
        services.AddSingleton<IMessageSender, GateCallbackSender>();
        // A callback is one attempt; the dispatcher retries, so a slow receiver holds no claim for long.
        services.AddHttpClient(GateCallbackSender.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                ConnectCallback = (context, cancellationToken) => provider.GetRequiredService<CallbackConnector>().ConnectAsync(context.DnsEndPoint, cancellationToken),
            });
        services.AddApiRateLimiting();
        services.AddApiDocument();
        return services;
    }

    /// <summary>The rate limiter, then the Gate API's endpoints and <c>/openapi.json</c>.</summary>
    public static WebApplication MapGateApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRateLimiter();
        GateApiEndpoints.MapGateApi(app);
        app.MapApiDocument();
        return app;
    }
}
