using SecBot.Storage.Delivery;
using System.Net;
using System.Text.Json.Nodes;
using SecBot.Testing.Teams;

namespace SecBot.Host.Tests.Teams;

/// <summary>
/// What reaches <c>POST /api/messages</c> from anyone but the Bot Connector, or in a shape SecBot cannot read, over HTTP
/// against the real host: refused with the status contract.md names and a JSON <c>{"error":…}</c>, and nothing recorded
/// (no incident, no idempotency key, no outbox row, no learned conversation) or sent.
/// </summary>
public sealed class TeamsInboundSecurityTests
{
    public static TheoryData<TokenForgery> Forgeries =>
    [
        TokenForgery.WrongKey,
        TokenForgery.UnknownKey,
        TokenForgery.WrongAudience,
        TokenForgery.NoAudience,
        TokenForgery.Expired,
        TokenForgery.NotYetValid,
        TokenForgery.WrongIssuer,
        TokenForgery.NoServiceUrl,
        TokenForgery.OtherServiceUrl,
    ];

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task A_forged_token_is_refused_with_401_and_nothing_is_recorded_or_sent(TokenForgery forgery)
    {
        await using var teams = await TeamsHost.StartAsync();
        var declare = Declare(teams);

        using var response = await teams.PostAsync(declare, teams.Identity.BotFrameworkToken(TeamsHost.AppId, teams.ServiceUrl, teams.Now, forgery));

        await AssertRefusedAsync(teams, response, HttpStatusCode.Unauthorized, "invalid token");
    }

