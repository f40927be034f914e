using SecBot.Chat.Cards;
using SecBot.Testing.Slack;

namespace SecBot.Host.Tests.Slack;

/// <summary>Review requests as the fake Slack received them: the post to a DM with an Approve for a stage, where it landed and its value.</summary>
internal static class SlackReviewRequests
{
    /// <summary>
    /// Waits for the review request posted to <paramref name="dm"/> with an Approve whose value starts with
    /// <paramref name="valuePrefix"/> (<c>REV-1@1/2/</c>); its post, its ts (<see cref="FakeSlackServer.UniqueTimestamps"/> on) and that value.
    /// </summary>
    public static async Task<(RecordedCall Post, string Ts, string Approve)> RequestAsync(FakeSlackServer slack, string dm, string valuePrefix)
    {
        var post = await slack.WaitForAsync("chat.postMessage", c => c["channel"] == dm && ApproveIn(c, valuePrefix) is not null);
        return (post, slack.PostedTs(post)!, ApproveIn(post, valuePrefix)!);
    }

    private static string? ApproveIn(RecordedCall call, string valuePrefix) =>
        (call.Json?["blocks"]?.AsArray() ?? []).Where(b => (string?)b!["type"] == "actions").SelectMany(b => b!["elements"]!.AsArray())
            .Where(e => (string?)e!["action_id"] == ActionIds.Approve).Select(e => (string?)e!["value"] ?? "")
            .FirstOrDefault(v => v.StartsWith(valuePrefix, StringComparison.Ordinal));
}
