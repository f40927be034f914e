using System.Text.Json.Nodes;
using SecBot.Teams.Connector;
using SecBot.Testing.Teams;
using Operation = SecBot.Testing.Teams.FakeBotConnector.Operation;

namespace SecBot.Teams.Tests.Connector;

/// <summary>Each Connector operation's wire shape (teams-protocol.md §3, §4), checked on a fake Bot Connector over HTTP.</summary>
public sealed class BotConnectorClientTests
{
    private const string Member = "29:1GcS4EyB_oSI8A88XmWBN7NqCGXTc0hVR2f2vL2Es3pk1";

    [Fact]
    public async Task Create_conversation_posts_the_documented_parameters_with_the_bot_token()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        var fake = harness.Fake;

        var created = await harness.Client.CreateConversationAsync(fake.ServiceUrl, fake.BotId, Member, ConnectorHarness.TenantId, CancellationToken.None);

        Assert.True(created.IsSuccess);
        Assert.StartsWith("a:", created.Value, StringComparison.Ordinal);
        var call = Assert.Single(fake.Calls);
        Assert.Equal((Operation.CreateConversation, "POST", "/teams/v3/conversations"), (call.Operation, call.HttpMethod, call.RawPath));
        Assert.Equal("Bearer " + Assert.Single(fake.IssuedTokens), call.Authorization);
        var body = call.Json!;
        Assert.Equal(fake.BotId, (string?)body["bot"]!["id"]);
        Assert.Equal(Member, (string?)Assert.Single(body["members"]!.AsArray())!["id"]);
        Assert.Equal(ConnectorHarness.TenantId, (string?)body["channelData"]!["tenant"]!["id"]);
        Assert.Equal(ConnectorHarness.TenantId, (string?)body["tenantId"]);
        Assert.False((bool)body["isGroup"]!);

