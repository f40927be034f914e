using System.Text.Json;
using System.Text.Json.Nodes;
using SecBot.Slack.BlockKit;
using SecBot.Slack.WebApi;

namespace SecBot.Slack.Tests.Rendering;

/// <summary>
/// Checks rendered JSON against every Block Kit limit in slack-protocol.md §7, independently of the renderer's
/// own constants, the way Slack would before answering <c>invalid_blocks</c>.
/// </summary>
internal static class BlockKitLimitCheck
{
    public static void Message(MessageContent content)
    {
        Assert.True(content.Text.Length <= 4000, "fallback text over chat.update's 4000");
        var blocks = JsonSerializer.SerializeToNode(content, SlackWebJsonContext.Default.MessageContent)!["blocks"]!.AsArray();
        Assert.InRange(blocks.Count, 1, 50);
        Blocks(blocks);
    }

    public static void View(ViewDefinition view)
    {
        var node = JsonSerializer.SerializeToNode(view, SlackWebJsonContext.Default.ViewDefinition)!;
        var blocks = node["blocks"]!.AsArray();
        Assert.InRange(blocks.Count, 1, 100);
        foreach (var member in new[] { "title", "submit", "close" })
        {
            if (node[member] is { } text) Assert.InRange(Text(text).Length, 1, 24);
        }

        Assert.True(((string?)node["private_metadata"] ?? "").Length <= 3000);
        Assert.True(((string?)node["callback_id"] ?? "").Length <= 255);
        Blocks(blocks);
    }

    private static void Blocks(JsonArray blocks)
    {
        var blockIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var block in blocks.Select(b => b!))
        {
            if (block["block_id"] is { } id)
            {
                Assert.True(((string)id!).Length <= 255);
                Assert.True(blockIds.Add((string)id!), "block ids are unique");
            }

            switch ((string)block["type"]!)
            {
                case "header": Assert.InRange(Text(block["text"]!).Length, 1, 150); break;
                case "section":
                    if (block["text"] is { } text) Assert.InRange(Text(text).Length, 1, 3000);
                    if (block["fields"] is JsonArray fields)
                    {
                        Assert.InRange(fields.Count, 1, 10);
                        Assert.All(fields, f => Assert.InRange(Text(f!).Length, 1, 2000));
                    }

                    break;
                case "context":
                    Assert.InRange(block["elements"]!.AsArray().Count, 1, 10);
                    break;
                case "actions":
                    var elements = block["elements"]!.AsArray();
                    Assert.InRange(elements.Count, 1, 25);
                    var actionIds = elements.Select(e => (string)e!["action_id"]!).ToList();
                    Assert.Equal(actionIds.Count, actionIds.Distinct(StringComparer.Ordinal).Count());
                    Assert.All(elements, e => Button(e!));
                    break;
                case "input":
                    Assert.InRange(Text(block["label"]!).Length, 1, 2000);
                    Assert.True(((string)block["element"]!["action_id"]!).Length <= 255);
                    if (block["element"]!["placeholder"] is { } placeholder) Assert.True(Text(placeholder).Length <= 150);
                    if (block["element"]!["options"] is JsonArray options)
                    {
                        Assert.InRange(options.Count, 1, 10);
                        Assert.All(options, o => Assert.True(Text(o!["text"]!).Length <= 75 && ((string)o!["value"]!).Length <= 150));
                    }

                    break;
                case "divider": break;
                default: Assert.Fail($"unexpected block type {block["type"]}"); break;
            }
        }
    }

    private static void Button(JsonNode button)
    {
        Assert.Equal("button", (string)button["type"]!);
        Assert.InRange(Text(button["text"]!).Length, 1, 75);
        Assert.InRange(((string)button["action_id"]!).Length, 1, 255);
        Assert.True(((string?)button["value"] ?? "").Length <= 2000);
        Assert.Equal("plain_text", (string)button["text"]!["type"]!);
    }

    private static string Text(JsonNode text) => (string)text["text"]!;
}
