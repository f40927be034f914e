using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using SecBot.Host.Tests.Support;
using SecBot.Slack.Verification;
using SecBot.Testing.Slack;

namespace SecBot.Host.Tests.Slack;

/// <summary>
/// Roster people with an Email but no SlackUserId: the page reaches them through users.lookupByEmail, the id found is
/// kept in the database, their button presses are accepted, and a restart on the same database does not look them up again.
/// </summary>
public sealed class SlackLearnedUserIdTests
{
    private const string LearnedUserId = "W012A3CDE"; // web.users.lookupByEmail.ok.json
    private const string DeclaredBy = "U0PRIYA003";
    private const string DirectChannel = "D069C7QFK"; // web.conversations.open.ok.json

    // Both members of the L1 rotation (the first two people), which is paged on declare, have only an e-mail.
    private static readonly string[] WithoutSlackIds = ["--SecBot:Roster:People:0:SlackUserId=", "--SecBot:Roster:People:1:SlackUserId="];

    private readonly SlackRequestVerifier _signer = new(SlackHost.SigningSecret, TimeProvider.System);

    [Fact]
    public async Task A_person_found_by_email_is_paged_their_acknowledge_is_accepted_and_a_restart_does_not_look_them_up_again()
    {
        using var dir = new TempDirectory();
        await using var slack = await FakeSlackServer.StartAsync();
        var settings = PolicyFile.WriteCopy(dir);

        await using (var host = await StartHostAsync(settings, dir, slack))
        {
            using var declared = await CommandAsync(host, "declare Suspicious login");
            Assert.Equal(HttpStatusCode.OK, declared.StatusCode);

            var lookup = Assert.Single(await slack.WaitForAsync("users.lookupByEmail"));
            var paged = Assert.Single(await OnCallPolicy.PagedAsync(host.App.Services, 1, "L1"));
            Assert.Contains("email=" + Uri.EscapeDataString(paged.Email), lookup.Query, StringComparison.Ordinal);
            Assert.Equal(LearnedUserId, (await slack.WaitForAsync("conversations.open"))[0]["users"]);
            Assert.Contains(await slack.WaitForAsync("chat.postMessage", 2), p => p["channel"] == DirectChannel);

            using var pressed = await ActionAsync(host, SlackPayloads.BlockActions(LearnedUserId, "incident.ack", "INC-1", DirectChannel, "1503435956.000247"));

            Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
            var update = Assert.Single(await slack.WaitForUpdatesInAsync(DirectChannel));
            Assert.Contains("acknowledged", update.Body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("know you", await pressed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.DoesNotContain(slack.Calls, c => c.Body.Contains("know you", StringComparison.Ordinal));
        }

        await using (var restarted = await StartHostAsync(settings, dir, slack))
        {
            using var declared = await CommandAsync(restarted, "declare Phishing wave");
            Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
            Assert.Equal(LearnedUserId, (await slack.WaitForAsync("conversations.open", 2))[1]["users"]);
            await slack.WaitForAsync("chat.postMessage", 4);

            using var pressed = await ActionAsync(restarted, SlackPayloads.BlockActions(LearnedUserId, "incident.ack", "INC-2", DirectChannel, "1503435957.000248"));

            Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
            Assert.Contains("acknowledged", (await slack.WaitForUpdatesInAsync(DirectChannel, 2))[1].Body, StringComparison.OrdinalIgnoreCase);
            Assert.Single(slack.CallsTo("users.lookupByEmail"));
            Assert.DoesNotContain(slack.Calls, c => c.Body.Contains("know you", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_command_from_a_learned_user_is_taken()
    {
        using var dir = new TempDirectory();
        await using var slack = await FakeSlackServer.StartAsync();
        await using var host = await StartHostAsync(PolicyFile.WriteCopy(dir), dir, slack);
        using var declared = await CommandAsync(host, "declare Suspicious login");
        await slack.WaitForAsync("conversations.open");

        using var status = await CommandAsync(host, "declare Second wave", LearnedUserId);

        var body = JsonNode.Parse(await status.Content.ReadAsStringAsync())!;
        Assert.DoesNotContain("know you", (string?)body["text"] ?? "", StringComparison.Ordinal);
        Assert.Contains("INC-2", (string?)body["text"], StringComparison.Ordinal);
    }

    private static Task<RunningHost> StartHostAsync(string settings, TempDirectory dir, FakeSlackServer slack) =>
        RunningHost.StartAsync(
            settings,
            dir.File("secbot.db"),
            [
                $"--SecBot:Slack:SigningSecret={SlackHost.SigningSecret}",
                "--SecBot:Slack:BotToken=xoxb-test",
                $"--SecBot:Slack:ApiBaseUrl={slack.ApiBase}",
                $"--SecBot:Slack:IncidentsChannel={SlackHost.IncidentsChannel}",
                "--SecBot:Slack:Resilience:BaseDelay=00:00:00.05",
                "--SecBot:Slack:Resilience:MaxDelay=00:00:00.2",
                .. WithoutSlackIds,
            ]);

    private Task<HttpResponseMessage> CommandAsync(RunningHost host, string text, string userId = DeclaredBy) =>
        PostAsync(host, "/slack/command", SlackPayloads.SlashCommand(text, userId, "C0GENERAL"));

    private Task<HttpResponseMessage> ActionAsync(RunningHost host, string payloadJson) =>
        PostAsync(host, "/slack/action", "payload=" + Uri.EscapeDataString(payloadJson));

    private async Task<HttpResponseMessage> PostAsync(RunningHost host, string path, string body)
    {
        var timestamp = host.App.Services.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded");
        request.Headers.Add(SlackHeaders.RequestTimestamp, timestamp);
        request.Headers.Add(SlackHeaders.Signature, _signer.Sign(timestamp, bytes));
        return await host.Http.SendAsync(request);
    }
}
