using Microsoft.Extensions.Options;
using SecBot.Chat.Alerts;
using SecBot.Domain.Incidents;
using SecBot.Storage.Alerts;
using SecBot.Chat.Inbound;

namespace SecBot.Host.Alerts;

/// <summary>Alert intake: PagerDuty Events v2 and Alertmanager senders open, acknowledge and resolve incidents.</summary>
public static class AlertRegistration
{
    public static IServiceCollection AddAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AlertOptions>().Bind(configuration.GetSection(AlertOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlertOptions>, AlertOptionsValidation>();
        services.AddSingleton<AlertKeyRepository>();
        services.AddSingleton(sp => new AlertLevels(
            sp.GetRequiredService<EscalationPolicy>(),
            new Dictionary<string, string>(sp.GetRequiredService<IOptions<AlertOptions>>().Value.SeverityLevels, StringComparer.OrdinalIgnoreCase)));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AlertOptions>>().Value;
            return new NewIncidentLimit(
                options.NewIncidents.PerKey,
                options.NewIncidents.Window,
                options.RoutingKeys.Keys.Select(AlertRoutes.KeySpaceOf),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<SecBot.Chat.Inbound.RefusedRequests>());
        });
        services.AddSingleton<AlertIntake>();
        services.AddSingleton<AlertRoutes>();
        services.AddSingleton<PagerDutyEndpoint>();
        services.AddSingleton<AlertmanagerEndpoint>();
        return services;
    }

    public static IEndpointRouteBuilder MapAlerts(this IEndpointRouteBuilder endpoints)
    {
        var alerts = endpoints.MapGroup("/alerts").WithTags("alerts");
        alerts.MapPost("/v2/enqueue", (HttpContext context, PagerDutyEndpoint endpoint) => endpoint.HandleAsync(context))
            .WithName("EnqueuePagerDutyEvent")
            .WithSummary("PagerDuty Events API v2: trigger, acknowledge or resolve an alert")
            .Accepts<PagerDutyEvent>("application/json")
            .Produces<PagerDutyAccepted>(StatusCodes.Status202Accepted)
            .Produces<PagerDutyRejected>(StatusCodes.Status400BadRequest)
            .Produces<PagerDutyRejected>(StatusCodes.Status429TooManyRequests);
        alerts.MapPost("/alertmanager", (HttpContext context, AlertmanagerEndpoint endpoint) => endpoint.HandleAsync(context))
            .WithName("ReceiveAlertmanagerNotification")
            .WithSummary("Prometheus Alertmanager webhook (version 4); routing key as Authorization: Bearer or ?routing_key=")
            .Accepts<AlertmanagerNotification>("application/json")
            .Produces<AlertmanagerAccepted>(StatusCodes.Status200OK)
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest)
            .Produces<ErrorBody>(StatusCodes.Status401Unauthorized)
            .Produces<ErrorBody>(StatusCodes.Status429TooManyRequests);
        return endpoints;
    }
}
