using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using SecBot.Domain.Incidents;
using SecBot.Domain.Policy;
using SecBot.Storage.Conversations;
using SecBot.Storage.Delivery;
using SecBot.Storage.Inbound;
using SecBot.Storage.Incidents;
using SecBot.Storage.Requeues;
using SecBot.Storage.Reviews;
using SecBot.Storage.Roster;
using SecBot.Storage.Tests.Ledger;
using SecBot.Storage.Tests.Reviews;
using SecBot.Storage.Tests.Support;
using SecBot.Storage.Timers;

namespace SecBot.Storage.Tests.Transfer;

/// <summary>
/// A SQLite installation with some of everything, written through the repositories as the service writes it: the
/// audited ledger (three gates, twelve records), the roster synced, incidents declared with pages, timelines and
/// escalation timers (one acknowledged, one timer fired, one parked), outbox rows sent, pending, dead and re-queued (the sent one
/// purged, so the outbox's highest id is gone; the re-queue audited), a cover added and one cancelled, learned ids, conversations, sent cards,
/// an incident channel with its invitations, inbound keys, a gate stage, and an incident number handed out whose row is gone.
/// </summary>
internal static class InstalledHistory
{
    public const long VanishedIncident = 4;

    public static async Task<TemporaryDatabase> CreateAsync()
    {
        var database = await LedgerTestData.AuditedLedgerAsync();
        var store = database.Store;
        var time = database.Time;
        var none = CancellationToken.None;

        await new RosterSync(store, NullLogger<RosterSync>.Instance).SyncAsync(Roster(), none);

        var first = await DeclareAsync(database, "Phishing wave", "maya");
        var second = await DeclareAsync(database, "Leaked token", "sam");
        time.Advance(TimeSpan.FromMinutes(6));
        await store.WriteAsync(
            async t =>
            {
                var due = await new DueTimers(store).TakeNextAsync(t);
                Assert.NotNull(due);
                await t.MarkTimerFiredAsync(due.Id);
            },
            none);
        await AcknowledgeAsync(database, first, "maya");
        var parked = await store.WriteAsync(t => t.ScheduleTimerAsync("review-reminder", "REV-1", time.GetUtcNow()), none);
        await store.WriteAsync(t => new TimerFailures(store).RecordAsync(t, parked, "the review engine threw", _ => null), none);

        var outbox = new OutboxRepository(store);
        await outbox.EnqueueAsync(new OutboxMessage("slack", "C-SEC", "chat.post", "{\"subject\":\"INC-2\",\"text\":\"pending\"}"), none);
        var dead = await outbox.EnqueueAsync(new OutboxMessage("teams", "maya", "dm", "{\"subject\":\"INC-1\"}"), none);
        await outbox.MarkDeadAsync(dead, "403 Forbidden", none);
        var requeued = await outbox.EnqueueAsync(new OutboxMessage("slack", "olivia", "dm", "{}"), none);
        await outbox.MarkDeadAsync(requeued, "invalid_auth", none);
        await store.WriteAsync(
            async t =>
            {
                Assert.NotNull(await new DeadLetters(store).RequeueAsync(t, requeued));
                return await new RequeueLog().AppendAsync(t, "olivia", RequeueTarget.Message, requeued, null, "Olivia re-queued it");
            },
            none);
        var sent = await outbox.EnqueueAsync(new OutboxMessage("slack", "C-OPS", "chat.post", "not json at all"), none);
        var claimed = await outbox.ClaimNextAsync(time.GetUtcNow(), 10, "replica-a", none);
        Assert.Contains(claimed, c => c.Id == sent);
        await outbox.CompleteRunAsync([sent], [.. claimed.Select(c => c.Id).Where(id => id != sent)], "replica-a", none);
        time.Advance(TimeSpan.FromDays(8));
        Assert.Equal(1, await outbox.PurgeSentAsync(time.GetUtcNow().AddDays(-7), none));

        var covers = new OverrideRepository(store);
        var cover = await covers.AddAsync("L1", "olivia", time.GetUtcNow(), time.GetUtcNow().AddDays(2), "olivia", none);
        await covers.AddAsync("L2", "priya", time.GetUtcNow(), time.GetUtcNow().AddDays(1), "olivia", none);
        await store.WriteAsync(t => covers.CancelAsync(t, cover.Id, "olivia"), none);

        await new LearnedPlatformIdRepository(store).RecordAsync("hannah", "slack", "U0HANNAH01", "hannah@example.com", none);
        await new PlatformConversationRepository(store).RecordAsync(
            new PlatformConversation("maya", "teams", "29:maya", "a:1maya", "https://smba.example/emea/", "tenant-1", time.GetUtcNow()), none);
        await new SentCardRepository(store).RecordAsync(new SentCard("teams", "INC-1", "19:incident@thread.tacv2", "1700000000001", "https://smba.example/emea/"), none);

        // Storm control: a page DM counted for olivia, and a page held for her digest with its due time.
        var storm = new PageStormRepository();
        await store.WriteAsync(
            async t =>
            {
                await storm.EnterAsync(t, "olivia", t.Now - TimeSpan.FromMinutes(10), 5);
                await storm.RecordSendAsync(t, "olivia");
                await storm.HoldAsync(t, "olivia", new Page("olivia", "L3", 1, t.Now, PageReason.OnCall), second.Number, t.Now + TimeSpan.FromMinutes(10));
            },
            none);

        var channels = new IncidentChannelRepository(store);
        await channels.RecordCreatedAsync(second.Number, "slack", "C-INC-2", "inc-2-leaked-token", none);
        await channels.RecordInvitedAsync(second.Number, "slack", ["U0MAYA0001", "U0SAM00001"], null, none);
        await channels.MarkCardPostedAsync(second.Number, "slack", none);

        var keys = new InboundKeys(store);
        Assert.True(await keys.TryClaimAsync("slack", "Ev-1", none));
        await keys.SettleAsync("slack", "Ev-1", none);
        Assert.True(await keys.TryClaimAsync("teams", "activity-2", none));

        await store.WriteAsync(
            t => ApiGateRepository.RecordAsync(
                t, new ApiGateOrigin(1, "deploy-pipeline", new string('c', 64), "https://ci.example.com/runs/1", null, "https://secbot.example.com/api/gates/REV-1")),
            none);

        var alertKeys = new SecBot.Storage.Alerts.AlertKeyRepository();
        await store.WriteAsync(
            async t =>
            {
                await alertKeys.OpenAsync(t, "rk-0123456789abcdef", "disk-full-db1", second.Number);
                await alertKeys.AddRepeatsAsync(t, "rk-0123456789abcdef", "disk-full-db1", 3);
            },
            none);

        // No code writes gate_stages today (a gate's stage lives on its row); a row by hand, so its copy is tested too.
        await database.ExecuteAsync("INSERT INTO gate_stages (gate_id, ordinal, name, state) VALUES (1, 1, 'Security review', 'approved')");

        // An incident number handed out whose row is no longer there: PostgreSQL must not hand it out again.
        var vanished = await DeclareAsync(database, "Declared in error", "sam", pages: false);
        Assert.Equal(VanishedIncident, vanished.Number);
        await database.ExecuteAsync(
            "DELETE FROM timers WHERE subject = @Key; DELETE FROM incident_events WHERE incident_id = @Number; DELETE FROM incidents WHERE id = @Number",
            new { vanished.Key, vanished.Number });
        return database;
    }

