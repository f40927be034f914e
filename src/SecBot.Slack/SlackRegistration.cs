using Microsoft.Extensions.Options;
using SecBot.Chat.Delivery;
using SecBot.Chat.Incidents;
using SecBot.Chat.OnCall;
using SecBot.Chat.Telemetry;
using SecBot.Slack.Configuration;
using SecBot.Slack.Delivery;
using SecBot.Slack.Endpoints;
using SecBot.Slack.Rendering;
using SecBot.Slack.SocketMode;
using SecBot.Slack.Verification;
using SecBot.Slack.WebApi;
using SecBot.Storage;
using SecBot.Storage.Delivery;
using SecBot.Storage.Incidents;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Slack;

/// <summary>
/// All of Slack behind two calls the host composes: <see cref="AddSlack"/> registers it, <see cref="MapSlack"/> maps its four
/// endpoints (contract.md "HTTP endpoints"). With no <c>SecBot:Slack:SigningSecret</c> the endpoints are not mapped and
/// answer 404; with no <c>SecBot:Slack:AppToken</c> either, nothing is registered and messages go to the other
/// platforms (or the console). An app token adds the Socket Mode connection, which feeds the same handling as the
/// endpoints, and makes <c>/readyz</c> wait for it.
/// </summary>
public static class SlackRegistration
{
    private const string ResilientClient = "slack";
    private const string InteractiveClient = "slack-interactive";
    private const string SocketClient = "slack-socket";

