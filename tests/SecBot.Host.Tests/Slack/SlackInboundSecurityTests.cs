using SecBot.Domain.Incidents;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SecBot.Host.Tests.Support;
using SecBot.Slack.Rendering;

namespace SecBot.Host.Tests.Slack;

/// <summary>
/// What a security read of the Slack path found, each closed and tried over HTTP: replayed slash commands, requests
/// from another workspace or app, tampered modal metadata, form input that skipped the cleaning typed text gets, and
/// user text that forged a timeline line in <c>status</c>.
/// </summary>
public sealed class SlackInboundSecurityTests
{
    private const string PagedDm = "D069C7QFK"; // web.conversations.open.ok.json
    private const string MessageTs = "1503435956.000247";

    [Fact]
    public async Task A_replayed_slash_command_declares_once_and_the_replay_is_told_it_was_already_handled()
    {
        await using var slack = await SlackHost.StartAsync();
        var body = SlackPayloads.SlashCommand("declare Suspicious login", "U0MAYA0001", "C0GENERAL");

        using var first = await slack.PostAsync("/slack/command", body, "application/x-www-form-urlencoded");
        using var replay = await slack.PostAsync("/slack/command", body, "application/x-www-form-urlencoded");
        using var typedAgain = await slack.CommandAsync("declare Suspicious login");

        Assert.Equal("in_channel", (string?)JsonNode.Parse(await first.Content.ReadAsStringAsync())!["response_type"]);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var answer = JsonNode.Parse(await replay.Content.ReadAsStringAsync())!;
        Assert.Equal("ephemeral", (string?)answer["response_type"]);
        Assert.Contains("already handled", (string?)answer["text"], StringComparison.Ordinal);
        // A command typed again is a new command (Slack gives it a new trigger_id) and is run.
        Assert.Equal(2, (await slack.IncidentsAsync()).Count);
        Assert.Equal(2, (await slack.InboundKeysAsync()).Count(k => k.Source == "slack.command" && k.IsSettled));
    }

    public static TheoryData<string, string, string> FromElsewhere => new()
    {
        { "command from another workspace", "/slack/command", SlackPayloads.SlashCommand("declare Breach", "U0MAYA0001", "C0GENERAL", teamId: "T999") },
        { "command for another app", "/slack/command", SlackPayloads.SlashCommand("declare Breach", "U0MAYA0001", "C0GENERAL", appId: "A999") },
        { "command naming no app", "/slack/command", SlackPayloads.SlashCommand("declare Breach", "U0MAYA0001", "C0GENERAL").Replace("&api_app_id=A111", "", StringComparison.Ordinal) },
        { "event from another workspace", "/slack/event", With(SlackPayloads.DirectMessage("Ev-elsewhere-1", "U0MAYA0001", "declare Breach"), "team_id", "T999") },
        { "event for another app", "/slack/event", With(SlackPayloads.DirectMessage("Ev-elsewhere-2", "U0MAYA0001", "declare Breach"), "api_app_id", "A999") },
        { "event of another installation", "/slack/event", WithAuthorization(SlackPayloads.DirectMessage("Ev-elsewhere-3", "U0MAYA0001", "declare Breach"), "T999") },
        { "button from another workspace", "/slack/action", Form(WithTeam(SlackPayloads.BlockActions("U0MAYA0001", "incident.ack", "INC-1", "C0GENERAL", MessageTs), "T999")) },
        { "submission for another app", "/slack/action", Form(With(SlackPayloads.ViewSubmission("U0MAYA0001", ModalRenderer.CallbackId, "{}", new Dictionary<string, string> { ["title"] = "Breach" }), "api_app_id", "A999")) },
    };