    /// <summary>Edits record <paramref name="id"/>'s comment behind the guard's back (dropped and put back as it was), without re-hashing.</summary>
    public static async Task TamperAsync(TemporaryDatabase database, long id)
    {
        var guard = await database.ScalarAsync<string>("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'signoffs_refuse_update'");
        await database.ExecuteAsync($"DROP TRIGGER signoffs_refuse_update; UPDATE signoffs SET comment = 'nothing to see' WHERE id = {id}; {guard}");
        using var pooled = new SqliteConnection(database.Database.ConnectionString);
        SqliteConnection.ClearPool(pooled);
    }

    public static async Task<Incident> DeclareAsync(IStore store, DateTimeOffset now, string title, string person, bool pages = true, string? lead = "priya") =>
        await store.WriteAsync(
            async t =>
            {
                var number = await new IncidentRepository(store).NextNumberAsync(t);
                var incident = new Incident
                {
                    Number = number,
                    Title = title,
                    Type = "general",
                    Level = "L1",
                    State = IncidentState.Open,
                    DeclaredBy = "sam",
                    DeclaredAt = now,
                    LeadPersonId = lead,
                    Pages = pages ? [new Page(person, "L1", 1, now, PageReason.OnCall)] : [],
                    Version = 1,
                };
                IncidentEvent[] events = pages
                    ? [new(now, IncidentEventKinds.Declared, "sam", title), new(now, IncidentEventKinds.Paged, IncidentEvent.System, person)]
                    : [new(now, IncidentEventKinds.Declared, "sam", title)];
                await new IncidentRepository(store).SaveAsync(t, null, new IncidentDecision(incident, events, [], [new EscalationTimer(number, "L1", 1, now.AddMinutes(5))]));
                return incident;
            },
            CancellationToken.None);

    private static Task<Incident> DeclareAsync(TemporaryDatabase database, string title, string person, bool pages = true) =>
        DeclareAsync(database.Store, database.Time.GetUtcNow(), title, person, pages);

    private static async Task AcknowledgeAsync(TemporaryDatabase database, Incident incident, string person)
    {
        var now = database.Time.GetUtcNow();
        var acknowledged = incident with
        {
            State = IncidentState.Acknowledged,
            AcknowledgedBy = person,
            AcknowledgedAt = now,
            AcknowledgedLevel = incident.Level,
            Version = incident.Version + 1,
        };
        await database.Store.WriteAsync(
            async t =>
            {
                await new IncidentRepository(database.Store).SaveAsync(t, incident, new IncidentDecision(acknowledged, [new(now, IncidentEventKinds.Acknowledged, person, "")], [], []));
                await t.CancelTimersAsync(incident.Key, EscalationTimer.Kind);
            },
            CancellationToken.None);
    }

    private static RosterOptions Roster() => new()
    {
        People =
        [
            .. GateFixtures.People.Select(id => new PersonOptions
            {
                Id = id,
                Name = GateFixtures.Name(id),
                Email = $"{id}@example.com",
                SlackUserId = $"U0{id.ToUpperInvariant()}01",
                Roles = ["SeniorSocEngineer"],
                Assignments = id == "hannah" ? [new AssignmentOptions { Role = "RedTeamEngineer", From = new DateOnly(2026, 1, 1), To = new DateOnly(2026, 6, 30) }] : [],
            }),
        ],
    };
}
