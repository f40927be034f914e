using System.Text.RegularExpressions;
using SecBot.Host.Tests.Support;

namespace SecBot.Host.Tests.Slack;

/// <summary>
/// manifests/slack/app-manifest.yaml points at the endpoints the host maps and asks for exactly the scopes used; its
/// Socket Mode variant is the same app with Socket Mode on and no request URLs.
/// </summary>
public sealed class SlackManifestTests
{
    private static readonly string Manifest = File.ReadAllText(Path.Combine(RepoPaths.Root, "manifests", "slack", "app-manifest.yaml"));
    private static readonly string SocketModeManifest = File.ReadAllText(Path.Combine(RepoPaths.Root, "manifests", "slack", "app-manifest.socket-mode.yaml"));

    [Fact]
    public void The_socket_mode_manifest_is_the_same_app_with_socket_mode_on_and_no_request_urls()
    {
        Assert.Contains("socket_mode_enabled: true", SocketModeManifest, StringComparison.Ordinal);
        Assert.Contains("socket_mode_enabled: false", Manifest, StringComparison.Ordinal);
        Assert.DoesNotMatch(new Regex(@"^\s+(url|request_url|message_menu_options_url):", RegexOptions.Multiline), SocketModeManifest);
        Assert.Equal(ListUnder(Manifest, "bot_events"), ListUnder(SocketModeManifest, "bot_events"));
        Assert.Equal(ListUnder(Manifest, "bot"), ListUnder(SocketModeManifest, "bot"));
        Assert.Contains("command: /secbot", SocketModeManifest, StringComparison.Ordinal);
        Assert.Contains("SecBot:Slack:AppToken", SocketModeManifest, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("url", "/slack/command")]
    [InlineData("request_url", "/slack/event")]
    [InlineData("request_url", "/slack/action")]
    [InlineData("message_menu_options_url", "/slack/options")]
    public void Request_urls_name_the_hosts_endpoints(string key, string path)
    {
        Assert.Matches(new Regex($@"^\s+{key}: https://[^\s/]+{Regex.Escape(path)}\s*$", RegexOptions.Multiline), Manifest);
    }

    [Fact]
    public void Bot_events_and_scopes_are_exactly_those_secbot_uses()
    {
        Assert.Equal(["app_home_opened", "app_mention", "message.im"], ListUnder("bot_events"));
        Assert.Equal(["app_mentions:read", "chat:write", "commands", "im:history", "im:write", "users:read", "users:read.email"], ListUnder("bot"));
        Assert.Contains("home_tab_enabled: true", Manifest, StringComparison.Ordinal);
        Assert.Contains("command: /secbot", Manifest, StringComparison.Ordinal);
    }

    [Fact]
    public void The_per_incident_channel_scope_is_offered_commented_out_for_when_the_setting_is_used()
    {
        var lines = Manifest.Split('\n');
        var start = Array.FindIndex(lines, l => l.Trim() == "bot:");
        var optional = lines.Skip(start + 1).SkipWhile(l => l.TrimStart().StartsWith("- ", StringComparison.Ordinal))
            .TakeWhile(l => l.TrimStart().StartsWith("# - ", StringComparison.Ordinal)).Select(l => l.Trim()[4..]).ToList();

        Assert.Equal(["channels:manage"], optional);
        Assert.Contains("SecBot:Slack:PerIncidentChannels=true", Manifest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signing_secret_without_a_bot_token_stops_start_up_naming_the_key()
    {
        using var dir = new TempDirectory();

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => RunningHost.StartAsync(PolicyFile.WriteCopy(dir), dir.File("secbot.db"), "--SecBot:Slack:SigningSecret=s"));

        Assert.Contains("SecBot:Slack:BotToken", SecBot.Host.Configuration.StartupFailure.Describe(failure), StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("secbot.db")), "the Slack section is checked with the policy, before the database is created");
    }

    private static List<string> ListUnder(string key) => ListUnder(Manifest, key);

    private static List<string> ListUnder(string manifest, string key)
    {
        var lines = manifest.Split('\n');
        var start = Array.FindIndex(lines, l => l.Trim() == $"{key}:");
        return lines.Skip(start + 1).TakeWhile(l => l.TrimStart().StartsWith("- ", StringComparison.Ordinal)).Select(l => l.Trim()[2..]).ToList();
    }
}
