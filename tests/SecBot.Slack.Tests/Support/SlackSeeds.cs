using System.Text;
using System.Text.Json.Nodes;
using SecBot.Testing.Slack;

namespace SecBot.Slack.Tests.Support;

/// <summary>The real Slack captures in tests/fixtures/slack, grouped by the parser that reads them: the fuzz properties' seeds.</summary>
internal static class SlackSeeds
{
    public static IReadOnlyList<string> EventNames { get; } = Named("event_callback.", "url_verification");

    public static IReadOnlyList<string> InteractionNames { get; } = Named("block_actions.", "view_submission.");

    public static IReadOnlyList<string> SlashCommandNames { get; } = Named("slash_command.");

    public static IReadOnlyList<byte[]> Events { get; } = [.. EventNames.Select(SlackFixtures.Bytes)];

    /// <summary>The JSON of interactivity payloads (block_actions, view_submission).</summary>
    public static IReadOnlyList<byte[]> InteractionJson { get; } = [.. InteractionNames.Select(SlackFixtures.Bytes)];

    /// <summary>Interactivity bodies as posted: the captured form, and each JSON capture as its <c>payload</c> field.</summary>
    public static IReadOnlyList<byte[]> InteractionForms { get; } =
        [.. Named("interactivity.").Select(SlackFixtures.Bytes), .. InteractionJson.Select(AsPayloadForm)];

    public static IReadOnlyList<byte[]> SlashCommandForms { get; } = [.. SlashCommandNames.Select(SlackFixtures.Bytes)];

    /// <summary>
    /// Socket Mode messages as Slack's Socket Mode documentation shapes them, carrying the captures: every event body as an
    /// <c>events_api</c> envelope, every interaction as <c>interactive</c>, every slash command's fields as <c>slash_commands</c>.
    /// </summary>
    public static IReadOnlyList<byte[]> Envelopes { get; } =
    [
        .. Events.Select(e => Envelope("events_api", JsonNode.Parse(e)!)),
        .. InteractionJson.Select(i => Envelope("interactive", JsonNode.Parse(i)!)),
        .. SlashCommandForms.Select(f => Envelope("slash_commands", FieldsObject(Encoding.UTF8.GetString(f)))),
        """{"type":"hello","num_connections":1,"debug_info":{"host":"applink-1"},"connection_info":{"app_id":"A111"}}"""u8.ToArray(),
        """{"type":"disconnect","reason":"refresh_requested","debug_info":{"host":"applink-1"}}"""u8.ToArray(),
    ];

    public static byte[] AsPayloadForm(byte[] json) => Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString(Encoding.UTF8.GetString(json)));

    private static IReadOnlyList<string> Named(params string[] prefixes) =>
        [.. Directory.EnumerateFiles(SlackFixtures.Directory).Select(Path.GetFileName).OfType<string>()
            .Where(n => prefixes.Any(p => n.StartsWith(p, StringComparison.Ordinal))).Order(StringComparer.Ordinal)];

    private static byte[] Envelope(string type, JsonNode payload) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["envelope_id"] = "57d6a792-4d35-4d0b-b6aa-3361493e1caf",
        ["payload"] = payload,
        ["type"] = type,
        ["accepts_response_payload"] = type == "slash_commands",
    }.ToJsonString());

    private static JsonObject FieldsObject(string form)
    {
        var fields = new JsonObject();
        foreach (var pair in form.Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            fields[Uri.UnescapeDataString(pair[..equals].Replace('+', ' '))] = Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
        }

        return fields;
    }
}
