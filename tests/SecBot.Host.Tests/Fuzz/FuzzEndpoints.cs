using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SecBot.Chat.Cards;
using SecBot.Host.Tests.Slack;
using SecBot.Host.Tests.Teams;
using SecBot.Teams.Cards;
using SecBot.Testing;
using SecBot.Testing.Slack;

namespace SecBot.Host.Tests.Fuzz;

/// <summary>
/// The endpoints the HTTP fuzz test drives, one row each (<see cref="FuzzEndpoint"/>). A new endpoint is one more row in
/// <see cref="Active"/>: its path, content type, how a genuine sender authenticates, its seed bodies (real captures), and a
/// real request it must still serve afterwards. The alert and Gate API rows are in FuzzEndpoints.Machine.cs.
/// </summary>
internal static partial class FuzzEndpoints
{
    private const string Form = "application/x-www-form-urlencoded";
    private const string Json = "application/json";

    public static IReadOnlyList<FuzzEndpoint> Active { get; } =
    [
        new("/slack/command", Form, BodyShape.Form, SlashCommands, (h, r, b) => h.SignAsSlack(r, b), ServesSlackHelpAsync)
        {
            Fresh = (body, n) => Encoding.UTF8.GetBytes(TriggerId().Replace(Encoding.UTF8.GetString(body), $"trigger_id=fuzz.{n}.{Guid.NewGuid():N}")),
        },
        new("/slack/action", Form, BodyShape.Form, Interactions, (h, r, b) => h.SignAsSlack(r, b), ServesSlackShortcutAsync),
        new("/slack/event", Json, BodyShape.Json, Events, (h, r, b) => h.SignAsSlack(r, b), ServesSlackDirectMessageAsync)
        {
            Fresh = (body, n) => WithMember(body, "event_id", $"EvFUZZ{n}{Guid.NewGuid():N}"),
        },
        new("/slack/options", Form, BodyShape.Form, Interactions, (h, r, b) => h.SignAsSlack(r, b), ServesSlackOptionsAsync) { Requests = 300, ReadsItsBody = false },
        new("/api/messages", Json, BodyShape.Json, Activities, (h, r, b) => h.AuthorizeAsTeams(r, b), ServesTeamsHelpAsync)
        {
            Fresh = (body, n) => WithMember(body, "id", $"fuzz-{n}-{Guid.NewGuid():N}"),
            Requests = 1_500,
        },
        new("/alerts/v2/enqueue", Json, BodyShape.Json, PagerDutyEvents, (_, _, _) => { }, ServesAPagerDutyTriggerAsync)
        {
            Fresh = FreshPagerDutyEvent,
            Requests = 1_000,
        },
        new("/alerts/alertmanager", Json, BodyShape.Json, AlertmanagerNotifications, (_, r, _) => FuzzHost.AuthorizeWith(r, FuzzHost.RoutingKey), h => ServesAnAlertmanagerNotificationAsync(h, AlertmanagerByBearer))
        {
            Fresh = FreshAlertmanagerNotification,
            Requests = 800,
        },
        new(AlertmanagerByQuery, Json, BodyShape.Json, AlertmanagerNotifications, (_, _, _) => { }, h => ServesAnAlertmanagerNotificationAsync(h, AlertmanagerByQuery))
        {
            Fresh = FreshAlertmanagerNotification,
            Requests = 600,
        },
        new("/api/gates", Json, BodyShape.Json, GateRequests, (_, r, _) => FuzzHost.AuthorizeWith(r, FuzzHost.ApiKey), ServesAGateRequestAsync)
        {
            Fresh = FreshGateRequest,
            Requests = 800,
        },
    ];

    [GeneratedRegex("trigger_id=[^&]*")]
    private static partial Regex TriggerId();

    private static IReadOnlyList<byte[]> SlashCommands(FuzzHost host) =>
    [
        .. Fixtures("slash_command."),
        Encoding.UTF8.GetBytes(SlackPayloads.SlashCommand("status", host.Sender.SlackUserId, "C0GENERAL")),
        Encoding.UTF8.GetBytes(SlackPayloads.SlashCommand("declare \"Fuzzed title\" level:L2", host.Sender.SlackUserId, "C0GENERAL")),
        Encoding.UTF8.GetBytes(SlackPayloads.SlashCommand("approve REV-1 fine", host.Sender.SlackUserId, "C0GENERAL")),
    ];

