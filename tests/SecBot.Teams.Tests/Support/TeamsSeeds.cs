using System.Text;
using System.Text.Json.Nodes;
using SecBot.Chat.Cards;
using SecBot.Teams.Cards;
using SecBot.Testing;

namespace SecBot.Teams.Tests.Support;

/// <summary>
/// The real inbound Teams captures in tests/fixtures/teams, the fuzz properties' seeds: each activity as captured, and the
/// invoke and the messageBack captures carrying a SecBot card's data (a button with a reason and a checklist), so that
/// spoiling them reaches the card action reader too.
/// </summary>
internal static class TeamsSeeds
{
    // Declared first: the seeds below are built from it when the class is initialised.
    private static readonly CardButton Button = new("Approve", "approve", "REV-7@2/1/SecArch")
    {
        Asks =
        [
            new CardInput("reason", "Reason", CardInputKind.Text, Required: true),
            new CardInput("checks", "Checks", CardInputKind.Checkboxes, Required: false) { Options = ["tested", "reviewed"] },
        ],
    };

    public static IReadOnlyList<string> ActivityNames { get; } =
        [.. Directory.EnumerateFiles(TeamsFixtures.Directory).Select(Path.GetFileName).OfType<string>()
            .Where(n => n.StartsWith("inbound.", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    public static IReadOnlyList<byte[]> Activities { get; } =
    [
        .. ActivityNames.Select(FixtureFolder.Teams.Bytes),
        SecBotInvoke(),
        SecBotSubmit(),
    ];

    private static JsonObject Data()
    {
        var data = CardActionData.ForButton(Button, CardActionData.ButtonNamespace(0));
        data[CardActionData.InputId("b0", "reason")] = "looks fine";
        data[CardActionData.ToggleId("b0", "checks", 1)] = CardActionData.ToggleOn;
        return data;
    }

    private static byte[] SecBotInvoke()
    {
        var activity = TeamsFixtures.Json("inbound.invoke.adaptiveCard-action.personal.json");
        activity["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "approve", ["data"] = Data() }, ["trigger"] = "manual" };
        return Encoding.UTF8.GetBytes(activity.ToJsonString());
    }

    private static byte[] SecBotSubmit()
    {
        var activity = TeamsFixtures.Json("inbound.message.action-submit-messageBack.channel.json");
        activity["value"] = Data();
        return Encoding.UTF8.GetBytes(activity.ToJsonString());
    }
}
