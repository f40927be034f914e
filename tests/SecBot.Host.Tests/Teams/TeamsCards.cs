using System.Text.Json.Nodes;
using SecBot.Testing.Teams;

namespace SecBot.Host.Tests.Teams;

/// <summary>Reading the Adaptive Cards SecBot sent through the fake connector: the card of an activity, and its buttons.</summary>
internal static class TeamsCards
{
    /// <summary>The Adaptive Card an activity sent or PUT carries.</summary>
    public static JsonObject CardOf(FakeBotConnector.Call call) => call.Json!["attachments"]![0]!["content"]!.AsObject();

    /// <summary>The card's Action.Execute button with <paramref name="verb"/>.</summary>
    public static JsonObject Button(JsonObject card, string verb) => Actions(card).Single(a => (string?)a["verb"] == verb);

    /// <summary>Every Action.Execute in a card, depth first (buttons, and the submits inside their ShowCards).</summary>
    public static IEnumerable<JsonObject> Actions(JsonNode? node) => node switch
    {
        JsonObject o when (string?)o["type"] == "Action.Execute" => [o, .. o.SelectMany(p => Actions(p.Value))],
        JsonObject o => o.SelectMany(p => Actions(p.Value)),
        JsonArray a => a.SelectMany(Actions),
        _ => [],
    };
}