    [Theory]
    [MemberData(nameof(FromElsewhere))]
    public async Task A_request_from_another_workspace_or_app_is_refused_with_403_and_records_nothing(string what, string path, string body)
    {
        await using var slack = await SlackHost.StartAsync();

        using var response = await slack.PostAsync(path, body, path == "/slack/event" ? "application/json" : "application/x-www-form-urlencoded");

        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, what);
        Assert.Matches("not (the one SecBot serves|SecBot's)", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]);
        Assert.Empty(await slack.IncidentsAsync());
        Assert.Empty(await slack.InboundKeysAsync());
        Assert.Empty(await slack.OutboxEntriesAsync());
        Assert.Empty(slack.Slack.Calls);
    }

    [Fact]
    public async Task With_an_organisation_configured_a_request_naming_no_organisation_or_another_one_is_refused()
    {
        await using var slack = await SlackHost.StartAsync(null, "--SecBot:Slack:EnterpriseId=E111");

        using var none = await slack.CommandAsync("declare Breach");
        using var other = await slack.PostAsync(
            "/slack/command", SlackPayloads.SlashCommand("declare Breach", "U0MAYA0001", "C0GENERAL") + "&enterprise_id=E222", "application/x-www-form-urlencoded");
        using var ours = await slack.PostAsync(
            "/slack/command", SlackPayloads.SlashCommand("declare Breach", "U0MAYA0001", "C0GENERAL") + "&enterprise_id=E111", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.Forbidden, none.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ours.StatusCode);
        Assert.Single(await slack.IncidentsAsync());
    }

    [Fact]
    public async Task Unset_installation_keys_are_named_in_a_start_up_warning()
    {
        using var dir = new TempDirectory();
        var log = new LogCapture("SecBot.Slack");
        string[] slack = ["--urls", "http://127.0.0.1:0", $"--SecBot:Database:Path={dir.File("secbot.db")}", "--SecBot:Slack:SigningSecret=s", "--SecBot:Slack:BotToken=xoxb-1"];

        await using (var app = await SecBotApp.CreateAsync([.. slack, "--SecBot:Slack:TeamId=T111"], PolicyFile.WriteCopy(dir), services => services.AddSingleton<ILoggerProvider>(log)))
        {
            Assert.NotNull(app);
        }

        var warning = Assert.Single(log.Lines, line => line.StartsWith("Slack requests are not checked against", StringComparison.Ordinal));
        Assert.Contains("SecBot:Slack:EnterpriseId, SecBot:Slack:AppId (not set)", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("TeamId", warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("another message")]
    [InlineData("another channel")]
    [InlineData("unsigned")]
    [InlineData("signed with another secret")]
    public async Task Tampered_modal_metadata_is_refused_and_changes_nothing(string tampering)
    {
        await using var slack = await SlackHost.StartAsync();
        var (paged, view) = await OpenResolveFormAsync(slack, "Suspicious login");
        var metadata = (string)view["private_metadata"]!;
        var json = metadata[(metadata.IndexOf('.', 3) + 1)..];
        var state = JsonNode.Parse(json)!;
        var forged = tampering switch
        {
            "another message" => metadata.Replace(MessageTs, "1503435956.999999", StringComparison.Ordinal),
            "another channel" => metadata.Replace(PagedDm, "C0GENERAL", StringComparison.Ordinal),
            "unsigned" => json,
            _ => new ModalMetadata("another-signing-secret").Sign(json),
        };
        Assert.NotEqual(metadata, forged);
        Assert.Equal(MessageTs, (string?)state["message_ts"]);

        using var submitted = await slack.ActionAsync(SlackPayloads.ViewSubmission(paged, (string)view["callback_id"]!, forged, new Dictionary<string, string> { ["summary"] = "False positive" }));

        Assert.Equal(HttpStatusCode.BadRequest, submitted.StatusCode);
        Assert.Contains("private_metadata", (string?)JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!["error"], StringComparison.Ordinal);
        Assert.Equal(2, (await slack.IncidentsAsync()).Count(i => i.State == IncidentState.Open));
        Assert.DoesNotContain(await slack.InboundKeysAsync(), k => k.Source == "slack.view");
        Assert.Empty(slack.Slack.CallsTo("chat.update"));
    }

    [Fact]
    public async Task Form_input_is_cleaned_exactly_like_typed_text()
    {
        const string Summary = "Phish\u202Egnp.exe blocked\u001B[31m at the gateway\r\nsecond line";
        await using var slack = await SlackHost.StartAsync();
        var (paged, view) = await OpenResolveFormAsync(slack, "Typed");

        using var typed = await slack.CommandAsync("resolve INC-1 " + Summary, userId: paged);
        using var formed = await slack.ActionAsync(SlackPayloads.ViewSubmission(paged, (string)view["callback_id"]!, (string)view["private_metadata"]!, new Dictionary<string, string> { ["summary"] = Summary }));

        Assert.Equal(HttpStatusCode.OK, formed.StatusCode);
        var summaries = await SummariesAsync(slack);
        Assert.Equal(2, summaries.Count);
        Assert.Equal("Phishgnp.exe blocked [31m at the gateway\nsecond line", summaries[0]);
        Assert.Equal(summaries[0], summaries[1]);
    }

    [Fact]
    public async Task An_overlong_form_input_is_refused_in_the_same_words_as_typed_text()
    {
        var summary = new string('s', 3073);
        await using var slack = await SlackHost.StartAsync();
        var (paged, view) = await OpenResolveFormAsync(slack, "Typed");

        using var typed = await slack.CommandAsync("resolve INC-1 " + summary, userId: paged);
        using var formed = await slack.ActionAsync(SlackPayloads.ViewSubmission(paged, (string)view["callback_id"]!, (string)view["private_metadata"]!, new Dictionary<string, string> { ["summary"] = summary }));

        const string Problem = "The summary is 3,073 characters long; the limit is 2,000.";
        Assert.StartsWith(Problem, (string?)JsonNode.Parse(await typed.Content.ReadAsStringAsync())!["text"], StringComparison.Ordinal);
        var errors = JsonNode.Parse(await formed.Content.ReadAsStringAsync())!;
        Assert.Equal("errors", (string?)errors["response_action"]);
        Assert.Equal(Problem, (string?)errors["errors"]!["summary"]);
        Assert.Equal(2, (await slack.IncidentsAsync()).Count(i => i.State == IncidentState.Open));
        Assert.DoesNotContain(await slack.IncidentEventsAsync(), e => e.Kind == "resolved");
    }

    [Fact]
    public async Task A_line_break_in_user_text_cannot_make_a_status_line_that_looks_like_secbots_own()
    {
        const string Forged = "Fri 1 Jan 03:04 UTC · Acknowledged by Mallory at L1";
        await using var slack = await SlackHost.StartAsync();
        var (paged, view) = await OpenResolveFormAsync(slack, "Typed");

        using var typed = await slack.CommandAsync("resolve INC-1 done\n" + Forged, userId: paged);
        using var formed = await slack.ActionAsync(SlackPayloads.ViewSubmission(paged, (string)view["callback_id"]!, (string)view["private_metadata"]!, new Dictionary<string, string> { ["summary"] = "done\u2028" + Forged }));
        Assert.Equal(2, (await slack.IncidentsAsync()).Count(i => i.State == IncidentState.Resolved));

        foreach (var incident in new[] { "INC-1", "INC-2" })
        {
            using var status = await slack.CommandAsync("status " + incident, userId: paged);
            var lines = Texts(JsonNode.Parse(await status.Content.ReadAsStringAsync())!).SelectMany(text => text.Split('\n')).ToList();

            Assert.Contains(lines, line => line.Contains("resolved by", StringComparison.OrdinalIgnoreCase) && line.EndsWith("done " + Forged, StringComparison.Ordinal));
            Assert.DoesNotContain(lines, line => line.TrimStart('>', ' ', '•', '_', '*', '`').StartsWith(Forged, StringComparison.Ordinal));
            Assert.DoesNotContain(lines, line => line.Contains('\u2028', StringComparison.Ordinal));
        }
    }

    /// <summary>Declares two incidents and opens the resolve form of the second (INC-2) on its page: who was paged, and the modal.</summary>
    private static async Task<(string Paged, JsonNode View)> OpenResolveFormAsync(SlackHost slack, string firstTitle)
    {
        using var first = await slack.CommandAsync("declare " + firstTitle);
        using var second = await slack.CommandAsync("declare Suspicious login");
        var paged = (await slack.Slack.WaitForAsync("conversations.open"))[0]["users"]!;
        var page = await slack.Slack.WaitForAsync("chat.postMessage", p => p["channel"] == PagedDm && p.Body.Contains("INC-2", StringComparison.Ordinal));
        var resolve = page.Json!["blocks"]!.AsArray()
            .Where(b => (string?)b!["type"] == "actions")
            .SelectMany(b => b!["elements"]!.AsArray())
            .Single(e => (string?)e!["action_id"] == "incident.resolve")!;

        using var pressed = await slack.ActionAsync(SlackPayloads.BlockActions(paged, "incident.resolve", (string)resolve["value"]!, PagedDm, MessageTs));
        return (paged, Assert.Single(await slack.Slack.WaitForAsync("views.open")).Json!["view"]!);
    }

    private static async Task<List<string>> SummariesAsync(SlackHost slack)
    {
        var first = (await slack.IncidentAsync(1)).Summary;
        var second = (await slack.IncidentAsync(2)).Summary;
        return new[] { first, second }.OfType<string>().ToList();
    }

    private static IEnumerable<string> Texts(JsonNode node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Value is JsonValue v && p.Key == "text" && v.TryGetValue<string>(out var s) ? [s] : p.Value is null ? [] : Texts(p.Value)),
        JsonArray a => a.Where(n => n is not null).SelectMany(n => Texts(n!)),
        _ => [],
    };

    private static string With(string json, string key, string value)
    {
        var node = JsonNode.Parse(json)!;
        node[key] = value;
        return node.ToJsonString();
    }

    private static string WithTeam(string json, string teamId)
    {
        var node = JsonNode.Parse(json)!;
        node["team"]!["id"] = teamId;
        return node.ToJsonString();
    }

    private static string WithAuthorization(string json, string teamId)
    {
        var node = JsonNode.Parse(json)!;
        node["authorizations"] = new JsonArray(new JsonObject { ["enterprise_id"] = null, ["team_id"] = teamId, ["user_id"] = "U0BOT", ["is_bot"] = true });
        return node.ToJsonString();
    }

    private static string Form(string payloadJson) => "payload=" + Uri.EscapeDataString(payloadJson);
}
