using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using SecBot.Host.Tests.Support;

namespace SecBot.Host.Tests.GateApi;

/// <summary>A pipeline's side of the Gate API: the key it is configured with, and its requests over HTTP.</summary>
internal static class GateApiClient
{
    public const string Key = "test-pipeline-key-0123456789";
    public const string Service = "deploy-pipeline";

    /// <summary>
    /// The host settings that accept <see cref="Key"/> as <see cref="Service"/>'s, with callbacks allowed to reach the
    /// loopback <see cref="CallbackReceiver"/> (a later <c>AllowPrivateCallbacks=false</c> in <paramref name="more"/> wins).
    /// </summary>
    public static string[] Settings(params string[] more) => [$"--SecBot:Api:Keys:{Key}:Name={Service}", "--SecBot:Api:AllowPrivateCallbacks=true", .. more];

    public static async Task<HttpResponseMessage> OpenAsync(this RunningHost host, JsonObject body, string? key = Key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/gates", UriKind.Relative))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await host.Http.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> GetGateAsync(this RunningHost host, string id, int? wait = null, string? key = Key, CancellationToken cancellationToken = default)
    {
        var query = wait is { } seconds ? "?wait=" + seconds.ToString(CultureInfo.InvariantCulture) : "";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/gates/{id}{query}", UriKind.Relative));
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await host.Http.SendAsync(request, cancellationToken);
    }

    public static JsonObject Gate(string type, string title, string requestedBy, string? callbackUrl = null, string? detailsUrl = null)
    {
        var body = new JsonObject { ["type"] = type, ["title"] = title, ["requested_by"] = requestedBy };
        if (detailsUrl is not null) body["details_url"] = detailsUrl;
        if (callbackUrl is not null) body["callback_url"] = callbackUrl;
        return body;
    }

    public static async Task<JsonObject> JsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
}
