using System.Text.Json.Nodes;
using SecBot.Domain.Roster;
using SecBot.Testing.Teams;

namespace SecBot.Host.Tests.Teams;

/// <summary>
/// Activities as Teams sends them, made from the real captures in tests/fixtures/teams with only what SecBot reads
/// re-addressed: the sender (a roster person's AAD object id, and a per-bot 29: id derived from their person id), the bot,
/// the conversation, the serviceUrl and the tenant. Each gets a fresh activity id unless one is given.
/// </summary>
internal static class TeamsActivities
{
    public static string UserIdOf(Person person) => "29:" + person.Id;

    public static string PersonalConversationOf(Person person) => "a:" + person.Id;

    public static JsonObject PersonalMessage(Person person, string text, string serviceUrl, string appId, string tenantId, string? id = null)
    {
        var activity = Capture("inbound.message.personal.json", person, serviceUrl, appId, tenantId, id);
        activity["text"] = text;
        activity.Remove("attachments");
        return activity;
    }

    public static JsonObject Installed(Person person, string serviceUrl, string appId, string tenantId)
    {
        var activity = Capture("inbound.conversationUpdate.bot-added.personal.json", person, serviceUrl, appId, tenantId, null);
        activity["membersAdded"] = new JsonArray(
            new JsonObject { ["id"] = UserIdOf(person), ["aadObjectId"] = person.TeamsUserId },
            new JsonObject { ["id"] = "28:" + appId });
        return activity;
    }

    public static JsonObject Invoke(
        Person person, string conversationId, string cardActivityId, JsonObject button, IReadOnlyDictionary<string, string>? inputs, string serviceUrl, string appId, string tenantId)
    {
        var activity = Capture("inbound.invoke.adaptiveCard-action.personal.json", person, serviceUrl, appId, tenantId, null);
        activity["conversation"]!["id"] = conversationId;
        activity["replyToId"] = cardActivityId;
        var data = button["data"]?.DeepClone().AsObject() ?? [];
        foreach (var (input, value) in inputs ?? new Dictionary<string, string>()) data[input] = value;
        var action = new JsonObject { ["type"] = "Action.Execute", ["title"] = (string?)button["title"], ["data"] = data };
        if (button["verb"] is { } verb) action["verb"] = verb.DeepClone();
        activity["value"] = new JsonObject { ["action"] = action, ["trigger"] = "manual" };
        return activity;
    }

    /// <summary>The channel thread of the channel-mention capture (<c>19:…@thread.tacv2;messageid=…</c>), where channel messages are written.</summary>
    public static string ChannelThread => (string)JsonNode.Parse(FakeBotConnector.Fixture(ChannelMentionCapture))!["conversation"]!["id"]!;

    /// <summary>The channel-mention capture from <paramref name="person"/>: its bot mention kept, then <paramref name="command"/>.</summary>
    public static JsonObject ChannelMention(Person person, string command, string serviceUrl, string appId, string tenantId, string? id = null)
    {
        var activity = Readdressed(ChannelMentionCapture, person, serviceUrl, appId, tenantId, id);
        var mention = activity["entities"]!.AsArray().Single(e => (string?)e!["type"] == "mention")!;
        mention["mentioned"]!["id"] = "28:" + appId;
        activity["text"] = $"{(string?)mention["text"]} {command}";
        activity.Remove("attachments"); // the HTML rendition of the captured text
        return activity;
    }

    /// <summary>The team-install capture: the bot added to a team by <paramref name="person"/>, in the team's channel.</summary>
    public static JsonObject TeamInstalled(Person person, string serviceUrl, string appId, string tenantId)
    {
        var activity = Readdressed("inbound.conversationUpdate.bot-added.team.json", person, serviceUrl, appId, tenantId, null);
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "28:" + appId });
        return activity;
    }

    /// <summary>
    /// The messageBack capture as a legacy <c>Action.Submit</c> of <paramref name="button"/> on the card
    /// <paramref name="cardActivityId"/> in the 1:1 chat <paramref name="conversationId"/>: value = the button's data, no text.
    /// </summary>
    public static JsonObject ActionSubmit(Person person, string conversationId, string cardActivityId, JsonObject button, string serviceUrl, string appId, string tenantId)
    {
        var activity = Readdressed("inbound.message.action-submit-messageBack.channel.json", person, serviceUrl, appId, tenantId, null);
        activity["conversation"] = new JsonObject { ["id"] = conversationId };
        activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenantId } };
        activity["replyToId"] = cardActivityId;
        activity["value"] = button["data"]?.DeepClone() ?? new JsonObject();
        activity.Remove("text");
        return activity;
    }

    private const string ChannelMentionCapture = "inbound.message.channel-mention.json";

    private static JsonObject Capture(string fixture, Person person, string serviceUrl, string appId, string tenantId, string? id)
    {
        var activity = Readdressed(fixture, person, serviceUrl, appId, tenantId, id);
        activity["conversation"] = new JsonObject { ["id"] = PersonalConversationOf(person), ["conversationType"] = "personal", ["tenantId"] = tenantId };
        activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenantId } };
        return activity;
    }

    // The capture with its sender, bot, serviceUrl and tenant replaced; its conversation and channel data otherwise kept.
    private static JsonObject Readdressed(string fixture, Person person, string serviceUrl, string appId, string tenantId, string? id)
    {
        var activity = JsonNode.Parse(FakeBotConnector.Fixture(fixture))!.AsObject();
        activity["id"] = id ?? Guid.NewGuid().ToString("N");
        activity["serviceUrl"] = serviceUrl;
        activity["channelId"] = "msteams";
        activity["from"] = new JsonObject { ["id"] = UserIdOf(person), ["name"] = person.Name, ["aadObjectId"] = person.TeamsUserId };
        activity["recipient"] = new JsonObject { ["id"] = "28:" + appId, ["name"] = "SecBot" };
        if (activity["conversation"] is JsonObject conversation && conversation.ContainsKey("tenantId")) conversation["tenantId"] = tenantId;
        if (activity["channelData"]?["tenant"] is JsonObject tenant) tenant["id"] = tenantId;
        return activity;
    }
}
