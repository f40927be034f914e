using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using SecBot.Slack.Verification;

namespace SecBot.Bench;

/// <summary>A signed (v0 HMAC, current timestamp) <c>POST /slack/command</c> form, as Slack sends one over HTTP.</summary>
public sealed class HttpCommandTransport(Uri host) : ICommandTransport
{
    private readonly HttpClient _http = LoopbackHttp.Client(host);
    private readonly SlackRequestVerifier _signer = new(SlackLoadPlatform.SigningSecret, TimeProvider.System);

    public async Task<DeclareOutcome> DeclareAsync(long sequence, string title)
    {
        var body = string.Join('&', SlackDeclare.Form(sequence, title).Select(f => f.Key + "=" + Uri.EscapeDataString(f.Value)));
        var bytes = Encoding.UTF8.GetBytes(body);
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/slack/command", UriKind.Relative)) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.Add(SlackHeaders.RequestTimestamp, timestamp);
        request.Headers.Add(SlackHeaders.Signature, _signer.Sign(timestamp, bytes));
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return SlackDeclare.Outcome(response.IsSuccessStatusCode ? text : null);
    }

    public void Dispose() => _http.Dispose();
}
