using SecBot.Teams.Authentication;
using SecBot.Testing.Teams;

namespace SecBot.Teams.Tests.Authentication;

public sealed class EntraTokenTests : IAsyncLifetime
{
    private const string OtherTenant = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

    private AuthenticationHarness harness = null!;

    public async Task InitializeAsync() => harness = await AuthenticationHarness.StartAsync(AcceptingEntra);

    private static void AcceptingEntra(Configuration.TeamsOptions options)
    {
        options.TenantId = AuthenticationHarness.TenantId;
        options.AcceptEntraIdTokens = true;
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    public static TheoryData<string, EntraIssuerForm> Audiences => new()
    {
        { AuthenticationHarness.AppId, EntraIssuerForm.V2 },
        { $"api://{AuthenticationHarness.AppId}", EntraIssuerForm.V2 },
        { $"api://botid-{AuthenticationHarness.AppId}", EntraIssuerForm.V2 },
        { AuthenticationHarness.AppId, EntraIssuerForm.V1 },
        { $"api://botid-{AuthenticationHarness.AppId}", EntraIssuerForm.V1 },
    };

    [Theory]
    [MemberData(nameof(Audiences))]
    public async Task An_Entra_token_for_any_spelling_of_the_app_id_is_allowed(string audience, EntraIssuerForm issuerForm)
    {
        var token = harness.Identity.EntraToken(audience, AuthenticationHarness.TenantId, harness.Time.GetUtcNow(), issuerForm);

        var verdict = await harness.PresentAsync(token);

        Assert.True(verdict.IsAllowed, verdict.Reason);
        Assert.Equal(1, harness.Identity.EntraMetadataFetches);
        Assert.Equal(0, harness.Identity.BotFrameworkMetadataFetches);
    }

    [Fact]
    public async Task An_Entra_token_for_another_app_is_unauthorized()
    {
        var token = harness.Identity.EntraToken("api://00000000-0000-0000-0000-0000000000ff", AuthenticationHarness.TenantId, harness.Time.GetUtcNow());

        var verdict = await harness.PresentAsync(token);

        Assert.Equal(401, verdict.StatusCode);
        Assert.Contains("audience", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entra_keys_are_not_checked_for_endorsements()
    {
        var token = harness.Identity.EntraToken(AuthenticationHarness.AppId, AuthenticationHarness.TenantId, harness.Time.GetUtcNow());

        Assert.True((await harness.PresentAsync(token, channelId: "webchat")).IsAllowed);
    }

    [Fact]
    public async Task The_serviceurl_of_an_Entra_token_is_checked_only_when_present()
    {
        var now = harness.Time.GetUtcNow();
        var matching = harness.Identity.EntraToken(AuthenticationHarness.AppId, AuthenticationHarness.TenantId, now, serviceUrl: AuthenticationHarness.ServiceUrl);
        var other = harness.Identity.EntraToken(AuthenticationHarness.AppId, AuthenticationHarness.TenantId, now, serviceUrl: "https://smba.attacker.example/");
        var absent = harness.Identity.EntraToken(AuthenticationHarness.AppId, AuthenticationHarness.TenantId, now);

        Assert.True((await harness.PresentAsync(matching)).IsAllowed);
        Assert.Equal(401, (await harness.PresentAsync(other)).StatusCode);
        Assert.True((await harness.PresentAsync(absent)).IsAllowed);
    }

    [Fact]
    public async Task An_Entra_token_without_serviceurl_is_refused_for_an_activity_naming_a_host_that_is_no_Bot_Connector()
    {
        // SecBot answers at the activity's serviceUrl with its own access token: unbound by the token, it must be Microsoft's.
        var absent = harness.Identity.EntraToken(AuthenticationHarness.AppId, AuthenticationHarness.TenantId, harness.Time.GetUtcNow());

        var verdict = await harness.PresentAsync(absent, serviceUrl: "https://smba.attacker.example/");

        Assert.Equal(401, verdict.StatusCode);
        Assert.Contains("not a Bot Connector host", verdict.Reason, StringComparison.Ordinal);
        Assert.True((await harness.PresentAsync(absent, serviceUrl: "https://smba.infra.gcc.teams.microsoft.com/gcc/")).IsAllowed);
    }

    [Fact]
    public async Task A_single_tenant_bot_refuses_tokens_of_other_tenants_and_fetches_only_its_own_keys()
    {
        await using var single = await AuthenticationHarness.StartAsync(AcceptingEntra);
        var now = single.Time.GetUtcNow();

        var own = await single.PresentAsync(single.Identity.EntraToken(AuthenticationHarness.AppId, AuthenticationHarness.TenantId, now));
        var foreign = await single.PresentAsync(single.Identity.EntraToken(AuthenticationHarness.AppId, OtherTenant, now));

        Assert.True(own.IsAllowed, own.Reason);
        Assert.Equal(401, foreign.StatusCode);
        Assert.Contains("issuer", foreign.Reason, StringComparison.Ordinal);
        Assert.Equal(1, single.Identity.EntraMetadataFetches);
    }

    [Theory]
    [InlineData(false, AuthenticationHarness.TenantId)]
    [InlineData(true, "")]
    public async Task Entra_tokens_are_refused_unless_accepted_and_the_bots_tenant_is_set(bool accept, string tenant)
    {
        // Any app in a tenant can get an Entra token for the bot's audience: only the bot's own tenant is trusted, on request.
        await using var bot = await AuthenticationHarness.StartAsync(options =>
        {
            options.TenantId = tenant;
            options.AcceptEntraIdTokens = accept;
        });

        var verdict = await bot.PresentAsync(bot.Identity.EntraToken(AuthenticationHarness.AppId, AuthenticationHarness.TenantId, bot.Time.GetUtcNow()));

        Assert.Equal(401, verdict.StatusCode);
        Assert.Contains("is not accepted", verdict.Reason, StringComparison.Ordinal);
        Assert.Equal(0, bot.Identity.EntraMetadataFetches);
    }
}
