using SecBot.Storage.Incidents;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Incidents;

public sealed class IncidentChannelListingTests
{
    [Fact]
    public async Task Every_incident_channel_lists_by_incident_with_its_members()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();
        var first = await database.AddIncidentAsync("first");
        var second = await database.AddIncidentAsync("second");
        var channels = new IncidentChannelRepository(database.Store);
        await channels.RecordCreatedAsync(second, "slack", "C0SECOND", "inc-2-second", CancellationToken.None);
        await channels.RecordCreatedAsync(first, "slack", "C0FIRST", "inc-1-first", CancellationToken.None);
        await channels.RecordInvitedAsync(first, "slack", ["U0SAM", "U0MAYA"], null, CancellationToken.None);

        var all = await database.Store.ReadAsync(c => new IncidentChannelRepository(database.Store).ListAllAsync(c, CancellationToken.None), CancellationToken.None);

        Assert.Equal([(first, "C0FIRST"), (second, "C0SECOND")], all.Select(c => (c.Incident, c.ChannelId)));
        Assert.Equal(new HashSet<string>(["U0SAM", "U0MAYA"]), all[0].Members);
        Assert.Empty(all[1].Members);
    }

    [Fact]
    public async Task No_channels_list_as_empty()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();

        Assert.Empty(await database.Store.ReadAsync(c => new IncidentChannelRepository(database.Store).ListAllAsync(c, CancellationToken.None), CancellationToken.None));
    }
}
