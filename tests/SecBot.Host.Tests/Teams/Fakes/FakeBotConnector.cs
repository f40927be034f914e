using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace SecBot.Testing.Teams;

/// <summary>
/// The identity platform's token endpoint and the Bot Connector, mapped on a <see cref="FakeMicrosoftServer"/>
/// (teams-protocol.md §2, §3). Tokens are issued only for the right client id, secret and scope; the Connector accepts
/// only a token it issued (401 otherwise), records every call, and answers like the fixtures unless a test scripted
/// answers for an operation, which are used once each, in order. Connector routes work under <c>/teams/</c> and under
/// any <c>/{region}/{tenant}/</c> base, so tenant-qualified serviceUrls are exercised too.
/// </summary>
internal sealed class FakeBotConnector
{
    public const string DefaultAppId = "00000000-0000-0000-0000-00000000b07f";
    public const string DefaultAppPassword = "fake-app-password";

    /// <summary>The tenant of the captures in tests/fixtures/teams, which the tests' Teams configurations use.</summary>
    public const string FixtureTenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string Scope = "https://api.botframework.com/.default";

    private readonly ConcurrentQueue<Call> _calls = new();
    private readonly ConcurrentQueue<TokenRequest> _tokenRequests = new();
    private readonly ConcurrentDictionary<Operation, ConcurrentQueue<Answer>> _scripted = new();
    private readonly ConcurrentDictionary<(Operation, string), ConcurrentQueue<Answer>> _scriptedIn = new();
    private readonly ConcurrentQueue<Answer> _scriptedTokens = new();
    private readonly ConcurrentDictionary<string, bool> _validTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JsonObject> _members = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private TaskCompletionSource _tokenGate = Released();
    private volatile Answer? _outage;
    private volatile bool _hanging;
    private int _tokenRequestsArrived;
    private int _issued;
    private int _sent;

    public FakeBotConnector(string appId = DefaultAppId, string appPassword = DefaultAppPassword)
    {
        AppId = appId;
        AppPassword = appPassword;
    }

    /// <summary>The Connector operations the fake tells apart (teams-protocol.md §3).</summary>
    public enum Operation
    {
        CreateConversation,
        Send,
        Reply,
        Update,
        Delete,
        GetMember,
    }

    public string AppId { get; }

    public string AppPassword { get; }

    /// <summary>The bot's id in activities and conversation parameters.</summary>
    public string BotId => "28:" + AppId;

    /// <summary><c>expires_in</c> of the tokens issued.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>What to configure as <c>SecBot:Teams:TokenEndpoint</c> (the multi-tenant form of teams-protocol.md §2).</summary>
    public Uri TokenEndpoint => Url("botframework.com/oauth2/v2.0/token");

    /// <summary>A serviceUrl (and <c>SecBot:Teams:ServiceUrl</c>), ending in <c>/</c> like Teams' own.</summary>
    public Uri ServiceUrl => Url("teams/");

    /// <summary>A regional, tenant-qualified serviceUrl (<c>…/amer/&lt;tenant&gt;/</c>, as in fixture inbound.message.channel-mention.json).</summary>
    public Uri TenantServiceUrl(string region, string tenantId) => Url($"{region}/{tenantId}/");

    public IReadOnlyList<Call> Calls => [.. _calls];

    public IReadOnlyList<TokenRequest> TokenRequests => [.. _tokenRequests];

    /// <summary>Every access token issued so far, in order.</summary>
    public IReadOnlyList<string> IssuedTokens => [.. TokenRequests.Select(r => r.IssuedToken).OfType<string>()];

    public IReadOnlyList<Call> CallsTo(Operation operation) => [.. _calls.Where(c => c.Operation == operation)];

