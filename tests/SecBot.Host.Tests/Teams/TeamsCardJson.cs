using System.Text.Json.Nodes;
using SecBot.Testing.Teams;

namespace SecBot.Host.Tests.Teams;

/// <summary>Reads what SecBot sent to the fake Bot Connector: the Adaptive Card of an activity, and its buttons.</summary>
internal static class TeamsCardJson
{
    /// <summary>The Adaptive Card an activity carries (its first attachment's content).</summary>
    public static JsonObject CardOf(FakeBotConnector.Call call) => call.Json!["attachments"]![0]!["content"]!.AsObject();

    /// <summary>Every Action.Execute in a card, depth first (buttons, and the submits inside their ShowCards).</summary>
    public static IEnumerable<JsonObject> Actions(JsonNode? node) => node switch
    {
        JsonObject o when (string?)o["type"] == "Action.Execute" => [o, .. o.SelectMany(p => Actions(p.Value))],
        JsonObject o => o.SelectMany(p => Actions(p.Value)),
        JsonArray a => a.SelectMany(Actions),
        _ => [],
    };

    /// <summary>Every input element (Input.*) in a card, depth first.</summary>
    public static IEnumerable<JsonObject> Inputs(JsonNode? node) => node switch
    {
        JsonObject o when ((string?)o["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true => [o],
        JsonObject o => o.SelectMany(p => Inputs(p.Value)),
        JsonArray a => a.SelectMany(Inputs),
        _ => [],
    };

    /// <summary>The Action.Execute whose data names <paramref name="action"/> (the <c>secbot</c> key) and whose value starts with <paramref name="valuePrefix"/>.</summary>
    public static JsonObject? Button(FakeBotConnector.Call call, string action, string valuePrefix = "") =>
        call.Json?["attachments"] is null ? null : Actions(CardOf(call)).FirstOrDefault(a =>
            (string?)a["data"]?["secbot"] == action && ((string?)a["data"]?["value"] ?? "").StartsWith(valuePrefix, StringComparison.Ordinal));

    /// <summary>The inputs the ShowCard around <paramref name="submit"/> holds, by id (the ids carry the submit's namespace).</summary>
    public static IReadOnlyList<JsonObject> InputsFor(FakeBotConnector.Call call, JsonObject submit)
    {
        var ns = (string?)submit["data"]?["ns"] ?? throw new InvalidOperationException("the button asks for no inputs");
        return [.. Inputs(CardOf(call)).Where(i => ((string?)i["id"] ?? "").StartsWith(ns + ".", StringComparison.Ordinal))];
    }

    /// <summary>The text SecBot sent in an activity: its text and its card, as one string to search.</summary>
    public static string TextOf(FakeBotConnector.Call call) => call.Body;
}
