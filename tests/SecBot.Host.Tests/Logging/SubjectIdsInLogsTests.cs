using Microsoft.Extensions.Logging;
using System.Net;
using System.Text.RegularExpressions;
using SecBot.Chat.Conversation;
using SecBot.Chat.Logging;
using SecBot.Host.Tests.GateApi;
using SecBot.Host.Tests.Incidents;
using SecBot.Host.Tests.Support;
using SecBot.Storage;

namespace SecBot.Host.Tests.Logging;

/// <summary>
/// Every line SecBot logs about an incident or a gate carries its id as a structured property (<c>IncidentId</c>,
/// <c>GateId</c>) from the scope it was logged in: lines from the dispatcher delivering a message about it, from the
/// clock firing its timer, and from a command acting on it.
/// </summary>
public sealed partial class SubjectIdsInLogsTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [GeneratedRegex(@"\b(INC|REV)-\d+\b")]
    private static partial Regex SubjectId();

    [Fact]
    public async Task Lines_about_an_incident_or_a_gate_carry_its_id_as_a_structured_property()
    {
        using var dir = new TempDirectory();
        var database = new DatabaseFile(dir.File("secbot.db"));
        var clock = new WatchedClock(Start);
        var logs = new FullLogCapture();
        await using var host = await RunningHost.StartAsync(
            PolicyFile.WriteCopy(dir), database.Path, clock, services => services.AddSingleton<ILoggerProvider>(logs), [.. GateApiClient.Settings(), "--Logging:LogLevel:Default=Trace"]);
        var router = host.App.Services.GetRequiredService<ChatRouter>();

        await router.HandleAsync(new ChatRequest(new ChatIdentity("console", "maya"), ChatPlace.Direct(), new TextInput("declare Beacon to a known C2 host")), CancellationToken.None);
        var repage = Assert.Single(await database.TimersOfAsync("INC-1"));
        await clock.AdvanceWhenAsleepUntilAsync(repage.Due, "the clock to sleep until the re-page");
        var who = GateReviewers.Of(host.App.Services, clock.GetUtcNow());
        using var opened = await host.OpenAsync(GateApiClient.Gate(who.Type, "payments v2.3", who.Requester.Id));
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        await router.HandleAsync(new ChatRequest(new ChatIdentity("console", who.Requester.Id), ChatPlace.Direct(), new TextInput("resubmit REV-1 rebased")), CancellationToken.None);
        await DatabaseFile.WaitUntilAsync(
            () => Task.FromResult(logs.Entries.Any(e => e.EventId == 100) && logs.Entries.Any(e => e.EventId == 300 && e.Message.Contains("REV-1", StringComparison.Ordinal))),
            "the re-page timer and the review requests to be logged");

        var aboutSubjects = logs.Entries.Where(e => e.Category.StartsWith("SecBot.", StringComparison.Ordinal) && SubjectId().IsMatch(e.Message)).ToList();
        Assert.Contains(aboutSubjects, e => e.EventId == 100 && e.Scope(SubjectLogScope.IncidentIdProperty) == "INC-1");
        Assert.Contains(aboutSubjects, e => e.EventId == 300 && e.Scope(SubjectLogScope.IncidentIdProperty) == "INC-1");
        Assert.Contains(aboutSubjects, e => e.EventId == 300 && e.Scope(SubjectLogScope.GateIdProperty) == "REV-1");
        Assert.All(aboutSubjects, entry =>
        {
            var id = SubjectId().Match(entry.Message).Value;
            var property = id.StartsWith("INC-", StringComparison.Ordinal) ? SubjectLogScope.IncidentIdProperty : SubjectLogScope.GateIdProperty;
            Assert.True(entry.Scope(property) == id, $"no {property}={id} on: {entry}");
        });
    }

    [Fact]
    public async Task What_is_logged_while_a_command_runs_carries_the_id_it_names()
    {
        using var dir = new TempDirectory();
        var logs = new FullLogCapture();
        await using var host = await RunningHost.StartAsync(
            PolicyFile.WriteCopy(dir), dir.File("secbot.db"), null,
            services =>
            {
                services.AddSingleton<ILoggerProvider>(logs);
                services.DecorateStore(store => new ProbedStore(store));
            },
            "--Logging:LogLevel:Default=Trace");
        var probe = (ProbedStore)host.App.Services.GetRequiredService<IStore>();
        probe.Logger = host.App.Services.GetRequiredService<ILoggerFactory>().CreateLogger(ProbedStore.Category);
        var router = host.App.Services.GetRequiredService<ChatRouter>();
        await router.HandleAsync(new ChatRequest(new ChatIdentity("console", "maya"), ChatPlace.Direct(), new TextInput("declare Beacon to a known C2 host")), CancellationToken.None);

        using (probe.Logger.BeginScope(CommandUnderTest))
        {
            await router.HandleAsync(new ChatRequest(new ChatIdentity("console", "maya"), ChatPlace.Direct(), new TextInput("status INC-1")), CancellationToken.None);
        }

        var during = logs.Entries.Where(e => e.Category == ProbedStore.Category && e.Scopes.Any(s => s.Value == CommandUnderTest)).ToList();
        Assert.NotEmpty(during);
        Assert.All(during, entry => Assert.Equal("INC-1", entry.Scope(SubjectLogScope.IncidentIdProperty)));
    }

    private const string CommandUnderTest = "command under test";

    /// <summary>The host's store, logging each read and write in whatever scope its caller is in.</summary>
    private sealed class ProbedStore(IStore inner) : IStore
    {
        public const string Category = "SecBot.Tests.StoreProbe";

        private static readonly Action<ILogger, string, Exception?> Used = LoggerMessage.Define<string>(LogLevel.Debug, new EventId(1), "store {Use}");

        public ILogger Logger { get; set; } = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public Task<T> WriteAsync<T>(Func<StoreTransaction, Task<T>> work, CancellationToken cancellationToken)
        {
            Used(Logger, "write", null);
            return inner.WriteAsync(work, cancellationToken);
        }

        public Task WriteAsync(Func<StoreTransaction, Task> work, CancellationToken cancellationToken)
        {
            Used(Logger, "write", null);
            return inner.WriteAsync(work, cancellationToken);
        }

        public Task<T> ReadAsync<T>(Func<System.Data.Common.DbConnection, Task<T>> read, CancellationToken cancellationToken)
        {
            Used(Logger, "read", null);
            return inner.ReadAsync(read, cancellationToken);
        }
    }
}
