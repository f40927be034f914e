using SecBot.Testing.Teams;

namespace SecBot.Teams.Tests.Authentication;

public sealed class ClockSkewTests : IAsyncLifetime
{
    private AuthenticationHarness harness = null!;

    public async Task InitializeAsync() => harness = await AuthenticationHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Theory]
    [InlineData(299, true)]
    [InlineData(300, true)]
    [InlineData(301, false)]
    public async Task A_token_is_accepted_up_to_five_minutes_past_its_expiry(int secondsPastExpiry, bool allowed)
    {
        var token = harness.Token();
        harness.Time.Advance(FakeMicrosoftIdentity.TokenLifetime + TimeSpan.FromSeconds(secondsPastExpiry));

        var verdict = await harness.PresentAsync(token);

        Assert.Equal(allowed, verdict.IsAllowed);
        if (!allowed) Assert.Equal(401, verdict.StatusCode);
    }

    [Theory]
    [InlineData(299, true)]
    [InlineData(301, false)]
    public async Task A_token_is_accepted_up_to_five_minutes_before_it_becomes_valid(int secondsEarly, bool allowed)
    {
        var token = harness.Identity.BotFrameworkToken(AuthenticationHarness.AppId, AuthenticationHarness.ServiceUrl, harness.Time.GetUtcNow() + TimeSpan.FromSeconds(secondsEarly));

        var verdict = await harness.PresentAsync(token);

        Assert.Equal(allowed, verdict.IsAllowed);
    }

    [Fact]
    public async Task Four_minutes_59_past_expiry_passes_and_5_minutes_01_fails_on_the_same_token()
    {
        var token = harness.Token();

        harness.Time.Advance(FakeMicrosoftIdentity.TokenLifetime + TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(59));
        Assert.True((await harness.PresentAsync(token)).IsAllowed);

        harness.Time.Advance(TimeSpan.FromSeconds(2));
        var late = await harness.PresentAsync(token);
        Assert.Equal(401, late.StatusCode);
        Assert.Contains("expired at 2026-12-04 10:00:00Z", late.Reason, StringComparison.Ordinal);
    }
}
