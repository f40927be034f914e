using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SecBot.Slack.Verification;

namespace SecBot.Bench;

/// <summary>A signed (v0 HMAC, current timestamp) <c>POST /slack/command</c> form, as Slack sends one over HTTP.</summary>
public sealed class HttpCommandTransport : ICommandTransport
{
    private readonly HttpClient _http;
    private readonly SlackRequestVerifier _signer = new(SlackLoad.SigningSecret, TimeProvider.System);

    public HttpCommandTransport(Uri host)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 512,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        _http = new HttpClient(handler) { BaseAddress = host, Timeout = SlackLoad.AnswerTimeout };
    }

    public async Task<string?> SendAsync(long sequence, IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        var body = string.Join('&', fields.Select(f => f.Key + "=" + Uri.EscapeDataString(f.Value)));
        var bytes = Encoding.UTF8.GetBytes(body);
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/slack/command", UriKind.Relative)) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.Add(SlackHeaders.RequestTimestamp, timestamp);
        request.Headers.Add(SlackHeaders.Signature, _signer.Sign(timestamp, bytes));
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? text : null;
    }

    public void Dispose() => _http.Dispose();
}
