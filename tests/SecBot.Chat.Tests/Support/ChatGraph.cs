using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using SecBot.Chat.Conversation;
using SecBot.Chat.Delivery;
using SecBot.Chat.Inbound;
using SecBot.Chat.Incidents;
using SecBot.Chat.OnCall;
using SecBot.Chat.Parsing;
using SecBot.Chat.Reports;
using SecBot.Chat.Reviews;
using SecBot.Domain.Incidents;
using SecBot.Domain.Policy;
using SecBot.Domain.Reviews;
using SecBot.Storage;
using SecBot.Storage.Delivery;
using SecBot.Storage.Incidents;
using SecBot.Storage.Requeues;
using SecBot.Storage.Reviews;
using SecBot.Storage.Roster;
using SecBot.Storage.Timers;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Chat.Tests.Support;

/// <summary>
/// The whole chat layer over one store, composed as ChatRegistration composes it (review gates and learned identities
/// included): the one graph the chat tests' harnesses and the benchmark build, so none of them runs a partial SecBot.
/// </summary>
internal sealed class ChatGraph
{
    /// <param name="reach">The platforms' answers to whether they can reach a person (<see cref="IPlatformReach"/>); none: every platform reaches everyone.</param>
    /// <param name="declares">Declares per person; by default the shipped limit.</param>
    /// <param name="pageStorm">Storm control; by default the shipped limit.</param>
    public ChatGraph(
        IStore store,
        PolicyOptions policy,
        IDeliveryPlatforms platforms,
        TimeProvider time,
        IEnumerable<IPlatformReach>? reach = null,
        DeclareLimitOptions? declares = null,
        PageStormOptions? pageStorm = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Roster = RosterModel.From(policy.Roster);
        var escalation = new EscalationPolicy(policy.Escalation);
        var reviewPolicy = new ReviewPolicy(policy.Reviews);
        Outbox = new OutboxWriter(platforms, reach, Roster);
        Learned = new LearnedIdentities(new LearnedPlatformIdRepository(store), Roster);
        People = new PersonDirectory(Roster, Learned);
        IncidentCards = new IncidentCards(Roster, escalation);
        ReviewCards = new ReviewCards(reviewPolicy, Roster);
        var reviewEngine = new ReviewGateEngine(reviewPolicy, Roster);
        IncidentRepository = new IncidentRepository(store);
        IncidentChannelRepository = new IncidentChannelRepository(store);
        GateRepository = new GateRepository(store);
        DueTimers = new DueTimers(store);
        TimerFailures = new TimerFailures(store);
        SubjectTimeline = new SubjectTimeline();
        Overrides = new OverrideRepository(store);
        var warnings = new DeliveryWarnings(new DeadLetters(store), TimerFailures, new OutboxBacklog(store), time);
        Reviews = new ReviewCommands(store, GateRepository, reviewEngine, reviewPolicy, escalation, ReviewCards, Outbox, time);
        ReviewQueries = new ReviewQueries(store, GateRepository, warnings, reviewEngine, ReviewCards, time);
        RefusedRequests = new RefusedRequests(time, NullLogger<RefusedRequests>.Instance, new PlainMeters());
        DeclareLimit = new DeclareLimit(declares ?? new DeclareLimitOptions(), time, RefusedRequests);
        PageStorm = new PageStorm(pageStorm ?? new PageStormOptions(), new PageStormRepository(), IncidentRepository, new PageDigestCards(Roster), Outbox, Roster);
        Incidents = new IncidentCommands(
            store, IncidentRepository, IncidentChannelRepository, Overrides, SubjectTimeline, warnings, new EscalationEngine(escalation, Roster), Roster, IncidentCards, Outbox, time, Reviews,
            DeclareLimit, PageStorm);
        OnCall = new OnCallCommands(store, Overrides, Roster, Outbox, People, time);
        RequeueLog = new RequeueLog();
        Reports = new ReportReplies(new IncidentReportBuilder(store), time);
        Retries = new RetryCommands(store, new DeadLetters(store), TimerFailures, SubjectTimeline, RequeueLog, Roster);
        Router = new ChatRouter(People, new CommandParser(CommandVocabulary.FromPolicy(policy)), Incidents, OnCall, new ButtonActions(Incidents, Reviews), Reviews, ReviewQueries, Retries,
            Reports, NullLogger<ChatRouter>.Instance);
        TimerHandlers = [new IncidentTimerHandler(Incidents), new ReviewTimerHandler(Reviews), new PageDigestTimerHandler(PageStorm)];
    }

    public RefusedRequests RefusedRequests { get; }

    public DeclareLimit DeclareLimit { get; }

    public PageStorm PageStorm { get; }

    public RosterModel Roster { get; }

    public IncidentRepository IncidentRepository { get; }

    public IncidentChannelRepository IncidentChannelRepository { get; }

    public GateRepository GateRepository { get; }

    public DueTimers DueTimers { get; }

    public TimerFailures TimerFailures { get; }

    public SubjectTimeline SubjectTimeline { get; }

    public OverrideRepository Overrides { get; }

    public OutboxWriter Outbox { get; }

    public LearnedIdentities Learned { get; }

    public PersonDirectory People { get; }

    public IncidentCards IncidentCards { get; }

    public ReviewCards ReviewCards { get; }

    public ReviewCommands Reviews { get; }

    public ReviewQueries ReviewQueries { get; }

    public IncidentCommands Incidents { get; }

    public OnCallCommands OnCall { get; }

    public RequeueLog RequeueLog { get; }

    public RetryCommands Retries { get; }

    public ReportReplies Reports { get; }

    public ChatRouter Router { get; }

    public IReadOnlyList<ITimerHandler> TimerHandlers { get; }

    /// <summary>Meters nobody collects from, unless a test listens (MeterListener).</summary>
    private sealed class PlainMeters : IMeterFactory
    {
        public Meter Create(MeterOptions options) => new(options);

        public void Dispose()
        {
        }
    }
}
