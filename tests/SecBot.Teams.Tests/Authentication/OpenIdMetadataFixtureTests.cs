using System.Text.Json;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using SecBot.Teams.Tests.Support;
using SecBot.Testing.Teams;

namespace SecBot.Teams.Tests.Authentication;

public sealed class OpenIdMetadataFixtureTests
{
    private static readonly string Fixture = TeamsFixtures.Text("auth.openid-configuration.botframework.json");

    [Fact]
    public void The_published_Bot_Framework_metadata_parses_with_IdentityModel()
    {
        var metadata = OpenIdConnectConfiguration.Create(Fixture);

        Assert.Equal("https://login.botframework.com/v1/.well-known/keys", metadata.JwksUri);
        Assert.Equal("https://api.botframework.com", metadata.Issuer);
        Assert.Contains("RS256", metadata.IdTokenSigningAlgValuesSupported);
    }

    [Fact]
    public async Task The_fake_serves_the_published_metadata_shape_with_its_own_key_set()
    {
        using var identity = new FakeMicrosoftIdentity();
        await using var server = await FakeMicrosoftServer.StartAsync(identity.Map);
        identity.Attach(server);
        using var http = new HttpClient();

        var served = await http.GetStringAsync(new Uri(identity.OpenIdMetadataUrl));

        Assert.Equal(PropertyNames(Fixture), PropertyNames(served));
        Assert.Equal(server.Url("botframework/v1/.well-known/keys").ToString(), OpenIdConnectConfiguration.Create(served).JwksUri);
    }

    private static List<string> PropertyNames(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
    }
}