    public void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        _app = app;
        app.MapPost("/{tenant}/oauth2/v2.0/token", IssueTokenAsync);
        app.Map("/{prefix}/v3/conversations/{**rest}", HandleAsync);
        app.Map("/{region}/{tenant}/v3/conversations/{**rest}", HandleAsync);
    }

    /// <summary>A member <see cref="Operation.GetMember"/> answers for, in any conversation (a ChannelAccount).</summary>
    public void AddMember(string id, string name, string? email, string? userPrincipalName = null, string? aadObjectId = null) =>
        _members[id] = new JsonObject
        {
            ["id"] = id,
            ["name"] = name,
            ["aadObjectId"] = aadObjectId ?? Guid.NewGuid().ToString(),
            ["email"] = email,
            ["userPrincipalName"] = userPrincipalName ?? email,
            ["tenantId"] = "fake-tenant",
            ["userRole"] = "user",
        };

    /// <summary>Answers the next calls of <paramref name="operation"/> with these, in order, then like Teams again.</summary>
    public void Script(Operation operation, params Answer[] answers)
    {
        var queue = _scripted.GetOrAdd(operation, _ => new ConcurrentQueue<Answer>());
        foreach (var answer in answers) queue.Enqueue(answer);
    }

    /// <summary>
    /// Answers the next calls of <paramref name="operation"/> in conversation <paramref name="conversationId"/> with these, in
    /// order, before any answers scripted for the operation everywhere: to fail one person's page, not the announcement.
    /// </summary>
    public void ScriptIn(string conversationId, Operation operation, params Answer[] answers)
    {
        var queue = _scriptedIn.GetOrAdd((operation, conversationId), _ => new ConcurrentQueue<Answer>());
        foreach (var answer in answers) queue.Enqueue(answer);
    }

    /// <summary>From now on every Connector call is answered with <paramref name="answer"/> (a 500, say): Teams is down until <see cref="Recover"/>. Tokens are still issued.</summary>
    public void FailWith(Answer answer) => _outage = answer;

    /// <summary>From now on every Connector call is recorded and never answered: the caller waits until it gives up, until <see cref="Recover"/>.</summary>
    public void Hang() => _hanging = true;

    /// <summary>Ends a <see cref="FailWith"/> or <see cref="Hang"/>: calls are answered as usual again; one already hanging stays so until its caller gives up.</summary>
    public void Recover()
    {
        _outage = null;
        _hanging = false;
    }

    /// <summary>Answers the next token requests with these, in order, then issues tokens again.</summary>
    public void ScriptToken(params Answer[] answers)
    {
        foreach (var answer in answers) _scriptedTokens.Enqueue(answer);
    }

    /// <summary>Token requests that arrived, including those held and not yet answered.</summary>
    public int TokenRequestsArrived => Volatile.Read(ref _tokenRequestsArrived);

    /// <summary>Token requests wait, unanswered, until <see cref="ReleaseTokenRequests"/>: to see who else asks meanwhile.</summary>
    public void HoldTokenRequests() => _tokenGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleaseTokenRequests() => _tokenGate.TrySetResult();

    /// <summary>Waits (bounded) until <paramref name="count"/> token requests have arrived, answered or held.</summary>
    public Task WaitForTokenRequestsArrivedAsync(int count = 1, TimeSpan? timeout = null) =>
        WaitUntilAsync(() => TokenRequestsArrived >= count, $"{count} token request(s) to arrive", timeout);

    /// <summary>Refuses every token issued so far (as after a secret rotation): the next calls with them get 401.</summary>
    public void RevokeTokens() => _validTokens.Clear();

    /// <summary>Waits (bounded) until <paramref name="count"/> calls of <paramref name="operation"/> have arrived.</summary>
    public async Task<IReadOnlyList<Call>> WaitForAsync(Operation operation, int count = 1, TimeSpan? timeout = null)
    {
        await WaitUntilAsync(() => CallsTo(operation).Count >= count, $"{count} {operation} call(s)", timeout);
        return CallsTo(operation);
    }

    /// <summary>Waits (bounded) for the first call of <paramref name="operation"/> that matches <paramref name="where"/>.</summary>
    public async Task<Call> WaitForAsync(Operation operation, Func<Call, bool> where, TimeSpan? timeout = null)
    {
        await WaitUntilAsync(() => CallsTo(operation).Any(where), $"a matching {operation} call", timeout);
        return CallsTo(operation).First(where);
    }

    /// <summary>Waits (bounded) until <paramref name="count"/> token requests have arrived.</summary>
    public async Task<IReadOnlyList<TokenRequest>> WaitForTokenRequestsAsync(int count = 1, TimeSpan? timeout = null)
    {
        await WaitUntilAsync(() => TokenRequests.Count >= count, $"{count} token request(s)", timeout);
        return TokenRequests;
    }

    /// <summary>A Teams fixture's text (teams-protocol.md; <c>tests/fixtures/teams</c>, else the organisation's <c>shared/fixtures/teams</c>).</summary>
    public static string Fixture(string name) => FixtureFolder.Teams.Text(name);

    private Uri Url(string path)
    {
        var app = _app ?? throw new InvalidOperationException("map the fake on a started FakeMicrosoftServer first");
        var address = app.Urls.FirstOrDefault() ?? throw new InvalidOperationException("the FakeMicrosoftServer has not started");
        return new Uri(new Uri(address.TrimEnd('/') + "/"), path);
    }

    private async Task IssueTokenAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var raw = await reader.ReadToEndAsync(context.RequestAborted);
        var fields = QueryHelpers.ParseQuery(raw).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        Interlocked.Increment(ref _tokenRequestsArrived);
        await _tokenGate.Task.WaitAsync(context.RequestAborted);

        string? token = null;
        Answer answer;
        if (_scriptedTokens.TryDequeue(out var scripted))
        {
            answer = scripted;
        }
        else if (fields.GetValueOrDefault("grant_type") != "client_credentials" || fields.GetValueOrDefault("scope") != Scope)
        {
            answer = new Answer(400, """{"error":"invalid_request","error_description":"AADSTS900144: grant_type client_credentials with the Bot Framework scope is required."}""");
        }
        else if (fields.GetValueOrDefault("client_id") != AppId || fields.GetValueOrDefault("client_secret") != AppPassword)
        {
            answer = new Answer(401, """{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided."}""");
        }
        else
        {
            token = "fake-bot-token-" + Interlocked.Increment(ref _issued).ToString(CultureInfo.InvariantCulture);
            _validTokens[token] = true;
            var seconds = ((long)TokenLifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            answer = new Answer(200, $$"""{"token_type":"Bearer","expires_in":{{seconds}},"ext_expires_in":{{seconds}},"access_token":"{{token}}"}""");
        }

        _tokenRequests.Enqueue(new TokenRequest(context.Request.Path, context.Request.ContentType, raw, fields, token, TimeProvider.System.GetUtcNow()));
        await WriteAsync(context, answer);
    }

    private async Task HandleAsync(HttpContext context, string? rest)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var rawPath = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var segments = (rest ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var operation = OperationOf(context.Request.Method, segments);
        var authorization = context.Request.Headers.Authorization.ToString();
        var call = new Call(
            operation,
            context.Request.Method,
            rawPath,
            authorization,
            segments.ElementAtOrDefault(0),
            operation is Operation.Update or Operation.Reply or Operation.Delete ? segments.ElementAtOrDefault(2) : null,
            operation is Operation.GetMember ? segments.ElementAtOrDefault(2) : null,
            body,
            TimeProvider.System.GetUtcNow());
        var (outage, hanging) = (_outage, _hanging);
        call.Outage = outage is not null || hanging;
        _calls.Enqueue(call);
        if (hanging)
        {
            await HoldUntilTheCallerGoesAsync(context.RequestAborted);
            return;
        }

        if (outage is not null)
        {
            await WriteAsync(context, outage);
            return;
        }

        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal) || !_validTokens.ContainsKey(authorization["Bearer ".Length..]))
        {
            await WriteAsync(context, new Answer(401, """{"message":"Authorization has been denied for this request."}"""));
            return;
        }

        var answer =
            operation is { } inOp && call.ConversationId is { } conversation && _scriptedIn.TryGetValue((inOp, conversation), out var inQueue) && inQueue.TryDequeue(out var scriptedIn) ? scriptedIn
            : operation is { } op && _scripted.TryGetValue(op, out var queue) && queue.TryDequeue(out var scripted) ? scripted
            : Default(call);
        if (answer.Status == 200 && answer.Body.StartsWith('{')) call.AnsweredId = (string?)JsonNode.Parse(answer.Body)?["id"];
        await WriteAsync(context, answer);
    }

    private static Operation? OperationOf(string method, string[] segments) => (method, segments.Length) switch
    {
        ("POST", 0) => Operation.CreateConversation,
        ("POST", 2) when segments[1] == "activities" => Operation.Send,
        ("POST", 3) when segments[1] == "activities" => Operation.Reply,
        ("PUT", 3) when segments[1] == "activities" => Operation.Update,
        ("DELETE", 3) when segments[1] == "activities" => Operation.Delete,
        ("GET", 3) when segments[1] == "members" => Operation.GetMember,
        _ => null,
    };

    private Answer Default(Call call)
    {
        switch (call.Operation)
        {
            case Operation.CreateConversation:
                // Teams answers the same 1:1 conversation for the same member every time.
                var member = (string?)call.Json?["members"]?[0]?["id"] ?? "";
                return Ok(new JsonObject { ["id"] = "a:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(member)))[..40] });
            case Operation.Send or Operation.Reply:
                var n = Interlocked.Increment(ref _sent);
                return Ok(new JsonObject { ["id"] = "1562094704." + n.ToString("D6", CultureInfo.InvariantCulture) });
            case Operation.Update:
                return Ok(new JsonObject { ["id"] = call.ActivityId });
            case Operation.Delete:
                return new Answer(200, "");
            case Operation.GetMember when _members.TryGetValue(call.MemberId!, out var account):
                return Ok((JsonObject)account.DeepClone());
            case Operation.GetMember:
                return Answer.Error(404, "MemberNotFoundInConversation", "The member was not found in the conversation.");
            default:
                return Answer.Error(404, "NotFound", "No such Bot Connector route.");
        }

        static Answer Ok(JsonObject body) => new(200, body.ToJsonString());
    }

    private static async Task WriteAsync(HttpContext context, Answer answer)
    {
        context.Response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers) context.Response.Headers[name] = value;
        if (answer.Body.Length == 0) return;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(answer.Body, context.RequestAborted);
    }

    private static async Task HoldUntilTheCallerGoesAsync(CancellationToken callerGone)
    {
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, callerGone);
        }
        catch (OperationCanceledException)
        {
            // The caller closed the connection (or the server is stopping): nothing to answer.
        }
    }

    private static TaskCompletionSource Released()
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        released.SetResult();
        return released;
    }

    private static async Task WaitUntilAsync(Func<bool> arrived, string expected, TimeSpan? timeout)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (!arrived())
        {
            if (cts.IsCancellationRequested) throw new TimeoutException($"expected {expected}");
            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System, CancellationToken.None);
        }
    }

    /// <summary>One Connector request as sent: <see cref="RawPath"/> keeps its encoding (<c>a%3A…</c>); ids are decoded.</summary>
    internal sealed record Call(
        Operation? Operation, string HttpMethod, string RawPath, string Authorization, string? ConversationId, string? ActivityId, string? MemberId, string Body, DateTimeOffset At)
    {
        public JsonObject? Json => Body.Length > 0 && Body[0] == '{' ? JsonNode.Parse(Body) as JsonObject : null;

        /// <summary>The id the fake answered a successful call with: the new activity's, or the created conversation's.</summary>
        public string? AnsweredId { get; set; }

        /// <summary>Answered by an outage the test set up (<see cref="FailWith"/>) or left hanging (<see cref="Hang"/>): not delivered.</summary>
        public bool Outage { get; set; }
    }

    /// <summary>One token request: its form fields, and the token issued (null when refused).</summary>
    internal sealed record TokenRequest(string Path, string? ContentType, string Body, IReadOnlyDictionary<string, string> Form, string? IssuedToken, DateTimeOffset At);

    /// <summary>What the fake answers one request with: a status, a body, and headers such as <c>Retry-After</c>.</summary>
    internal sealed record Answer(int Status, string Body)
    {
        public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

        /// <summary>Throttled; the rate-limit doc publishes no body, so none.</summary>
        public static Answer RateLimited(int? retryAfterSeconds = null) => new(429, "")
        {
            Headers = retryAfterSeconds is { } s ? new Dictionary<string, string> { ["Retry-After"] = s.ToString(CultureInfo.InvariantCulture) } : new Dictionary<string, string>(),
        };

        /// <summary>An ErrorResponse <c>{error:{code,message}}</c> (ref-doc § Errors) with Teams' correlation header.</summary>
        public static Answer Error(int status, string code, string message) =>
            new(status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }.ToJsonString())
            {
                Headers = new Dictionary<string, string> { ["X-Correlating-OperationId"] = "fake-operation-" + status.ToString(CultureInfo.InvariantCulture) },
            };

        /// <summary>Fixture rest.error.400-invalid-conversation-id.json.</summary>
        public static Answer InvalidConversationId() => new(400, Fixture("rest.error.400-invalid-conversation-id.json"));

        /// <summary>Fixture rest.error.403-message-writes-blocked.http.txt: status, headers and body as recorded.</summary>
        public static Answer MessageWritesBlocked() => FromHttpFixture("rest.error.403-message-writes-blocked.http.txt");

        /// <summary>A recorded HTTP answer (<c>HTTP/1.1 403 …</c>, headers, blank line, body); length and framing headers are Kestrel's.</summary>
        public static Answer FromHttpFixture(string name)
        {
            var text = Fixture(name).ReplaceLineEndings("\n");
            var split = text.IndexOf("\n\n", StringComparison.Ordinal);
            var head = text[..split].Split('\n');
            var status = int.Parse(head[0].Split(' ')[1], CultureInfo.InvariantCulture);
            var framing = new HashSet<string>(["Content-Length", "Content-Type", "Transfer-Encoding", "Date", "Server"], StringComparer.OrdinalIgnoreCase);
            var headers = head.Skip(1).Select(h => h.Split(':', 2)).Where(h => !framing.Contains(h[0])).ToDictionary(h => h[0], h => h[1].Trim(), StringComparer.OrdinalIgnoreCase);
            return new Answer(status, text[(split + 2)..].TrimEnd('\n')) { Headers = headers };
        }
    }
}
