using System.Text.Json;
using System.Text.Json.Nodes;
using SecBot.Teams.Activities;
using SecBot.Teams.Cards;
using SecBot.Teams.Tests.Support;

namespace SecBot.Teams.Tests.Activities;

/// <summary>
/// Every file in the Teams fixtures folder is read by what SecBot reads it with: activities (inbound, and the Connector's
/// request bodies, which are activities too) by <see cref="ActivityParser"/>; invoke responses, cards and other JSON as
/// JSON whose modelled members are checked; the HTTP captures by their JSON body when they have one. A new fixture with a
/// prefix nobody maps fails here.
/// </summary>
public sealed class FixtureParsingTests
{
    public static TheoryData<string> AllFixtures() => new(Names());

    private static List<string> Names() =>
        [.. Directory.EnumerateFiles(TeamsFixtures.Directory).Select(Path.GetFileName).OfType<string>().Where(n => n != "README.md").Order(StringComparer.Ordinal)];

    [Fact]
    public void The_fixture_folder_holds_every_kind_of_payload()
    {
        var names = Names();

        Assert.True(names.Count >= 23, $"only {names.Count} fixtures found in {TeamsFixtures.Directory}");
        foreach (var prefix in new[] { "inbound.message.", "inbound.invoke.", "inbound.conversationUpdate.", "invoke-response.", "card.", "rest.", "auth.", "manifest." })
        {
            Assert.Contains(names, n => n.StartsWith(prefix, StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(AllFixtures))]
    public void Every_fixture_is_read_by_what_reads_its_kind(string name)
    {
        var text = TeamsFixtures.Text(name);
        if (name.StartsWith("inbound.", StringComparison.Ordinal)) Inbound(name);
        else if (name.StartsWith("invoke-response.", StringComparison.Ordinal)) InvokeResponse(JsonNode.Parse(text)!.AsObject());
        else if (name.StartsWith("card.", StringComparison.Ordinal)) AdaptiveCard(JsonNode.Parse(text)!.AsObject());
        else if (name.StartsWith("rest.", StringComparison.Ordinal)) Rest(name, text);
        else if (name.StartsWith("auth.", StringComparison.Ordinal)) Auth(name, text);
        else if (name.StartsWith("manifest.", StringComparison.Ordinal)) Assert.False(string.IsNullOrEmpty(JsonNode.Parse(text)!["bots"]![0]!["botId"]!.GetValue<string>()));
        else throw new Xunit.Sdk.XunitException($"no reader is mapped for fixture {name}");
    }

    private static void Inbound(string name)
    {
        var activity = TeamsFixtures.Activity(name);

        Assert.Equal(name.Split('.')[1], activity.Type);
        Assert.Equal(TeamsPlatform.ChannelId, activity.ChannelId);
        Assert.False(string.IsNullOrEmpty(activity.Id));
        Assert.NotNull(activity.Timestamp);
        Assert.StartsWith("https://smba.trafficmanager.net/", activity.ServiceUrl, StringComparison.Ordinal);
        Assert.StartsWith("29:", activity.From!.Id, StringComparison.Ordinal);
        Assert.StartsWith("28:", activity.Recipient!.Id, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(activity.Conversation!.Id));
        Assert.False(string.IsNullOrEmpty(activity.ChannelData!.Tenant!.Id));
        Assert.Equal(activity.Value is { ValueKind: JsonValueKind.Object } || activity.Name == ActivityTypes.AdaptiveCardAction, TeamsActionReader.IsCardAction(activity));
    }

    private static void InvokeResponse(JsonObject response)
    {
        Assert.Equal(200, response["statusCode"]!.GetValue<int>());
        var rebuilt = response["type"]!.GetValue<string>() switch
        {
            AdaptiveCardRenderer.ContentType => InvokeResponses.Card(response["value"]!.DeepClone().AsObject()),
            InvokeResponses.MessageType => InvokeResponses.Message(response["value"]!.GetValue<string>()),
            var other => throw new Xunit.Sdk.XunitException($"invoke response type {other} is not modelled"),
        };
        Assert.True(JsonNode.DeepEquals(response, rebuilt), rebuilt.ToJsonString());
        if (response["value"] is JsonObject card) AdaptiveCard(card);
    }

    private static void AdaptiveCard(JsonObject card)
    {
        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
        Assert.Equal(AdaptiveCardRenderer.Schema, card["$schema"]!.GetValue<string>());
        var attachment = TeamsMessages.Card(card.DeepClone().AsObject())["attachments"]![0]!;
        Assert.Equal(AdaptiveCardRenderer.ContentType, attachment["contentType"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(card, attachment["content"]));
    }

    private static void Rest(string name, string text)
    {
        if (name.EndsWith(".http.txt", StringComparison.Ordinal))
        {
            // Teams' 403 for a blocked bot: not an ErrorResponse; its message is itself JSON naming the sub-code (§3).
            var body = JsonNode.Parse(HttpBody(text))!;
            Assert.Equal(209, body["errorCode"]!.GetValue<int>());
            Assert.Equal("MessageWritesBlocked", JsonNode.Parse(body["message"]!.GetValue<string>())!["subCode"]!.GetValue<string>());
            return;
        }

        var json = JsonNode.Parse(text)!.AsObject();
        if (name.EndsWith(".response.json", StringComparison.Ordinal)) Assert.False(string.IsNullOrEmpty(json["id"]!.GetValue<string>()));
        else if (name.StartsWith("rest.error.", StringComparison.Ordinal)) Assert.False(string.IsNullOrEmpty(json["error"]!["code"]!.GetValue<string>()));
        else if (json.ContainsKey("type")) Assert.Equal(ActivityTypes.Message, TeamsFixtures.Activity(name).Type);
        else Assert.StartsWith("28:", json["bot"]!["id"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static void Auth(string name, string text)
    {
        if (name.EndsWith(".json", StringComparison.Ordinal))
        {
            using var document = JsonDocument.Parse(text);
            Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        }
        else if (name.EndsWith(".http.txt", StringComparison.Ordinal))
        {
            // A token request's body is a form, not JSON.
            Assert.StartsWith("grant_type=client_credentials&", HttpBody(text), StringComparison.Ordinal);
        }
        else
        {
            // Published as pseudo-JSON (unquoted keys, "..."): only its claims are checked.
            Assert.Contains("iss: \"https://api.botframework.com\"", text, StringComparison.Ordinal);
        }
    }

    private static string HttpBody(string http)
    {
        var normalized = http.ReplaceLineEndings("\n");
        var blank = normalized.IndexOf("\n\n", StringComparison.Ordinal);
        Assert.True(blank > 0, "no blank line before the body");
        return normalized[(blank + 2)..].Trim();
    }
}
