using System.Text.Json.Nodes;

namespace SecBot.Host.Tests.Slack;

/// <summary>Bodies shaped like Slack's (fixtures/slack), with the fields a test varies.</summary>
internal static class SlackPayloads
{
    /// <summary>The workspace and app every payload here comes from, as <see cref="SlackHost"/> configures them.</summary>
    public const string TeamId = "T111";
    public const string AppId = "A111";

    /// <param name="triggerId">New for every command unless given, as Slack makes it: the same one is a replay.</param>
    public static string SlashCommand(string text, string userId, string channelId, string? triggerId = null, string teamId = TeamId, string appId = AppId) =>
        string.Join('&',
            "token=xxx", $"team_id={teamId}", "team_domain=test", $"channel_id={channelId}", "channel_name=general",
            $"user_id={userId}", "user_name=someone", "command=%2Fsecbot", $"text={Uri.EscapeDataString(text)}", $"api_app_id={appId}",
            "response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT111%2F1%2Fx", $"trigger_id={triggerId ?? NewTriggerId()}");

    public static string NewTriggerId() => $"13345224609.738474920.{Guid.NewGuid():N}";

    public static string BlockActions(string userId, string actionId, string value, string channelId, string messageTs, string actionTs = "1548426417.840180") =>
        BlockActionsNode(userId, actionId, value, channelId, messageTs, actionTs).ToJsonString();

    /// <summary>A button press on an ephemeral message (<c>container.is_ephemeral</c>), answerable through <paramref name="responseUrl"/>.</summary>
    public static string EphemeralBlockActions(string userId, string actionId, string value, string channelId, string messageTs, string responseUrl)
    {
        var node = BlockActionsNode(userId, actionId, value, channelId, messageTs, "1548426417.840181");
        node["container"]!["is_ephemeral"] = true;
        node["response_url"] = responseUrl;
        node.Remove("message");
        return node.ToJsonString();
    }

    /// <summary>A press whose payload carries neither <c>action_ts</c> nor <c>trigger_id</c>.</summary>
    public static string BlockActionsWithoutPressIds(string userId, string actionId, string value, string channelId, string messageTs)
    {
        var node = BlockActionsNode(userId, actionId, value, channelId, messageTs, "x");
        node.Remove("trigger_id");
        node["actions"]![0]!.AsObject().Remove("action_ts");
        return node.ToJsonString();
    }

    private static JsonObject BlockActionsNode(string userId, string actionId, string value, string channelId, string messageTs, string actionTs) =>
        new JsonObject
        {
            ["type"] = "block_actions",
            ["team"] = new JsonObject { ["id"] = "T111", ["domain"] = "test" },
            ["user"] = new JsonObject { ["id"] = userId, ["username"] = "someone", ["team_id"] = "T111" },
            ["api_app_id"] = "A111",
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = messageTs, ["channel_id"] = channelId, ["is_ephemeral"] = false },
            ["trigger_id"] = "111.222.trigger",
            ["channel"] = new JsonObject { ["id"] = channelId, ["name"] = "directmessage" },
            ["message"] = new JsonObject { ["type"] = "message", ["ts"] = messageTs, ["text"] = "page" },
            ["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "button", ["action_id"] = actionId, ["block_id"] = "b1", ["value"] = value, ["action_ts"] = actionTs,
                ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Acknowledge" },
            }),
        };

    public static string ViewSubmission(string userId, string callbackId, string privateMetadata, IReadOnlyDictionary<string, string> values, string viewId = "V123") =>
        new JsonObject
        {
            ["type"] = "view_submission",
            ["team"] = new JsonObject { ["id"] = "T111", ["domain"] = "test" },
            ["user"] = new JsonObject { ["id"] = userId, ["username"] = "someone", ["team_id"] = "T111" },
            ["api_app_id"] = "A111",
            ["trigger_id"] = "123.123.abc",
            ["view"] = new JsonObject
            {
                ["id"] = viewId, ["type"] = "modal", ["callback_id"] = callbackId, ["private_metadata"] = privateMetadata, ["hash"] = "1.2",
                ["state"] = new JsonObject
                {
                    ["values"] = new JsonObject(values.Select(v => KeyValuePair.Create<string, JsonNode?>(v.Key, new JsonObject
                    {
                        [v.Key] = new JsonObject { ["type"] = "plain_text_input", ["value"] = v.Value },
                    }))),
                },
            },
            ["response_urls"] = new JsonArray(),
        }.ToJsonString();

    public static string DirectMessage(string eventId, string userId, string text) =>
        EventCallback(eventId, new JsonObject
        {
            ["type"] = "message", ["channel"] = "D0DIRECT01", ["user"] = userId, ["text"] = text,
            ["ts"] = "1355517523.000005", ["event_ts"] = "1355517523.000005", ["channel_type"] = "im",
        });

    public static string Mention(string eventId, string userId, string text) =>
        EventCallback(eventId, new JsonObject
        {
            ["type"] = "app_mention", ["user"] = userId, ["text"] = $"<@U0BOT> {text}", ["ts"] = "1610241741.000200",
            ["channel"] = "C0GENERAL", ["event_ts"] = "1610241741.000200",
        });

    public static string EventCallback(string eventId, JsonObject inner) =>
        new JsonObject
        {
            ["token"] = "x", ["team_id"] = "T111", ["api_app_id"] = "A111", ["event"] = inner,
            ["type"] = "event_callback", ["event_id"] = eventId, ["event_time"] = 1355517523,
        }.ToJsonString();
}
