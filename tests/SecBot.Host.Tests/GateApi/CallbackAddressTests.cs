using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SecBot.Host.GateApi;
using SecBot.Host.Tests.Slack;

namespace SecBot.Host.Tests.GateApi;

/// <summary>
/// A callback_url cannot point SecBot into its own network: a non-public host is refused when the gate is opened, and a
/// name resolving to a non-public address is refused again when the callback connects, unless AllowPrivateCallbacks.
/// </summary>
public sealed class CallbackAddressTests
{
    private static readonly string[] PublicOnly = GateApiClient.Settings("--SecBot:Api:AllowPrivateCallbacks=false");

    [Fact]
    public async Task A_loopback_private_link_local_or_unspecified_callback_url_is_refused_with_400_naming_it_and_opens_nothing()
    {
        await using var slack = await SlackHost.StartAsync(null, PublicOnly);
        var who = GateReviewers.Of(slack.Host.App.Services, slack.Now);
        string[] refused =
        [
            "http://localhost:8080/hook", "https://api.localhost/hook", "http://127.0.0.1/hook", "http://10.1.2.3/hook", "http://172.16.0.9/hook",
            "http://192.168.1.1/hook", "http://169.254.169.254/latest/meta-data", "http://0.0.0.0/hook", "http://[::1]/hook", "http://[fe80::1]/hook",
            "http://[fd00::7]/hook", "http://[::]/hook", "http://[::ffff:127.0.0.1]/hook",
        ];

        foreach (var url in refused)
        {
            using var response = await slack.Host.OpenAsync(GateApiClient.Gate(who.Type, "payments v2.3", who.Requester.Id, url));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var error = (string?)(await response.JsonAsync())["error"];
            Assert.Contains("callback_url host", error, StringComparison.Ordinal);
            Assert.Contains("public addresses only", error, StringComparison.Ordinal);
        }

        using var none = await slack.Host.GetGateAsync("REV-1");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        using var published = await slack.Host.OpenAsync(GateApiClient.Gate(who.Type, "payments v2.3", who.Requester.Id, "https://ci.example.com/hooks/secbot"));
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
    }

    [Fact]
    public async Task A_callback_whose_name_resolves_to_a_non_public_address_is_refused_at_connect()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var slack = await SlackHost.StartAsync(null, PublicOnly);
        // (With AllowPrivateCallbacks, the other callback tests reach this loopback receiver through the same connector.)
        var callbacks = slack.Host.App.Services.GetRequiredService<IHttpClientFactory>().CreateClient(GateCallbackSender.HttpClientName);

        // A name, not an address, so only resolving it at connect time shows it is this machine.
        var byName = new Uri($"http://localhost:{receiver.Url.Port}{receiver.Url.AbsolutePath}");
        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => callbacks.PostAsync(byName, new StringContent("{}")));

        var refused = Assert.IsType<CallbackAddressRefusedException>(failure.InnerException);
        Assert.Contains("a loopback address", refused.Message, StringComparison.Ordinal);
        Assert.Contains("AllowPrivateCallbacks", refused.Message, StringComparison.Ordinal);
    }
}
