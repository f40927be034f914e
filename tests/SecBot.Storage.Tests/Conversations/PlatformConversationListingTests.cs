using SecBot.Storage.Conversations;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Conversations;

public sealed class PlatformConversationListingTests
{
    [Fact]
    public async Task Everything_learned_on_every_platform_lists_by_platform_then_person()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();
        await database.AddPersonAsync("sam");
        await database.AddPersonAsync("amara");
        var repository = new PlatformConversationRepository(database.Store);
        await repository.RecordAsync(new PlatformConversation("sam", "teams", "29:sam", "a:1on1-sam", "https://smba.example/", "tenant", TemporaryDatabase.Start), CancellationToken.None);
        await repository.RecordAsync(new PlatformConversation("sam", "slack", "U0SAM", "D0SAM", null, null, TemporaryDatabase.Start), CancellationToken.None);
        await repository.RecordAsync(new PlatformConversation("amara", "teams", "29:amara", null, "https://smba.example/", "tenant", TemporaryDatabase.Start), CancellationToken.None);

        var all = await repository.ListAllAsync(CancellationToken.None);

        Assert.Equal([("slack", "sam"), ("teams", "amara"), ("teams", "sam")], all.Select(c => (c.Platform, c.PersonId)));
        Assert.Equal("D0SAM", all[0].ConversationId);
    }

    [Fact]
    public async Task Nothing_learned_lists_as_empty()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();

        Assert.Empty(await new PlatformConversationRepository(database.Store).ListAllAsync(CancellationToken.None));
    }
}
