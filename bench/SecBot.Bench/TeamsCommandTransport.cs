using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace SecBot.Bench;

/// <summary>
/// A <c>message</c> activity <c>declare &lt;title&gt;</c> in the declarer's 1:1 chat (the real personal capture,
/// re-addressed, with a fresh activity id), POSTed to <c>/api/messages</c> with a Bot Framework token as the Bot Connector
/// sends it. The tokens are minted before each timed run (one per declare; signing RS256 would otherwise take the
/// driver's CPU from the host it measures); the host validates each in full. A 200 is SecBot's acceptance: its answer
/// goes to the chat through the Bot Connector.
/// </summary>
internal sealed class TeamsCommandTransport(Uri host, TeamsLoadPlatform teams, JsonObject message) : ICommandTransport
{
    private readonly HttpClient _http = LoopbackHttp.Client(host);
    private string[] _tokens = [];
    private long _used;

    public Task PrepareAsync(int count)
    {
        _tokens = [.. Enumerable.Range(0, count).Select(_ => teams.Token())];
        _used = 0;
        return Task.CompletedTask;
    }

    public async Task<DeclareOutcome> DeclareAsync(long sequence, string title)
    {
        var activity = message.DeepClone().AsObject();
        activity["id"] = "bench-" + sequence.ToString(CultureInfo.InvariantCulture);
        activity["text"] = "declare " + title;
        var next = Interlocked.Increment(ref _used) - 1;
        var token = next < _tokens.Length ? _tokens[next] : teams.Token();
        return await PostAsync(activity.ToJsonString(), token) ? DeclareOutcome.Accepted : DeclareOutcome.Failed;
    }

    public async Task<bool> PostAsync(string activity, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/messages", UriKind.Relative))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(activity)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode;
    }

    public void Dispose() => _http.Dispose();
}
