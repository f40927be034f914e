using System.Text.Json;
using SecBot.Slack.WebApi;

namespace SecBot.Slack.Tests.Payloads;

/// <summary>
/// Reads a <c>web.{method}.{case}.json</c> fixture as the client reads that method's answer, and checks the
/// envelope agrees with the file name: <c>.ok</c> files are <c>ok:true</c>, the others carry an error code.
/// </summary>
internal static class SlackWebApiParsing
{
    public static SlackApiResponse Parse(string fixtureName, string json)
    {
        var method = fixtureName["web.".Length..fixtureName.LastIndexOf('.', fixtureName.Length - ".json".Length - 1)];
        SlackApiResponse? response = method switch
        {
            "chat.postMessage" or "chat.update" => JsonSerializer.Deserialize(json, SlackWebJsonContext.Default.MessageResponse),
            "conversations.open" => JsonSerializer.Deserialize(json, SlackWebJsonContext.Default.ConversationsOpenResponse),
            "views.open" or "views.publish" => JsonSerializer.Deserialize(json, SlackWebJsonContext.Default.ViewResponse),
            "users.lookupByEmail" => JsonSerializer.Deserialize(json, SlackWebJsonContext.Default.UserLookupResponse),
            _ => JsonSerializer.Deserialize(json, SlackWebJsonContext.Default.SlackApiResponse),
        };

        Assert.NotNull(response);
        if (fixtureName.EndsWith(".ok.json", StringComparison.Ordinal))
        {
            Assert.True(response.Ok, fixtureName);
            switch (response)
            {
                case MessageResponse message: Assert.False(string.IsNullOrEmpty(message.Ts)); break;
                case ConversationsOpenResponse open: Assert.StartsWith("D", open.Channel!.Id, StringComparison.Ordinal); break;
                case ViewResponse view: Assert.False(string.IsNullOrEmpty(view.View!.Id)); break;
                case UserLookupResponse lookup: Assert.False(string.IsNullOrEmpty(lookup.User!.Id)); break;
            }
        }
        else
        {
            Assert.False(response.Ok, fixtureName);
            Assert.False(string.IsNullOrEmpty(response.Error));
        }

        return response;
    }
}
