using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SecBot.Teams.Authentication;
using SecBot.Testing.Teams;

namespace SecBot.Teams.Tests.Authentication;

/// <summary>Whatever an identity provider serves as metadata or keys, a request gets a 401 naming the problem, never an exception.</summary>
public sealed class KeyDocumentTests
{
    private const string KeysPath = "odd/keys";

    [Theory]
    [InlineData("not json", "{}", "is not valid JSON metadata")]
    [InlineData("""{"issuer":"https://api.botframework.com"}""", "{}", "has no jwks_uri")]
    [InlineData("""{"jwks_uri":5}""", "{}", "signing keys unavailable")]
    [InlineData("""{"jwks_uri":"not a url"}""", "{}", "is not an absolute URL")]
    [InlineData("""{"jwks_uri":"{KEYS}"}""", "not json", "is not a valid JWKS")]
    [InlineData("""{"jwks_uri":"{KEYS}"}""", """{"keys":"x"}""", "signing keys unavailable")]
    [InlineData("""{"jwks_uri":"{KEYS}"}""", """{"keys":[]}""", "has no RSA signing keys")]
    [InlineData("""{"jwks_uri":"{KEYS}"}""", """{"keys":[{"kty":"EC","kid":"bf-key-1","crv":"P-256","x":"AA","y":"AA"}]}""", "has no RSA signing keys")]
    [InlineData("""{"jwks_uri":"{KEYS}"}""", """[1]""", "signing keys unavailable")]
    public async Task Bad_metadata_or_keys_make_the_request_unauthorized(string metadata, string keys, string reason)
    {
        await using var harness = await AuthenticationHarness.StartAsync();

        var verdict = await PresentToAnIdentityProviderServingAsync(harness, metadata, keys);

        Assert.Equal(401, verdict.StatusCode);
        Assert.StartsWith("signing keys unavailable: ", verdict.Reason, StringComparison.Ordinal);
        Assert.Contains(reason, verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Endorsements_of_the_wrong_shape_endorse_nothing()
    {
        await using var harness = await AuthenticationHarness.StartAsync();
        using var http = new HttpClient();
        var published = await http.GetStringAsync(harness.Server.Url("botframework/v1/.well-known/keys"));
        var mangled = published.Replace("""["msteams","webchat"]""", "\"msteams\"", StringComparison.Ordinal);
        Assert.NotEqual(published, mangled);

        var verdict = await PresentToAnIdentityProviderServingAsync(harness, """{"jwks_uri":"{KEYS}"}""", mangled);

        Assert.Equal(403, verdict.StatusCode);
    }

    /// <summary>
    /// A valid token presented to an authenticator whose identity provider serves <paramref name="metadata"/> (in which
    /// <c>{KEYS}</c> stands for the URL of its keys) and <paramref name="keys"/>.
    /// </summary>
    private static async Task<TeamsAuthVerdict> PresentToAnIdentityProviderServingAsync(AuthenticationHarness harness, string metadata, string keys)
    {
        await using var odd = await FakeMicrosoftServer.StartAsync(app =>
        {
            app.MapGet("odd/metadata", (HttpContext http) => Results.Text(metadata.Replace("{KEYS}", $"{http.Request.Scheme}://{http.Request.Host}/{KeysPath}", StringComparison.Ordinal), "application/json"));
            app.MapGet(KeysPath, () => Results.Text(keys, "application/json"));
        });
        using var client = new HttpClient();
        var authenticator = new TeamsRequestAuthenticator(
            new() { AppId = AuthenticationHarness.AppId, OpenIdMetadataUrl = odd.Url("odd/metadata").ToString() },
            client,
            harness.Time,
            harness.Logger);

        return await authenticator.AuthenticateAsync($"Bearer {harness.Token()}", AuthenticationHarness.Remote, TeamsPlatform.ChannelId, AuthenticationHarness.ServiceUrl, CancellationToken.None);
    }
}