    public static IServiceCollection AddSlack(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SlackOptions>().Bind(configuration.GetSection(SlackOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlackOptions>, SlackOptionsValidation>();
        var section = configuration.GetSection(SlackOptions.SectionName);
        if (string.IsNullOrEmpty(section[nameof(SlackOptions.SigningSecret)]) && string.IsNullOrEmpty(section[nameof(SlackOptions.AppToken)])) return services;

        services.AddHttpClient(ResilientClient, (sp, http) => Configure(http, Options(sp), Options(sp).Resilience.AttemptTimeout));
        services.AddHttpClient(InteractiveClient, (sp, http) => Configure(http, Options(sp), SlackInteractiveApi.Timeout));
        services.AddSingleton(sp =>
        {
            var options = Options(sp);
            var pipeline = SlackResiliencePipeline.Create(options.Resilience, sp.GetRequiredService<TimeProvider>());
            return new SlackWebApiClient(Http(sp, ResilientClient), options.BotToken, pipeline, options.Resilience.BreakDuration, sp.GetService<PlatformApiErrors>());
        });
        services.AddSingleton(sp => new SlackInteractiveApi(
            new SlackWebApiClient(Http(sp, InteractiveClient), Options(sp).BotToken, errors: sp.GetService<PlatformApiErrors>())));
        if (!string.IsNullOrEmpty(section[nameof(SlackOptions.SigningSecret)]))
        {
            services.AddSingleton(sp => new SlackRequestVerifier(Options(sp).SigningSecret, sp.GetRequiredService<TimeProvider>()));
        }

        services.AddSingleton(sp => new SlackInstallationCheck(Options(sp)));
        // Socket Mode alone has no signing secret; the app token is the secret SecBot then holds to sign form state with.
        services.AddSingleton(sp => new ModalMetadata(Options(sp) is { SigningSecret.Length: > 0 } o ? o.SigningSecret : Options(sp).AppToken));
        services.AddSingleton(sp => CardRenderer.ForRoster(sp.GetRequiredService<RosterModel>(), sp.GetRequiredService<LearnedIdentities>()));
        services.AddSingleton(sp => new SlackDelivery(
            sp.GetRequiredService<SlackWebApiClient>(),
            Options(sp),
            sp.GetRequiredService<RosterModel>(),
            sp.GetRequiredService<LearnedIdentities>(),
            sp.GetRequiredService<CardRenderer>(),
            sp.GetRequiredService<SentCardRecorder>()));
        services.AddSingleton<IPlatformReach, SlackReach>();
        services.AddSingleton<ReplyRenderer>();
        services.AddSingleton(sp => new SlackIncidentChannels(
            Options(sp),
            sp.GetRequiredService<IStore>(),
            sp.GetRequiredService<IncidentRepository>(),
            sp.GetRequiredService<IncidentChannelRepository>(),
            sp.GetRequiredService<SlackWebApiClient>(),
            sp.GetRequiredService<IncidentCards>(),
            sp.GetRequiredService<CardRenderer>(),
            sp.GetRequiredService<RosterModel>(),
            sp.GetRequiredService<ILogger<SlackIncidentChannels>>()));
        services.AddSingleton<IMessageSender, SlackMessageSender>();

        services.AddSingleton<SlackInbound>();
        services.AddSingleton<SlackOutbox>();
        services.AddSingleton<SlackReplies>();
        services.AddSingleton<SlackForms>();
        services.AddSingleton<SlackCommandEndpoint>();
        services.AddSingleton<SlackActionEndpoint>();
        services.AddSingleton<SlackEventEndpoint>();
        services.AddSingleton<SlackOptionsEndpoint>();
        if (!string.IsNullOrEmpty(section[nameof(SlackOptions.AppToken)])) AddSocketMode(services);
        return services;
    }

    private static void AddSocketMode(IServiceCollection services)
    {
        services.AddHttpClient(SocketClient, (sp, http) => Configure(http, Options(sp), Options(sp).Resilience.AttemptTimeout));
        services.AddSingleton<SlackSocketStatus>();
        services.AddSingleton<SlackEnvelopeHandler>();
        services.AddHostedService(sp => new SlackSocketClient(
            new SlackWebApiClient(Http(sp, SocketClient), Options(sp).AppToken, errors: sp.GetService<PlatformApiErrors>()),
            sp.GetRequiredService<SlackEnvelopeHandler>(),
            sp.GetRequiredService<SlackSocketStatus>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SlackSocketClient>>()));
        services.AddHealthChecks().AddCheck<SlackSocketHealthCheck>("slack-socket", tags: [SlackSocketHealthCheck.ReadyTag]);
    }

    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<SlackOptions>>().Value;
        if (!options.IsConfigured) return endpoints;
        var uncheckedKeys = endpoints.ServiceProvider.GetRequiredService<SlackInstallationCheck>().UncheckedKeys;
        if (uncheckedKeys.Count > 0)
        {
            SlackLog.InstallationUnchecked(endpoints.ServiceProvider.GetRequiredService<ILogger<SlackInbound>>(), string.Join(", ", uncheckedKeys));
        }

        if (!options.IsEnabled) return endpoints;
        var slack = endpoints.MapGroup("/slack");
        slack.MapPost("/command", (HttpContext context, SlackCommandEndpoint endpoint) => endpoint.HandleAsync(context));
        slack.MapPost("/action", (HttpContext context, SlackActionEndpoint endpoint) => endpoint.HandleAsync(context));
        slack.MapPost("/event", (HttpContext context, SlackEventEndpoint endpoint) => endpoint.HandleAsync(context));
        slack.MapPost("/options", (HttpContext context, SlackOptionsEndpoint endpoint) => endpoint.HandleAsync(context));
        return endpoints;
    }

    private static SlackOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<SlackOptions>>().Value;

    private static HttpClient Http(IServiceProvider services, string name) => services.GetRequiredService<IHttpClientFactory>().CreateClient(name);

    private static void Configure(HttpClient http, SlackOptions options, TimeSpan timeout)
    {
        var baseUrl = options.ApiBaseUrl.EndsWith('/') ? options.ApiBaseUrl : options.ApiBaseUrl + "/";
        http.BaseAddress = new Uri(baseUrl, UriKind.Absolute);
        http.Timeout = timeout;
    }
}
