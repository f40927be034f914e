using Microsoft.Extensions.Logging;
using SecBot.Teams.Authentication;
using SecBot.Testing.Teams;

namespace SecBot.Teams.Tests.Authentication;

public sealed class SigningKeyRefreshTests : IAsyncLifetime
{
    private AuthenticationHarness harness = null!;

    public async Task InitializeAsync() => harness = await AuthenticationHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task Keys_are_fetched_once_and_then_served_from_the_cache()
    {
        Assert.True((await harness.PresentAsync(harness.Token())).IsAllowed);
        harness.Time.Advance(TimeSpan.FromHours(23));
        Assert.True((await harness.PresentAsync(harness.Token())).IsAllowed);

        Assert.Equal(1, harness.Identity.BotFrameworkMetadataFetches);
        Assert.Equal(1, harness.Identity.BotFrameworkKeyFetches);
    }

    [Fact]
    public async Task Keys_a_day_old_are_fetched_again_even_when_the_kid_is_known()
    {
        await harness.PresentAsync(harness.Token());

        harness.Time.Advance(TimeSpan.FromHours(24));
        Assert.True((await harness.PresentAsync(harness.Token())).IsAllowed);

        Assert.Equal(2, harness.Identity.BotFrameworkKeyFetches);
    }

    [Fact]
    public async Task Requests_arriving_during_a_fetch_share_it()
    {
        harness.Identity.HoldMetadata();
        var pending = Enumerable.Range(0, 5).Select(_ => harness.PresentAsync(harness.Token())).ToList();

        harness.Identity.ReleaseMetadata();
        var verdicts = await Task.WhenAll(pending);

        Assert.All(verdicts, verdict => Assert.True(verdict.IsAllowed, verdict.Reason));
        Assert.Equal(1, harness.Identity.BotFrameworkMetadataFetches);
        Assert.Equal(1, harness.Identity.BotFrameworkKeyFetches);
    }

    [Fact]
    public async Task A_request_with_a_known_key_does_not_wait_for_a_refresh_an_unknown_kid_started()
    {
        await harness.PresentAsync(harness.Token());
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        harness.Identity.HoldMetadata();

        var unknown = harness.PresentAsync(harness.Token(TokenForgery.UnknownKey));
        var known = await harness.PresentAsync(harness.Token());

        Assert.True(known.IsAllowed, known.Reason);
        Assert.False(unknown.IsCompleted);
        harness.Identity.ReleaseMetadata();
        Assert.Equal(401, (await unknown).StatusCode);
    }

    [Fact]
    public async Task An_unknown_kid_refreshes_the_keys_at_most_once_a_minute()
    {
        await harness.PresentAsync(harness.Token());
        harness.Time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(401, (await harness.PresentAsync(harness.Token(TokenForgery.UnknownKey))).StatusCode);
        Assert.Equal(2, harness.Identity.BotFrameworkKeyFetches);

        harness.Time.Advance(TimeSpan.FromSeconds(59));
        var throttled = await harness.PresentAsync(harness.Token(TokenForgery.UnknownKey));
        Assert.Equal(401, throttled.StatusCode);
        Assert.Contains("is not published", throttled.Reason, StringComparison.Ordinal);
        Assert.Equal(2, harness.Identity.BotFrameworkKeyFetches);

        harness.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(401, (await harness.PresentAsync(harness.Token(TokenForgery.UnknownKey))).StatusCode);
        Assert.Equal(3, harness.Identity.BotFrameworkKeyFetches);
        Assert.Equal(3, harness.Identity.BotFrameworkMetadataFetches);
    }

    [Fact]
    public async Task A_rotated_in_key_is_picked_up_by_the_first_token_signed_with_it()
    {
        await harness.PresentAsync(harness.Token());
        harness.Time.Advance(TimeSpan.FromMinutes(10));

        var newKid = harness.Identity.RotateKey();
        var verdict = await harness.PresentAsync(harness.Token());

        Assert.True(verdict.IsAllowed, verdict.Reason);
        Assert.NotEqual("bf-key-1", newKid);
        Assert.Equal(2, harness.Identity.BotFrameworkKeyFetches);
    }

    [Fact]
    public async Task When_the_metadata_server_is_down_the_request_is_unauthorized_and_retried_a_minute_later()
    {
        harness.Identity.Unavailable = true;

        var down = await harness.PresentAsync(harness.Token());

        Assert.Equal(401, down.StatusCode);
        Assert.StartsWith("signing keys unavailable: OpenID metadata", down.Reason, StringComparison.Ordinal);
        Assert.Contains("HTTP 503", down.Reason, StringComparison.Ordinal);
        Assert.Contains(harness.Log.Entries, e => e.Level == LogLevel.Error && e.EventId == 542);

        harness.Identity.Unavailable = false;
        Assert.Equal(401, (await harness.PresentAsync(harness.Token())).StatusCode);
        Assert.Equal(1, harness.Identity.BotFrameworkMetadataFetches);

        harness.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await harness.PresentAsync(harness.Token())).IsAllowed);
    }

    [Fact]
    public async Task When_a_refresh_fails_the_keys_already_held_stay_in_use()
    {
        await harness.PresentAsync(harness.Token());
        harness.Time.Advance(TimeSpan.FromHours(25));
        harness.Identity.Unavailable = true;

        var verdict = await harness.PresentAsync(harness.Token());

        Assert.True(verdict.IsAllowed, verdict.Reason);
        Assert.Equal(2, harness.Identity.BotFrameworkMetadataFetches);
        Assert.Contains(harness.Log.Entries.Where(e => e.Level == LogLevel.Error).Select(e => e.Message), line => line.Contains("keeping earlier keys: True", StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_nothing_listens_at_the_metadata_url_the_request_is_unauthorized()
    {
        await using var closed = await AuthenticationHarness.StartAsync(options => options.OpenIdMetadataUrl = "http://127.0.0.1:1/v1/.well-known/openidconfiguration");

        var verdict = await closed.PresentAsync(closed.Token());

        Assert.Equal(401, verdict.StatusCode);
        Assert.Contains("could not be fetched", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_are_fetched_over_HTTPS_only_unless_from_loopback()
    {
        await using var plain = await AuthenticationHarness.StartAsync(options => options.OpenIdMetadataUrl = "http://login.botframework.com/v1/.well-known/openidconfiguration");

        var verdict = await plain.PresentAsync(plain.Token());

        Assert.Equal(TeamsAuthVerdict.Unauthorized("signing keys unavailable: OpenID metadata URL http://login.botframework.com/v1/.well-known/openidconfiguration is not HTTPS"), verdict);
    }
}
