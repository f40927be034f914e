using System.Text.Json.Nodes;
using SecBot.Domain.Incidents;
using SecBot.Host.Tests.Support;

namespace SecBot.Host.Tests.Alerts;

/// <summary>The real Alertmanager delivering to SecBot: one incident per fingerprint, resolved when the alert ends.</summary>
public sealed class RealAlertmanagerTests
{
    [Fact]
    public async Task Alerts_pushed_to_the_real_Alertmanager_open_one_incident_per_fingerprint_and_ending_them_resolves_those()
    {
        await using var host = await AlertHost.StartAsync();
        await using var alertmanager = await RealAlertmanager.StartAsync(host.Host.Http.BaseAddress!, AlertBodies.AlertmanagerKey);
        await alertmanager.PushAsync(Firing(("DiskFull", "db1"), ("DiskFull", "db2"), ("HighLoad", "web1")));
        await alertmanager.WaitUntilAsync(async () => (await host.IncidentsAsync()).Count >= 3, "three incidents");
        // A repeat of firing alerts changes nothing: the group's next notification carries the same fingerprints.
        await alertmanager.PushAsync(Firing(("DiskFull", "db1")));

        var opened = await host.IncidentsAsync();
        Assert.Equal(3, opened.Count);
        Assert.Equal(
            ["DiskFull on db1", "DiskFull on db2", "HighLoad on web1"],
            opened.Select(i => i.Title).Order(StringComparer.Ordinal));
        Assert.All(opened, i => Assert.Equal(("alert:Alertmanager", IncidentState.Open), (i.DeclaredBy, i.State)));

        await alertmanager.PushAsync(await EndedAsync(alertmanager, "db1", "web1"));
        await alertmanager.WaitUntilAsync(async () => (await host.IncidentsAsync()).Count(i => !i.IsOpen) >= 2, "two incidents resolved");

        var after = await host.IncidentsAsync();
        Assert.Equal(3, after.Count);
        Assert.Equal(
            [("DiskFull on db1", IncidentState.Resolved), ("DiskFull on db2", IncidentState.Open), ("HighLoad on web1", IncidentState.Resolved)],
            after.Select(i => (i.Title, i.State)).Order());
        Assert.All(after.Where(i => !i.IsOpen), i => Assert.Equal("alert:Alertmanager", i.ResolvedBy));
    }

    /// <summary>Firing alerts as Prometheus pushes them; Alertmanager stamps their start by its own clock.</summary>
    private static string Firing(params (string Name, string Instance)[] alerts) =>
        new JsonArray([.. alerts.Select(a => (JsonNode)new JsonObject
        {
            ["labels"] = new JsonObject { ["alertname"] = a.Name, ["instance"] = a.Instance, ["severity"] = "warning" },
            ["annotations"] = new JsonObject { ["summary"] = $"{a.Name} on {a.Instance}" },
            ["generatorURL"] = "http://prometheus.example:9090/graph?g0.expr=up",
        })]).ToJsonString();

    /// <summary>
    /// The alerts of <paramref name="instances"/> as Alertmanager holds them, ended a millisecond after they started: in the
    /// past by Alertmanager's clock, whatever the test process's clock says (the suite may run under libfaketime).
    /// </summary>
    private static async Task<string> EndedAsync(RealAlertmanager alertmanager, params string[] instances)
    {
        var held = JsonNode.Parse(await alertmanager.Http.GetStringAsync(new Uri("api/v2/alerts", UriKind.Relative)))!.AsArray();
        return new JsonArray([.. held
            .Where(a => instances.Contains((string?)a!["labels"]!["instance"]))
            .Select(a =>
            {
                var startsAt = DateTimeOffset.Parse((string)a!["startsAt"]!, System.Globalization.CultureInfo.InvariantCulture);
                return (JsonNode)new JsonObject
                {
                    ["labels"] = a["labels"]!.DeepClone(),
                    ["annotations"] = a["annotations"]!.DeepClone(),
                    ["generatorURL"] = (string?)a["generatorURL"],
                    ["startsAt"] = (string?)a["startsAt"],
                    ["endsAt"] = startsAt.AddMilliseconds(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                };
            })]).ToJsonString();
    }
}