    [Fact]
    public async Task A_token_signed_by_a_key_not_endorsed_for_msteams_is_refused_with_403_and_nothing_is_recorded_or_sent()
    {
        await using var teams = await TeamsHost.StartAsync();

        using var response = await teams.PostAsync(Declare(teams), teams.Identity.BotFrameworkToken(TeamsHost.AppId, teams.ServiceUrl, teams.Now, TokenForgery.KeyNotEndorsed));

        await AssertRefusedAsync(teams, response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Theory]
    [InlineData("webchat")]
    [InlineData("directline")]
    [InlineData(null)]
    public async Task An_activity_of_another_Bot_Framework_channel_is_refused_with_403_even_with_a_genuine_token(string? channel)
    {
        // Web Chat and Direct Line clients choose their own from.id and aadObjectId: only Teams vouches for who a roster person is.
        await using var teams = await TeamsHost.StartAsync();
        var declare = Declare(teams);
        declare["channelId"] = channel;

        using var response = await teams.PostAsync(declare);

        // A key endorsed for the channel passes the token check, and the channel is refused; else the endorsement fails first.
        await AssertRefusedAsync(teams, response, HttpStatusCode.Forbidden, channel == "webchat" ? "only Microsoft Teams (msteams)" : "forbidden");
    }

    [Fact]
    public async Task An_activity_from_another_tenant_than_SecBot_Teams_TenantId_is_refused_with_403()
    {
        // Anyone in a tenant that installed the app gets genuine tokens; a single-tenant SecBot serves its own organisation.
        await using var teams = await TeamsHost.StartAsync();
        var declare = Declare(teams);
        declare["channelData"]!["tenant"]!["id"] = "0d5a3e1b-5c36-4b1c-9f0f-6d2b7d1f0a99";

        using var response = await teams.PostAsync(declare);

        await AssertRefusedAsync(teams, response, HttpStatusCode.Forbidden, "is not served");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer not-a-jwt")]
    public async Task A_request_without_a_bearer_token_is_refused_with_401_and_nothing_is_recorded_or_sent(string? authorization)
    {
        await using var teams = await TeamsHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/messages", UriKind.Relative))
        {
            Content = new StringContent(Declare(teams).ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await teams.Host.Http.SendAsync(request);

        await AssertRefusedAsync(teams, response, HttpStatusCode.Unauthorized, "invalid token");
    }

    [Fact]
    public async Task The_same_activity_with_a_genuine_token_is_taken()
    {
        await using var teams = await TeamsHost.StartAsync();

        using var response = await teams.PostAsync(Declare(teams));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await teams.IncidentsAsync());
    }

    [Theory]
    [InlineData("from a roster person")]
    [InlineData("unauthenticated")]
    public async Task A_body_over_1_MiB_is_refused_with_413_and_nothing_is_recorded(string who)
    {
        await using var teams = await TeamsHost.StartAsync();
        var huge = Declare(teams);
        huge["text"] = "declare " + new string('x', 1024 * 1024);

        using var response = await teams.PostAsync(huge, who == "unauthenticated" ? null : "");

        await AssertRefusedAsync(teams, response, HttpStatusCode.RequestEntityTooLarge, "1 MiB");
    }

    public static TheoryData<string, string, string> Malformed => new()
    {
        { "empty", "", "malformed" },
        { "broken JSON", """{"type":"message","text":"declare Breach" """, "malformed" },
        { "an unpaired surrogate", """{"type":"message","text":"\ud800"}""", "malformed" },
        { "an array", """[{"type":"message"}]""", "not a JSON object" },
        { "a string", "\"message\"", "not a JSON object" },
        { "no type", """{"text":"declare Breach"}""", "no \"type\"" },
        { "a numeric type", """{"type":7}""", "no \"type\"" },
        { "a from of the wrong kind", """{"type":"message","text":"declare Breach","from":"29:someone"}""", "malformed" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_body_is_refused_with_400_naming_the_problem(string what, string body, string problem)
    {
        await using var teams = await TeamsHost.StartAsync();

        using var response = await teams.PostRawAsync(body, teams.ServiceUrl);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {response.StatusCode}");
        await AssertRefusedAsync(teams, response, HttpStatusCode.BadRequest, problem);
    }

    [Fact]
    public async Task Activities_SecBot_cannot_act_on_are_refused_with_400_never_500()
    {
        await using var teams = await TeamsHost.StartAsync();
        var person = teams.PeopleOnTeams[0];
        var noSender = teams.PersonalMessage(person, "declare Breach");
        noSender.Remove("from");
        var foreignSubmit = teams.PersonalMessage(person, "ignored");
        foreignSubmit["value"] = JsonNode.Parse(FakeBotConnector.Fixture("inbound.message.action-submit-messageBack.channel.json"))!["value"]!.DeepClone();
        var foreignInvoke = teams.Invoke(person, TeamsActivities.PersonalConversationOf(person), "1575667808184", new JsonObject { ["title"] = "Go", ["data"] = new JsonObject { ["property"] = "propertyValue" } });
        var submitInvoke = teams.Invoke(person, TeamsActivities.PersonalConversationOf(person), "1575667808184", new JsonObject());
        submitInvoke["value"]!["action"]!["type"] = "Action.Submit";

        foreach (var (what, activity) in new[] { ("no from", noSender), ("a submit not SecBot's", foreignSubmit), ("an invoke not SecBot's", foreignInvoke), ("an Action.Submit invoke", submitInvoke) })
        {
            using var response = await teams.PostAsync(activity);

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {response.StatusCode}");
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            var error = (string?)body["error"] ?? (string?)body["value"]?["message"];
            Assert.False(string.IsNullOrWhiteSpace(error), $"{what}: {body.ToJsonString()}");
        }

        Assert.Empty(await teams.IncidentsAsync());
        Assert.Empty(await teams.InboundKeysAsync());
        Assert.Empty(await teams.OutboxEntriesAsync());
        Assert.Empty(teams.Connector.Calls);
    }

    public static TheoryData<string> OddButReadable =>
    [
        "no conversation",
        "no text",
        "only the bot's mention",
        "a mention entity naming no one",
        "a member added without an id",
        "a submitted value that is an array",
        "an invoke whose value is a string",
        "an invoke whose action has no data",
        "a form submission of an unknown form",
        "from with only a Teams id",
    ];

    [Theory]
    [MemberData(nameof(OddButReadable))]
    public async Task An_odd_but_readable_activity_is_answered_without_a_500(string oddity)
    {
        await using var teams = await TeamsHost.StartAsync();
        var person = teams.PeopleOnTeams[0];
        var activity = teams.PersonalMessage(person, "help");
        switch (oddity)
        {
            case "no conversation": activity.Remove("conversation"); break;
            case "no text": activity.Remove("text"); break;
            case "only the bot's mention": activity = teams.ChannelMention(person, ""); break;
            case "a mention entity naming no one": activity["entities"] = new JsonArray(new JsonObject { ["type"] = "mention", ["text"] = "<at>x</at>" }); break;
            case "a member added without an id": activity = teams.Installed(person); activity["membersAdded"]!.AsArray().Add(new JsonObject()); break;
            case "a submitted value that is an array": activity["value"] = new JsonArray(1, 2); break;
            case "an invoke whose value is a string": activity = teams.Invoke(person, TeamsActivities.PersonalConversationOf(person), "1", new JsonObject()); activity["value"] = "go"; break;
            case "an invoke whose action has no data": activity = teams.Invoke(person, TeamsActivities.PersonalConversationOf(person), "1", new JsonObject()); activity["value"]!["action"]!.AsObject().Remove("data"); break;
            case "a form submission of an unknown form": activity = teams.Invoke(person, TeamsActivities.PersonalConversationOf(person), "1", new JsonObject { ["data"] = new JsonObject { ["secbot"] = "form", ["form"] = "nonsense" } }); break;
            case "from with only a Teams id": activity["from"]!.AsObject().Remove("aadObjectId"); break;
        }

        using var response = await teams.PostAsync(activity);

        Assert.True((int)response.StatusCode is 200 or 400, $"{oddity}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        if (response.StatusCode == HttpStatusCode.BadRequest) Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync()));
        await teams.WaitForOutboxDrainedAsync();
        Assert.DoesNotContain(await teams.OutboxEntriesAsync(), m => m.State == OutboxState.Dead);
    }

    public static TheoryData<string> UnknownKinds => ["messageReaction", "typing", "invoke signin/verifyState", "invoke composeExtension/query", "event", "installationUpdate", "messageUpdate"];

    [Theory]
    [MemberData(nameof(UnknownKinds))]
    public async Task An_activity_SecBot_does_not_handle_is_answered_200_and_ignored(string kind)
    {
        await using var teams = await TeamsHost.StartAsync();
        var person = teams.PeopleOnTeams[0];
        var activity = teams.PersonalMessage(person, "declare Breach");
        var parts = kind.Split(' ');
        activity["type"] = parts[0];
        if (parts.Length > 1) activity["name"] = parts[1];
        if (parts[0] == "messageReaction") activity["reactionsAdded"] = new JsonArray(new JsonObject { ["type"] = "like" });

        using var response = await teams.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AssertNothingRecordedAsync(teams);
    }

    [Fact]
    public async Task With_anonymous_loopback_allowed_a_request_without_a_token_is_taken_but_a_forged_token_still_is_not()
    {
        await using var teams = await TeamsHost.StartAsync(settings: "--SecBot:Teams:AllowAnonymousLoopback=true");

        using var forged = await teams.PostAsync(Declare(teams), teams.Identity.BotFrameworkToken(TeamsHost.AppId, teams.ServiceUrl, teams.Now, TokenForgery.WrongKey));
        await AssertRefusedAsync(teams, forged, HttpStatusCode.Unauthorized, "invalid token");

        using var anonymous = await teams.PostAsync(Declare(teams), token: null);

        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Single(await teams.IncidentsAsync());
        var declarer = TeamsActivities.PersonalConversationOf(teams.PeopleOnTeams[0]);
        await teams.Connector.WaitForAsync(FakeBotConnector.Operation.Send, c => c.ConversationId == declarer && c.Body.Contains("INC-1", StringComparison.Ordinal) && c.Body.Contains("Declared by", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_anonymous_loopback_allowed_a_tokenless_request_forwarded_by_a_proxy_or_tunnel_is_refused()
    {
        // Behind a reverse proxy or a dev tunnel on the same machine, every request arrives from loopback.
        await using var teams = await TeamsHost.StartAsync(settings: "--SecBot:Teams:AllowAnonymousLoopback=true");
        var declare = Declare(teams);

        using var forwarded = await teams.PostRawAsync(declare.ToJsonString(), teams.ServiceUrl, token: null, forwardedFor: "203.0.113.7");

        await AssertRefusedAsync(teams, forwarded, HttpStatusCode.Unauthorized, "invalid token");
    }

    [Fact]
    public async Task Without_the_setting_a_request_without_a_token_from_loopback_is_refused()
    {
        await using var teams = await TeamsHost.StartAsync();

        using var anonymous = await teams.PostAsync(Declare(teams), token: null);

        await AssertRefusedAsync(teams, anonymous, HttpStatusCode.Unauthorized, "invalid token");
    }

    private static JsonObject Declare(TeamsHost teams) => teams.PersonalMessage(teams.PeopleOnTeams[0], "declare Suspicious login");

    private static async Task AssertRefusedAsync(TeamsHost teams, HttpResponseMessage response, HttpStatusCode status, string error)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Contains(error, (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"], StringComparison.Ordinal);
        await AssertNothingRecordedAsync(teams);
    }

    private static async Task AssertNothingRecordedAsync(TeamsHost teams)
    {
        Assert.Empty(await teams.IncidentsAsync());
        Assert.Empty(await teams.InboundKeysAsync());
        Assert.Empty(await teams.OutboxEntriesAsync());
        Assert.Empty(await teams.PlatformConversationsAsync());
        Assert.Empty(teams.Connector.Calls);
    }
}
