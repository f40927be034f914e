using Microsoft.Extensions.Time.Testing;
using SecBot.Chat.Alerts;
using SecBot.Chat.Conversation;
using SecBot.Domain.Incidents;
using SecBot.Chat.Tests.Support;
using SecBot.Host.Alerts;

namespace SecBot.Host.Tests.Reports;

/// <summary>
/// A SecBot database with one incident's story, written by the real host on a fake clock: Alertmanager's alert
/// <c>disk-full-db1</c> opens INC-1 at <see cref="Start"/>, fires three more times a minute later, the first person
/// paged acknowledges at +3 minutes, and the alert resolving closes the incident at +33 minutes.
/// </summary>
internal static class ReportDatabase
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    public const string RoutingKey = "am-report-key-000000000000001";

    /// <summary>The database file, and who acknowledged (as the stored pages say).</summary>
    public static async Task<(string Path, string AcknowledgedBy)> CreateAsync(TempDirectory dir)
    {
        var path = dir.File("data/secbot.db");
        var time = new FakeTimeProvider(Start);
        await using var host = await RunningHost.StartAsync(RepoPaths.Settings, path, time, $"--SecBot:Alerts:RoutingKeys:{RoutingKey}:Type=general");
        var intake = host.App.Services.GetRequiredService<AlertIntake>();
        var route = new AlertRoute(AlertRoutes.KeySpaceOf(RoutingKey), new AlertSource("Alertmanager"), "general", "L1");
        var trigger = new AlertEvent(AlertAction.Trigger, "disk-full-db1", "Disk full on db1 | *prod*", "critical", "free 0%", []);

        await intake.SubmitAsync(route, [trigger], CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(1));
        await intake.SubmitAsync(route, [trigger, trigger, trigger], CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(2));
        var store = host.App.Services.GetRequiredService<SecBot.Storage.IStore>();
        var acknowledger = (await store.IncidentAsync(1)).Pages[0].PersonId;
        var router = host.App.Services.GetRequiredService<ChatRouter>();
        var ack = await router.HandleAsync(new ChatRequest(new ChatIdentity("console", acknowledger), ChatPlace.Direct(), new TextInput("ack INC-1")), CancellationToken.None);
        Assert.False(ack.IsRefusal, ack.Text);
        time.Advance(TimeSpan.FromMinutes(30));
        await intake.SubmitAsync(route, [trigger with { Action = AlertAction.Resolve }], CancellationToken.None);
        Assert.False((await store.IncidentAsync(1)).IsOpen);
        return (path, acknowledger);
    }
}
