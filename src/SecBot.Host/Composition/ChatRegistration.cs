using Microsoft.Extensions.Options;
using SecBot.Chat;
using SecBot.Chat.Conversation;
using SecBot.Chat.Delivery;
using SecBot.Chat.Inbound;
using SecBot.Chat.Incidents;
using SecBot.Chat.OnCall;
using SecBot.Chat.Parsing;
using SecBot.Chat.Reports;
using SecBot.Chat.Reviews;
using SecBot.Chat.Telemetry;
using SecBot.Domain.Incidents;
using SecBot.Domain.Policy;
using SecBot.Domain.Reviews;
using SecBot.Host.Clock;
using SecBot.Host.ConsolePlatform;
using SecBot.Host.Delivery;
using SecBot.Host.Limits;
using SecBot.Host.Ledger;
using SecBot.Host.Retention;
using SecBot.Storage;
using SecBot.Storage.Conversations;
using SecBot.Storage.Delivery;
using SecBot.Storage.Incidents;
using SecBot.Storage.Requeues;
using SecBot.Storage.Roster;
using SecBot.Storage.Timers;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Host.Composition;

public static class ChatRegistration
{
    /// <summary>The engines, the chat layer over them, the timer clock and the outbox dispatcher.</summary>
    public static IServiceCollection AddSecBotChat(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => RosterModel.From(Policy(sp).Roster));
        services.AddSingleton(sp => new EscalationPolicy(Policy(sp).Escalation));
        services.AddSingleton<EscalationEngine>();
        services.AddSingleton(sp => new ReviewPolicy(Policy(sp).Reviews));
        services.AddSingleton<ReviewGateEngine>();
        services.AddSingleton(sp => new CommandParser(CommandVocabulary.FromPolicy(Policy(sp))));
        services.AddSingleton<IncidentCards>();
        services.AddSingleton<OutboxWriter>();
        services.AddSingleton<AdapterOutbox>();
        services.AddSingleton(sp => new LearnedPlatformIdRepository(sp.GetRequiredService<IStore>()));
        services.AddSingleton(sp => new SentCardRepository(sp.GetRequiredService<IStore>()));
        services.AddSingleton<SentCardRecorder>();
        services.AddSingleton(sp => new PlatformConversationRepository(sp.GetRequiredService<IStore>()));
        services.AddSingleton<LearnedIdentities>();
        services.AddSingleton<IStoreBackedCache>(sp => sp.GetRequiredService<LearnedIdentities>());
        services.AddSingleton(sp => new PersonDirectory(sp.GetRequiredService<RosterModel>(), sp.GetRequiredService<LearnedIdentities>()));
        services.AddSingleton<DeliveryWarnings>();
        services.AddSingleton(sp => new DeclareLimit(
            sp.GetRequiredService<IOptions<DeclareLimitOptions>>().Value, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<RefusedRequests>()));
        services.AddSingleton(new PageStormRepository());
        services.AddSingleton<PageDigestCards>();
        services.AddSingleton(sp => new PageStorm(
            sp.GetRequiredService<IOptions<DeliveryOptions>>().Value.PageStorm, sp.GetRequiredService<PageStormRepository>(), sp.GetRequiredService<IncidentRepository>(),
            sp.GetRequiredService<PageDigestCards>(), sp.GetRequiredService<OutboxWriter>(), sp.GetRequiredService<RosterModel>()));
        services.AddSingleton<IncidentCommands>();
        services.AddSingleton<OnCallCommands>();
        services.AddSingleton<ReviewCards>();
        services.AddSingleton<ReviewCommands>();
        services.AddSingleton<ReviewQueries>();
        services.AddSingleton<RequeueLog>();
        services.AddSingleton<RetryCommands>();
        services.AddSingleton(sp => new IncidentReportBuilder(sp.GetRequiredService<IStore>()));
        services.AddSingleton<ReportReplies>();
        services.AddSingleton<ButtonActions>();
        services.AddSingleton<ChatRouter>();
        services.AddSingleton<DeliveryOnce>();
        services.AddSingleton<RefusedRequests>();
        services.AddSingleton<PlatformApiErrors>();

        services.AddSingleton<ITimerHandler, IncidentTimerHandler>();
        services.AddSingleton<ITimerHandler, ReviewTimerHandler>();
        services.AddSingleton<ITimerHandler, PageDigestTimerHandler>();
        services.AddSingleton<TimerClock>();
        services.AddHostedService(sp => sp.GetRequiredService<TimerClock>());

        services.AddOptions<DeliveryOptions>().Bind(configuration.GetSection(DeliveryOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DeliveryOptions>, DeliveryOptionsValidation>();
        services.AddOptions<DeclareLimitOptions>().Bind(configuration.GetSection(DeclareLimitOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DeclareLimitOptions>, DeclareLimitOptionsValidation>();
        services.AddConsolePlatform(configuration);
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());

        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidation>();
        services.AddSingleton<RetentionSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionSweeper>());

        services.AddOptions<LedgerOptions>().Bind(configuration.GetSection(LedgerOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LedgerOptions>, LedgerOptionsValidation>();
        services.AddSingleton<LedgerCheckpointer>();
        services.AddHostedService(sp => sp.GetRequiredService<LedgerCheckpointer>());
        return services;
    }

    private static PolicyOptions Policy(IServiceProvider services) => services.GetRequiredService<IOptions<PolicyOptions>>().Value;
}