        // Every member of Microsoft's sample request is there, in the same place.
        var documented = JsonNode.Parse(FakeBotConnector.Fixture("rest.create-conversation.personal.request.json"))!.AsObject();
        Assert.All(documented, member => Assert.True(body.ContainsKey(member.Key), member.Key));
    }

    [Fact]
    public async Task The_documented_create_conversation_answer_gives_its_id()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        harness.Fake.Script(Operation.CreateConversation, new FakeBotConnector.Answer(201, FakeBotConnector.Fixture("rest.create-conversation.personal.response.json")));

        var created = await harness.Client.CreateConversationAsync(harness.Fake.ServiceUrl, harness.Fake.BotId, Member, ConnectorHarness.TenantId, CancellationToken.None);

        Assert.Equal((string?)JsonNode.Parse(FakeBotConnector.Fixture("rest.create-conversation.personal.response.json"))!["id"], created.Value);
    }

    [Fact]
    public async Task Send_posts_the_activity_to_the_encoded_conversation_and_answers_its_id()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        var activity = JsonNode.Parse(FakeBotConnector.Fixture("rest.send-to-conversation.request.json"))!.AsObject();
        harness.Fake.Script(Operation.Send, new FakeBotConnector.Answer(201, FakeBotConnector.Fixture("rest.send-to-conversation.response.json")));

        var sent = await harness.Client.SendAsync(harness.Fake.ServiceUrl, "a:1qhNLqpUtmuI6U35gzjs", activity, CancellationToken.None);

        Assert.Equal("1562094704.004000", sent.Value);
        var call = Assert.Single(harness.Fake.Calls);
        Assert.Equal((Operation.Send, "POST", "/teams/v3/conversations/a%3A1qhNLqpUtmuI6U35gzjs/activities"), (call.Operation, call.HttpMethod, call.RawPath));
        Assert.Equal("a:1qhNLqpUtmuI6U35gzjs", call.ConversationId);
        Assert.True(JsonNode.DeepEquals(activity, call.Json));
    }

    [Fact]
    public async Task A_channel_thread_id_is_one_escaped_path_segment()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        const string thread = "19:b7fe4d5da2bf4e5f8a8a4e8bd1d4b2a3@thread.tacv2;messageid=1700000000000";

        Assert.True((await harness.Client.SendAsync(harness.Fake.ServiceUrl, thread, Message("hi"), CancellationToken.None)).IsSuccess);

        var call = Assert.Single(harness.Fake.Calls);
        Assert.Equal("/teams/v3/conversations/19%3Ab7fe4d5da2bf4e5f8a8a4e8bd1d4b2a3%40thread.tacv2%3Bmessageid%3D1700000000000/activities", call.RawPath);
        Assert.Equal(thread, call.ConversationId);
    }

    [Fact]
    public async Task Update_puts_the_whole_activity_with_its_id_and_leaves_the_callers_copy_alone()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        var activity = JsonNode.Parse(FakeBotConnector.Fixture("rest.update-activity.request.json"))!.AsObject();
        activity.Remove("id");

        var failure = await harness.Client.UpdateAsync(harness.Fake.ServiceUrl, "a:conv", "1562094707.004500", activity, CancellationToken.None);

        Assert.Null(failure);
        Assert.False(activity.ContainsKey("id"));
        var call = Assert.Single(harness.Fake.Calls);
        Assert.Equal((Operation.Update, "PUT", "/teams/v3/conversations/a%3Aconv/activities/1562094707.004500"), (call.Operation, call.HttpMethod, call.RawPath));
        Assert.Equal("1562094707.004500", call.ActivityId);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(FakeBotConnector.Fixture("rest.update-activity.request.json")), call.Json));
    }

    [Fact]
    public async Task Get_member_reads_the_channel_account_with_email_and_upn()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        harness.Fake.AddMember(Member, "Ada Analyst", "ada@contoso.example", "ada.analyst@contoso.example", "4f9c5a5e-1111-4b9b-8f7e-5d1c2b3a4f60");

        var member = await harness.Client.GetMemberAsync(harness.Fake.ServiceUrl, "a:conv", Member, CancellationToken.None);
        var stranger = await harness.Client.GetMemberAsync(harness.Fake.ServiceUrl, "a:conv", "29:nobody", CancellationToken.None);

        Assert.Equal(new TeamsMember(Member, "Ada Analyst", "4f9c5a5e-1111-4b9b-8f7e-5d1c2b3a4f60", "ada@contoso.example", "ada.analyst@contoso.example"), member.Value);
        var call = harness.Fake.CallsTo(Operation.GetMember)[0];
        Assert.Equal(("GET", "/teams/v3/conversations/a%3Aconv/members/29%3A1GcS4EyB_oSI8A88XmWBN7NqCGXTc0hVR2f2vL2Es3pk1"), (call.HttpMethod, call.RawPath));
        Assert.Equal((404, "MemberNotFoundInConversation", false), (stranger.Failure!.Status, stranger.Failure.Code, stranger.Failure.IsRetryable));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_tenant_qualified_service_url_keeps_its_path_with_or_without_the_final_slash(bool finalSlash)
    {
        await using var harness = await ConnectorHarness.StartAsync();
        var serviceUrl = harness.Fake.TenantServiceUrl("amer", ConnectorHarness.TenantId).ToString();
        if (!finalSlash) serviceUrl = serviceUrl.TrimEnd('/');

        var sent = await harness.Client.SendAsync(new Uri(serviceUrl), "a:conv", Message("hi"), CancellationToken.None);

        Assert.True(sent.IsSuccess);
        Assert.Equal($"/amer/{ConnectorHarness.TenantId}/v3/conversations/a%3Aconv/activities", Assert.Single(harness.Fake.Calls).RawPath);
    }

    [Fact]
    public async Task A_revoked_token_is_dropped_on_401_and_the_call_made_again_with_a_new_one()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        var fake = harness.Fake;
        Assert.True((await harness.Client.SendAsync(fake.ServiceUrl, "a:conv", Message("one"), CancellationToken.None)).IsSuccess);
        fake.RevokeTokens();

        var second = await harness.Client.SendAsync(fake.ServiceUrl, "a:conv", Message("two"), CancellationToken.None);
        var third = await harness.Client.SendAsync(fake.ServiceUrl, "a:conv", Message("three"), CancellationToken.None);

        Assert.True(second.IsSuccess && third.IsSuccess);
        Assert.Equal(2, fake.IssuedTokens.Count);
        Assert.Equal(
            ["Bearer " + fake.IssuedTokens[0], "Bearer " + fake.IssuedTokens[0], "Bearer " + fake.IssuedTokens[1], "Bearer " + fake.IssuedTokens[1]],
            fake.Calls.Select(c => c.Authorization));
    }

    [Fact]
    public async Task A_token_the_connector_keeps_refusing_is_a_permanent_401()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        harness.Fake.Script(Operation.Send, Denied, Denied);

        var sent = await harness.Client.SendAsync(harness.Fake.ServiceUrl, "a:conv", Message("hi"), CancellationToken.None);

        Assert.Equal((401, false), (sent.Failure!.Status, sent.Failure.IsRetryable));
        Assert.Equal("Authorization has been denied for this request.", sent.Failure.Message);
        Assert.Equal(2, harness.Fake.Calls.Count);
        Assert.Equal(2, harness.Fake.IssuedTokens.Count);
    }

    [Fact]
    public async Task A_token_failure_is_the_calls_failure()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        harness.Options.AppPassword = "wrong";

        var sent = await harness.Client.SendAsync(harness.Fake.ServiceUrl, "a:conv", Message("hi"), CancellationToken.None);

        Assert.Equal((BotTokenProvider.Operation, 401, "invalid_client", false), (sent.Failure!.Operation, sent.Failure.Status, sent.Failure.Code, sent.Failure.IsRetryable));
        Assert.Empty(harness.Fake.Calls);
    }

    [Fact]
    public void Service_urls_are_joined_keeping_their_path()
    {
        Assert.Equal("https://smba.trafficmanager.net/teams/v3/conversations", BotConnectorClient.Endpoint(new Uri("https://smba.trafficmanager.net/teams/"), "v3/conversations").AbsoluteUri);
        Assert.Equal("https://smba.trafficmanager.net/teams/v3/conversations", BotConnectorClient.Endpoint(new Uri("https://smba.trafficmanager.net/teams"), "v3/conversations").AbsoluteUri);
        Assert.Equal("https://smba.infra.gcc.teams.microsoft.com/gcc/v3/conversations", BotConnectorClient.Endpoint(new Uri("https://smba.infra.gcc.teams.microsoft.com/gcc"), "v3/conversations").AbsoluteUri);
        Assert.Equal("http://localhost:56150/_connector/v3/conversations", BotConnectorClient.Endpoint(new Uri("http://localhost:56150/_connector"), "v3/conversations").AbsoluteUri);
        Assert.Throws<ArgumentException>(() => BotConnectorClient.Endpoint(new Uri("/teams/", UriKind.Relative), "v3/conversations"));
    }

    private static readonly FakeBotConnector.Answer Denied = new(401, """{"message":"Authorization has been denied for this request."}""");

    private static JsonObject Message(string text) => new() { ["type"] = "message", ["text"] = text };
}