    private static IReadOnlyList<byte[]> Interactions(FuzzHost host) =>
    [
        .. Fixtures("interactivity."),
        .. Fixtures("block_actions.", "view_submission.").Select(json => Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString(Encoding.UTF8.GetString(json)))),
        Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString(SlackPayloads.BlockActions(host.Sender.SlackUserId, "ack", "INC-1", "C0GENERAL", "1548426417.840180"))),
    ];

    private static IReadOnlyList<byte[]> Events(FuzzHost host) =>
    [
        .. Fixtures("event_callback.", "url_verification"),
        Encoding.UTF8.GetBytes(SlackPayloads.DirectMessage("EvSEED1", host.Sender.SlackUserId, "status")),
        Encoding.UTF8.GetBytes(SlackPayloads.Mention("EvSEED2", host.Sender.SlackUserId, "help")),
    ];

    // The real captures re-addressed to the fake connector and a roster person (TeamsActivities), and card clicks carrying
    // SecBot's card data (a button asking for a reason), so that spoiling them reaches the card action reader.
    private static IReadOnlyList<byte[]> Activities(FuzzHost host)
    {
        var teams = host.Teams;
        var person = host.Sender;
        var button = new JsonObject
        {
            ["title"] = "Approve",
            ["verb"] = "approve",
            ["data"] = CardActionData.ForButton(new CardButton("Approve", "approve", "REV-1@1/1/SecArch") { Asks = [new CardInput("reason", "Reason", CardInputKind.Text, Required: true)] }, "b0"),
        };
        var conversation = TeamsActivities.PersonalConversationOf(person);
        JsonObject[] activities =
        [
            teams.PersonalMessage(person, "status"),
            teams.PersonalMessage(person, "declare \"Fuzzed title\" level:L2"),
            teams.Installed(person),
            teams.ChannelMention(person, "help"),
            teams.TeamInstalled(person),
            teams.Invoke(person, conversation, "1:card", button, new Dictionary<string, string> { ["b0.reason"] = "fine" }),
            teams.ActionSubmit(person, conversation, "1:card", button),
        ];
        return [.. activities.Select(a => Encoding.UTF8.GetBytes(a.ToJsonString()))];
    }

    private static IEnumerable<byte[]> Fixtures(params string[] prefixes) =>
        Directory.EnumerateFiles(SlackFixtures.Directory).Select(Path.GetFileName).OfType<string>()
            .Where(n => prefixes.Any(p => n.StartsWith(p, StringComparison.Ordinal))).Order(StringComparer.Ordinal).Select(SlackFixtures.Bytes);

    private static byte[] WithMember(byte[] json, string name, string value)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        if (node.ContainsKey(name) || name == "id") node[name] = value;
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    private static async Task ServesSlackHelpAsync(FuzzHost host)
    {
        using var request = Request(host, "/slack/command", SlackPayloads.SlashCommand("help", host.Sender.SlackUserId, "C0GENERAL"), Form);
        using var response = await host.Host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("declare", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task ServesSlackShortcutAsync(FuzzHost host)
    {
        using var request = Request(host, "/slack/action", SlackFixtures.Text("interactivity.global_shortcut.form.txt"), Form);
        using var response = await host.Host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task ServesSlackDirectMessageAsync(FuzzHost host)
    {
        var slack = host.Teams.Slack!;
        var before = slack.CallsTo("chat.postMessage").Count;
        using var request = Request(host, "/slack/event", SlackPayloads.DirectMessage($"EvLIVE{Guid.NewGuid():N}", host.Sender.SlackUserId, "help"), Json);
        using var response = await host.Host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await slack.WaitForAsync("chat.postMessage", before + 1);
    }

    private static async Task ServesSlackOptionsAsync(FuzzHost host)
    {
        using var request = Request(host, "/slack/options", "payload=%7B%7D", Form);
        using var response = await host.Host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task ServesTeamsHelpAsync(FuzzHost host)
    {
        var answer = await host.Teams.AskAsync(host.Sender, "help");
        Assert.NotNull(answer);
    }

    private static HttpRequestMessage Request(FuzzHost host, string path, string body, string contentType)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new(contentType);
        host.SignAsSlack(request, bytes);
        return request;
    }
}
