using System.Data.Common;
using Microsoft.Extensions.Logging.Abstractions;
using SecBot.Domain.Policy;
using SecBot.Storage.Conversations;
using SecBot.Storage.Roster;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Contract;

public abstract class PlatformConversationRepositoryContract : StoreContract
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/emea/";
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    [Fact]
    public async Task What_was_learned_comes_back_as_stored_with_when()
    {
        var database = Database;
        await database.AddPersonAsync("sam");
        var repository = new PlatformConversationRepository(database.Store);

        var recorded = await repository.RecordAsync(Learned("sam", "29:sam", "a:1on1-sam", ServiceUrl, Tenant), CancellationToken.None);
        var listed = await new PlatformConversationRepository(database.NewStore()).ListAsync("teams", CancellationToken.None);

        var expected = new PlatformConversation("sam", "teams", "29:sam", "a:1on1-sam", ServiceUrl, Tenant, ContractDatabase.Start);
        Assert.Equal(expected, recorded);
        Assert.Equal([expected], listed);
    }

    [Fact]
    public async Task A_later_activity_without_a_conversation_keeps_the_stored_one_and_the_known_service_url_and_tenant()
    {
        var database = Database;
        await database.AddPersonAsync("sam");
        var repository = new PlatformConversationRepository(database.Store);
        await repository.RecordAsync(Learned("sam", "29:sam", "a:1on1-sam", ServiceUrl, Tenant), CancellationToken.None);
        database.Time.Advance(TimeSpan.FromHours(1));

        // A message in a channel: same user, nothing about the 1:1 chat, and (say) no serviceUrl or tenant.
        var recorded = await repository.RecordAsync(Learned("sam", "29:sam", null, null, null), CancellationToken.None);

        Assert.Equal(new PlatformConversation("sam", "teams", "29:sam", "a:1on1-sam", ServiceUrl, Tenant, database.Time.GetUtcNow()), recorded);
        Assert.Equal([recorded], await repository.ListAsync("teams", CancellationToken.None));
    }

    [Fact]
    public async Task A_new_conversation_id_service_url_or_tenant_replaces_the_stored_one()
    {
        var database = Database;
        await database.AddPersonAsync("sam");
        var repository = new PlatformConversationRepository(database.Store);
        await repository.RecordAsync(Learned("sam", "29:sam", "a:old", ServiceUrl, Tenant), CancellationToken.None);

        var recorded = await repository.RecordAsync(Learned("sam", "29:sam", "a:new", "https://smba.trafficmanager.net/amer/", "tenant-2"), CancellationToken.None);

        Assert.Equal(("a:new", "https://smba.trafficmanager.net/amer/", "tenant-2"), (recorded.ConversationId, recorded.ServiceUrl, recorded.TenantId));
    }

    [Fact]
    public async Task A_new_user_id_without_a_conversation_drops_the_conversation_of_the_old_one()
    {
        var database = Database;
        await database.AddPersonAsync("sam");
        var repository = new PlatformConversationRepository(database.Store);
        await repository.RecordAsync(Learned("sam", "29:old-bot-id", "a:1on1-old", ServiceUrl, Tenant), CancellationToken.None);

        // The bot was re-registered: the 1:1 conversation belonged to the old user id and cannot be used with the new one.
        var recorded = await repository.RecordAsync(Learned("sam", "29:new-bot-id", null, null, null), CancellationToken.None);

        Assert.Equal(new PlatformConversation("sam", "teams", "29:new-bot-id", null, ServiceUrl, Tenant, ContractDatabase.Start), recorded);
        Assert.Equal([recorded], await repository.ListAsync("teams", CancellationToken.None));
    }

    [Fact]
    public async Task A_new_user_id_with_its_conversation_takes_both()
    {
        var database = Database;
        await database.AddPersonAsync("sam");
        var repository = new PlatformConversationRepository(database.Store);
        await repository.RecordAsync(Learned("sam", "29:old-bot-id", "a:1on1-old", ServiceUrl, Tenant), CancellationToken.None);

        var recorded = await repository.RecordAsync(Learned("sam", "29:new-bot-id", "a:1on1-new", null, null), CancellationToken.None);

        Assert.Equal(("29:new-bot-id", "a:1on1-new"), (recorded.UserId, recorded.ConversationId));
    }

    [Fact]
    public async Task Each_platform_keeps_its_own_row_per_person_and_is_listed_alone_by_person()
    {
        var database = Database;
        await database.AddPersonAsync("sam");
        await database.AddPersonAsync("maya");
        var repository = new PlatformConversationRepository(database.Store);
        await repository.RecordAsync(Learned("sam", "29:sam", "a:sam", ServiceUrl, Tenant), CancellationToken.None);
        await repository.RecordAsync(Learned("sam", "U0SAM", "D0SAM", null, null) with { Platform = "slack" }, CancellationToken.None);
        await repository.RecordAsync(Learned("maya", "29:maya", null, ServiceUrl, Tenant), CancellationToken.None);

        var teams = await repository.ListAsync("teams", CancellationToken.None);
        var slack = await repository.ListAsync("slack", CancellationToken.None);

        Assert.Equal([("maya", "29:maya", null), ("sam", "29:sam", "a:sam")], teams.Select(c => (c.PersonId, c.UserId, c.ConversationId)));
        Assert.Equal([("sam", "U0SAM", "D0SAM")], slack.Select(c => (c.PersonId, c.UserId, (string?)c.ConversationId)));
        Assert.Equal(3, await database.CountAsync("platform_conversations"));
    }

    [Fact]
    public async Task Someone_not_in_the_roster_table_cannot_be_recorded()
    {
        var database = Database;
        var repository = new PlatformConversationRepository(database.Store);

        await Assert.ThrowsAnyAsync<DbException>(
            () => repository.RecordAsync(Learned("stranger", "29:x", null, ServiceUrl, Tenant), CancellationToken.None));
        Assert.Equal(0, await database.CountAsync("platform_conversations"));
    }

    [Fact]
    public async Task A_person_the_roster_sync_removes_takes_their_conversations_with_them()
    {
        var database = Database;
        var sync = new RosterSync(database.Store, NullLogger<RosterSync>.Instance);
        await sync.SyncAsync(new RosterOptions { People = [Person("maya"), Person("sam")] }, CancellationToken.None);
        var repository = new PlatformConversationRepository(database.Store);
        await repository.RecordAsync(Learned("sam", "29:sam", "a:sam", ServiceUrl, Tenant), CancellationToken.None);
        await repository.RecordAsync(Learned("maya", "29:maya", "a:maya", ServiceUrl, Tenant), CancellationToken.None);

        var result = await sync.SyncAsync(new RosterOptions { People = [Person("maya")] }, CancellationToken.None);

        // A learned conversation is not a reason to keep someone: they are removed, not retired, and it goes with them.
        Assert.Equal((1, 0), (result.PeopleRemoved, result.PeopleRetired.Count));
        Assert.Equal(["maya"], (await repository.ListAsync("teams", CancellationToken.None)).Select(c => c.PersonId));
    }

    private static PlatformConversation Learned(string personId, string userId, string? conversationId, string? serviceUrl, string? tenantId) =>
        new(personId, "teams", userId, conversationId, serviceUrl, tenantId, DateTimeOffset.MinValue);

    private static PersonOptions Person(string id) => new() { Id = id, Name = id, Email = $"{id}@example.com", Roles = ["SocEngineer"] };
}

public sealed class SqlitePlatformConversationRepositoryContract : PlatformConversationRepositoryContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => SqliteContractDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresPlatformConversationRepositoryContract(PostgresFixture fixture) : PlatformConversationRepositoryContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => PostgresContract.CreateAsync(fixture);
}
