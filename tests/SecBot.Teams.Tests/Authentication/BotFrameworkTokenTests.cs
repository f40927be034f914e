using Microsoft.Extensions.Logging.Abstractions;
using SecBot.Teams.Authentication;
using SecBot.Teams.Configuration;
using SecBot.Testing.Teams;

namespace SecBot.Teams.Tests.Authentication;

public sealed class BotFrameworkTokenTests : IAsyncLifetime
{
    private AuthenticationHarness harness = null!;

    public async Task InitializeAsync() => harness = await AuthenticationHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task A_token_the_Bot_Connector_signed_for_this_bot_and_activity_is_allowed()
    {
        var verdict = await harness.PresentAsync(harness.Token());

        Assert.Equal(TeamsAuthVerdict.Allowed, verdict);
        Assert.True(verdict.IsAllowed);
    }

    [Theory]
    [InlineData(TokenForgery.WrongKey, "signature does not verify")]
    [InlineData(TokenForgery.UnknownKey, "is not published")]
    [InlineData(TokenForgery.WrongAudience, "audience is not this bot's app id")]
    [InlineData(TokenForgery.NoAudience, "no audience")]
    [InlineData(TokenForgery.Expired, "expired at")]
    [InlineData(TokenForgery.NotYetValid, "not valid before")]
    [InlineData(TokenForgery.WrongIssuer, "issuer 'https://api.botframework.example' is not accepted")]
    [InlineData(TokenForgery.NoServiceUrl, "no serviceurl claim")]
    [InlineData(TokenForgery.OtherServiceUrl, "is not the activity's serviceUrl")]
    public async Task A_forged_token_is_unauthorized_with_the_reason(TokenForgery forgery, string reason)
    {
        var token = harness.Token(forgery);

        var verdict = await harness.PresentAsync(token);

        Assert.Equal(401, verdict.StatusCode);
        Assert.False(verdict.IsAllowed);
        Assert.Contains(reason, verdict.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split('.')[1], verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_token_signed_by_a_key_not_endorsed_for_msteams_is_forbidden()
    {
        var verdict = await harness.PresentAsync(harness.Token(TokenForgery.KeyNotEndorsed));

        Assert.Equal(TeamsAuthVerdict.Forbidden("signing key is not endorsed for channel 'msteams'"), verdict);
    }

    [Theory]
    [InlineData("slack")]
    [InlineData("")]
    [InlineData(null)]
    public async Task An_activity_from_a_channel_the_key_is_not_endorsed_for_is_forbidden(string? channelId)
    {
        var verdict = await harness.PresentAsync(harness.Token(), channelId);

        Assert.Equal(403, verdict.StatusCode);
    }

    [Fact]
    public async Task The_serviceurl_claim_matches_the_activity_whatever_the_case()
    {
        var verdict = await harness.PresentAsync(harness.Token(), serviceUrl: AuthenticationHarness.ServiceUrl.ToUpperInvariant());

        Assert.True(verdict.IsAllowed, verdict.Reason);
    }

    [Fact]
    public async Task An_activity_without_a_serviceUrl_is_unauthorized()
    {
        var verdict = await harness.PresentAsync(harness.Token(), serviceUrl: null);

        Assert.Equal(401, verdict.StatusCode);
        Assert.Contains("serviceUrl (none)", verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "not 'Bearer <token>'")]
    [InlineData("Bearer", "not 'Bearer <token>'")]
    [InlineData("Bearer ", "not 'Bearer <token>'")]
    [InlineData("Basic dXNlcjpwYXNz", "not 'Bearer <token>'")]
    [InlineData("Bearer not-a-jwt", "not a well-formed signed JWT")]
    [InlineData("Bearer a.b.c", "not a well-formed signed JWT")]
    [InlineData("Bearer two words", "not 'Bearer <token>'")]
    public async Task A_malformed_header_is_unauthorized(string header, string reason)
    {
        var verdict = await harness.Authenticator.AuthenticateAsync(header, AuthenticationHarness.Remote, TeamsPlatform.ChannelId, AuthenticationHarness.ServiceUrl, CancellationToken.None);

        Assert.Equal(401, verdict.StatusCode);
        Assert.Contains(reason, verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_Authorization_header_is_unauthorized()
    {
        var verdict = await harness.Authenticator.AuthenticateAsync(null, AuthenticationHarness.Remote, TeamsPlatform.ChannelId, AuthenticationHarness.ServiceUrl, CancellationToken.None);

        Assert.Equal(TeamsAuthVerdict.Unauthorized("no Authorization header"), verdict);
    }

    [Fact]
    public async Task An_unsigned_token_with_the_right_claims_is_unauthorized()
    {
        var signed = harness.Token().Split('.');
        var unsigned = $"{Base64Url("""{"alg":"none","typ":"JWT","kid":"bf-key-1"}""")}.{signed[1]}.";

        var verdict = await harness.PresentAsync(unsigned);

        Assert.Equal(TeamsAuthVerdict.Unauthorized("token signature does not verify with the published key"), verdict);
    }

    [Theory]
    [InlineData("""{"alg":"RS256","kid":"bf-key-1"}""", """{"iss":5,"aud":"x","exp":1}""")]
    [InlineData("""{"alg":"RS256","kid":5}""", """{"iss":"https://api.botframework.com"}""")]
    [InlineData("""{"alg":"RS256","kid":["a"]}""", """{"iss":"https://api.botframework.com"}""")]
    [InlineData("""{"alg":"RS256","kid":"k"}""", """{"iss":"https://login.microsoftonline.com/x/v2.0","tid":{"a":1}}""")]
    [InlineData("""{"alg":"RS256","kid":"k"}""", """{"iss":"https://sts.windows.net/x/","tid":7}""")]
    [InlineData("""{"alg":"RS256","kid":"bf-key-1"}""", """{"iss":"https://api.botframework.com","exp":"soon","nbf":[1]}""")]
    [InlineData("""{"alg":"RS256","kid":"bf-key-1"}""", """[1,2,3]""")]
    [InlineData("""{"alg":"RS256","kid":"bf-key-1"}""", """{"iss":"https://api.botframework.com\n2026-12-04 forged log line"}""")]
    [InlineData("""not json""", """{"iss":"https://api.botframework.com"}""")]
    public async Task A_token_with_claims_of_the_wrong_shape_is_unauthorized(string header, string payload)
    {
        var verdict = await harness.PresentAsync($"{Base64Url(header)}.{Base64Url(payload)}.c2lnbmF0dXJl");

        Assert.Equal(401, verdict.StatusCode);
        Assert.DoesNotContain('\n', verdict.Reason!);
    }

    [Fact]
    public async Task A_token_whose_header_names_no_key_is_unauthorized()
    {
        var signed = harness.Token().Split('.');
        var withoutKid = $"{Base64Url("""{"alg":"RS256","typ":"JWT"}""")}.{signed[1]}.{signed[2]}";

        var verdict = await harness.PresentAsync(withoutKid);

        Assert.Equal(TeamsAuthVerdict.Unauthorized("token names no signing key (kid)"), verdict);
    }

    [Fact]
    public async Task The_scheme_is_case_insensitive()
    {
        var verdict = await harness.Authenticator.AuthenticateAsync($"bearer {harness.Token()}", AuthenticationHarness.Remote, TeamsPlatform.ChannelId, AuthenticationHarness.ServiceUrl, CancellationToken.None);

        Assert.True(verdict.IsAllowed, verdict.Reason);
    }

    [Fact]
    public void An_authenticator_without_an_app_id_cannot_be_made()
    {
        using var http = new HttpClient();

        Assert.Throws<ArgumentException>(() => new TeamsRequestAuthenticator(new TeamsOptions(), http, TimeProvider.System, NullLogger<TeamsRequestAuthenticator>.Instance));
    }

    private static string Base64Url(string json) => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(json);
}
