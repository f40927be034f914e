using System.Net;
using Microsoft.Extensions.Logging;
using SecBot.Teams.Authentication;

namespace SecBot.Teams.Tests.Authentication;

public sealed class AnonymousLoopbackTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public async Task With_the_switch_on_a_tokenless_request_from_loopback_is_allowed_with_a_warning_each_time(string address)
    {
        await using var harness = await AuthenticationHarness.StartAsync(options => options.AllowAnonymousLoopback = true);

        var first = await Anonymous(harness, IPAddress.Parse(address));
        var second = await Anonymous(harness, IPAddress.Parse(address));

        Assert.True(first.IsAllowed);
        Assert.True(second.IsAllowed);
        Assert.Equal(2, harness.Log.Entries.Count(e => e.Level == LogLevel.Warning && e.EventId == 540));
        Assert.Equal(0, harness.Identity.BotFrameworkMetadataFetches);
    }

    [Theory]
    [InlineData("10.0.0.5")]
    [InlineData("52.112.0.10")]
    [InlineData("::ffff:10.0.0.5")]
    [InlineData(null)]
    public async Task With_the_switch_on_a_tokenless_request_from_elsewhere_is_unauthorized(string? address)
    {
        await using var harness = await AuthenticationHarness.StartAsync(options => options.AllowAnonymousLoopback = true);

        var verdict = await Anonymous(harness, address is null ? null : IPAddress.Parse(address));

        Assert.Equal(TeamsAuthVerdict.Unauthorized("no Authorization header, and anonymous requests are accepted only from loopback"), verdict);
        Assert.DoesNotContain(harness.Log.Entries, e => e.EventId == 540);
    }

    [Theory]
    [InlineData(AuthenticationHarness.ServiceUrl)]
    [InlineData("https://attacker.example/")]
    [InlineData("not a url")]
    public async Task With_the_switch_on_a_tokenless_activity_naming_a_connector_off_this_machine_is_unauthorized(string serviceUrl)
    {
        // SecBot answers at the serviceUrl, with its own access token anywhere but loopback.
        await using var harness = await AuthenticationHarness.StartAsync(options => options.AllowAnonymousLoopback = true);

        var verdict = await Anonymous(harness, IPAddress.Loopback, serviceUrl);

        Assert.Equal(TeamsAuthVerdict.Unauthorized("an anonymous activity must name a connector on loopback as its serviceUrl"), verdict);
    }

    [Fact]
    public async Task With_the_switch_off_a_tokenless_request_from_loopback_is_unauthorized()
    {
        await using var harness = await AuthenticationHarness.StartAsync();

        var verdict = await Anonymous(harness, IPAddress.Loopback);

        Assert.Equal(TeamsAuthVerdict.Unauthorized("no Authorization header"), verdict);
    }

    [Fact]
    public async Task With_the_switch_on_a_token_from_loopback_is_still_validated()
    {
        await using var harness = await AuthenticationHarness.StartAsync(options => options.AllowAnonymousLoopback = true);

        var forged = await harness.Authenticator.AuthenticateAsync($"Bearer {harness.Token(Testing.Teams.TokenForgery.WrongKey)}", IPAddress.Loopback, TeamsPlatform.ChannelId, AuthenticationHarness.ServiceUrl, CancellationToken.None);
        var garbage = await harness.Authenticator.AuthenticateAsync("", IPAddress.Loopback, TeamsPlatform.ChannelId, AuthenticationHarness.ServiceUrl, CancellationToken.None);
        var valid = await harness.Authenticator.AuthenticateAsync($"Bearer {harness.Token()}", IPAddress.Loopback, TeamsPlatform.ChannelId, AuthenticationHarness.ServiceUrl, CancellationToken.None);

        Assert.Equal(401, forged.StatusCode);
        Assert.Equal(401, garbage.StatusCode);
        Assert.True(valid.IsAllowed, valid.Reason);
        Assert.DoesNotContain(harness.Log.Entries, e => e.EventId == 540);
    }

    /// <summary>The Agents Playground's mock connector, where an anonymous activity's answers go.</summary>
    private const string LocalConnector = "http://localhost:56150/_connector";

    private static Task<TeamsAuthVerdict> Anonymous(AuthenticationHarness harness, IPAddress? address, string serviceUrl = LocalConnector) =>
        harness.Authenticator.AuthenticateAsync(null, address, TeamsPlatform.ChannelId, serviceUrl, CancellationToken.None);
}
