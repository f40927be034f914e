using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Polly;
using Polly.CircuitBreaker;
using SecBot.Chat.Delivery.Resilience;
using SecBot.Chat.Telemetry;

namespace SecBot.Teams.Connector;

/// <summary>
/// The Bot Connector REST API (teams-protocol.md §3, §4, §7), hand-written: every call goes to the conversation's own
/// <c>serviceUrl</c> (its path kept: regional and tenant-qualified bases), with the bot's bearer token, through Teams'
/// rate limits and the shared retry pipeline. HTTP and network trouble come back as <see cref="ConnectorFailure"/>
/// values, never exceptions. A 401 drops the token and the attempt is repeated once with a fresh one.
/// </summary>
public sealed partial class BotConnectorClient
{
    public const string CreateConversationOperation = "createConversation";
    public const string SendOperation = "sendToConversation";
    public const string UpdateOperation = "updateActivity";
    public const string GetMemberOperation = "getMember";

    private const string CorrelationHeader = "X-Correlating-OperationId";

    private static readonly MediaTypeHeaderValue JsonUtf8 = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

    private readonly HttpClient _http;
    private readonly BotTokenProvider _tokens;
    private readonly ResiliencePipeline<ConnectorCallOutcome> _pipeline;
    private readonly ConnectorRateLimits _limits;
    private readonly TimeSpan _breakDuration;
    private readonly ILogger<BotConnectorClient> _logger;
    private readonly bool _anonymousLoopback;
    private readonly PlatformApiErrors? _errors;

    /// <param name="http">Its timeout is the per-attempt timeout (<see cref="ApiResilienceOptions.AttemptTimeout"/>).</param>
    /// <param name="anonymousLoopback">
    /// Development only (<c>SecBot:Teams:AllowAnonymousLoopback</c>): calls to a connector on loopback (the Agents
    /// Playground's mock connector) go without a token, as its activities come without one.
    /// </param>
    /// <param name="errors">Where each failed attempt is counted by operation and error code; null counts nothing.</param>
    public BotConnectorClient(
        HttpClient http,
        BotTokenProvider tokens,
        ApiResilienceOptions resilience,
        TimeProvider timeProvider,
        ILogger<BotConnectorClient> logger,
        bool anonymousLoopback = false,
        PlatformApiErrors? errors = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(resilience);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _http = http;
        _tokens = tokens;
        _pipeline = TeamsResilience.Pipeline(resilience, timeProvider);
        _limits = new ConnectorRateLimits(timeProvider);
        _breakDuration = resilience.BreakDuration;
        _logger = logger;
        _anonymousLoopback = anonymousLoopback;
        _errors = errors;
    }

    /// <summary>
    /// Creates (or finds: Teams answers the same id again) the 1:1 conversation between the bot (<c>28:appId</c>) and a
    /// user (<c>29:…</c>) for proactive messages (teams-protocol.md §4); answers its <c>a:…</c> id.
    /// </summary>
    public async Task<ConnectorResult<string>> CreateConversationAsync(Uri serviceUrl, string botId, string memberId, string tenantId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(botId);
        ArgumentException.ThrowIfNullOrWhiteSpace(memberId);
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        var body = new JsonObject
        {
            ["bot"] = new JsonObject { ["id"] = botId },
            ["members"] = new JsonArray(new JsonObject { ["id"] = memberId }),
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenantId } },
            ["isGroup"] = false,
            ["tenantId"] = tenantId,
        };
        var call = new ConnectorCall(CreateConversationOperation, HttpMethod.Post, Endpoint(serviceUrl, "v3/conversations"), body, null);
        return IdOf(call, await CallAsync(call, cancellationToken));
    }

    /// <summary>Posts an activity to a conversation; answers the new activity's id, which updates it later.</summary>
    public async Task<ConnectorResult<string>> SendAsync(Uri serviceUrl, string conversationId, JsonObject activity, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentNullException.ThrowIfNull(activity);
        var call = new ConnectorCall(SendOperation, HttpMethod.Post, Endpoint(serviceUrl, Conversation(conversationId) + "/activities"), activity, conversationId);
        return IdOf(call, await CallAsync(call, cancellationToken));
    }

    /// <summary>Replaces an activity the bot sent with <paramref name="activity"/> (its <c>id</c> set to the one replaced); null when done.</summary>
    public async Task<ConnectorFailure?> UpdateAsync(Uri serviceUrl, string conversationId, string activityId, JsonObject activity, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(activityId);
        ArgumentNullException.ThrowIfNull(activity);
        var body = (JsonObject)activity.DeepClone();
        body["id"] = activityId;
        var path = Conversation(conversationId) + "/activities/" + Uri.EscapeDataString(activityId);
        var call = new ConnectorCall(UpdateOperation, HttpMethod.Put, Endpoint(serviceUrl, path), body, conversationId);
        return (await CallAsync(call, cancellationToken)).Failure;
    }

    /// <summary>One member of a conversation, with the e-mail and UPN that tie a <c>29:</c> id to a person.</summary>
    public async Task<ConnectorResult<TeamsMember>> GetMemberAsync(Uri serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(memberId);
        var path = Conversation(conversationId) + "/members/" + Uri.EscapeDataString(memberId);
        var call = new ConnectorCall(GetMemberOperation, HttpMethod.Get, Endpoint(serviceUrl, path), (JsonObject?)null, null);
        var outcome = await CallAsync(call, cancellationToken);
        if (outcome.Failure is { } failure) return ConnectorResult<TeamsMember>.Failed(failure);
        var member = outcome.Body!;
        return Text(member, "id") is { } id
            ? ConnectorResult<TeamsMember>.Success(new TeamsMember(id, Text(member, "name"), Text(member, "aadObjectId"), Text(member, "email"), Text(member, "userPrincipalName")))
            : ConnectorResult<TeamsMember>.Failed(InvalidResponse(call, "no member id in the answer"));
    }

    /// <summary>
    /// <c>{serviceUrl}{path}</c>, keeping the serviceUrl's own path (<c>/amer/&lt;tenant&gt;/</c>) whether or not it ends in <c>/</c>.
    /// </summary>
    internal static Uri Endpoint(Uri serviceUrl, string path)
    {
        ArgumentNullException.ThrowIfNull(serviceUrl);
        if (!serviceUrl.IsAbsoluteUri) throw new ArgumentException("a serviceUrl is absolute", nameof(serviceUrl));
        var root = serviceUrl.GetLeftPart(UriPartial.Path);
        return new Uri(root.EndsWith('/') ? root + path : root + "/" + path);
    }

    // Conversation ids carry ':', ';' and '@' (a:…, 19:…@thread.tacv2;messageid=…): escaped as one path segment.
    private static string Conversation(string conversationId) => "v3/conversations/" + Uri.EscapeDataString(conversationId);

    private static ConnectorResult<string> IdOf(ConnectorCall call, ConnectorCallOutcome outcome)
    {
        if (outcome.Failure is { } failure) return ConnectorResult<string>.Failed(failure);
        return Text(outcome.Body!, "id") is { Length: > 0 } id
            ? ConnectorResult<string>.Success(id)
            : ConnectorResult<string>.Failed(InvalidResponse(call, "no id in the answer"));
    }

    private async Task<ConnectorCallOutcome> CallAsync(ConnectorCall call, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(
                static (state, token) => new ValueTask<ConnectorCallOutcome>(state.Self.AttemptAsync(state.Call, token)),
                (Self: this, Call: call),
                cancellationToken);
        }
        catch (BrokenCircuitException e)
        {
            return Counted(new ConnectorCallOutcome(null, new ConnectorFailure(call.Operation, null, ConnectorFailure.CircuitOpen, "Teams is failing; calls are paused", true, e.RetryAfter ?? _breakDuration)));
        }
    }

    private async Task<ConnectorCallOutcome> AttemptAsync(ConnectorCall call, CancellationToken cancellationToken)
    {
        await _limits.WaitAsync(call.WritesTo, cancellationToken);
        if (_anonymousLoopback && call.Uri.IsLoopback) return await SendOnceAsync(call, null, cancellationToken);
        var token = await _tokens.GetTokenAsync(cancellationToken);
        if (!token.IsSuccess) return Counted(new ConnectorCallOutcome(null, token.Failure));
        var outcome = await SendOnceAsync(call, token.Value, cancellationToken);
        if (outcome.Failure is not { Status: 401 }) return outcome;

        // The token was revoked or rotated before its time: drop it and try once more with a fresh one.
        _tokens.Invalidate(token.Value);
        LogTokenRejected(_logger, call.Operation);
        var renewed = await _tokens.GetTokenAsync(cancellationToken);
        return renewed.IsSuccess ? await SendOnceAsync(call, renewed.Value, cancellationToken) : Counted(new ConnectorCallOutcome(null, renewed.Failure));
    }

    private async Task<ConnectorCallOutcome> SendOnceAsync(ConnectorCall call, string? token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(call.Method, call.Uri);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (call.Body is not null)
        {
            request.Content = new ByteArrayContent(call.Body);
            request.Content.Headers.ContentType = JsonUtf8;
        }

        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return response.IsSuccessStatusCode ? Succeeded(call, body) : Failed(call, response, body);
        }
        catch (HttpRequestException)
        {
            return Logged(call, new ConnectorFailure(call.Operation, null, ConnectorFailure.NetworkError, "the Bot Connector could not be reached", true, null), null);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout elapsed: Teams may or may not have acted; a retry risks a duplicate post, never a lost one.
            return Logged(call, new ConnectorFailure(call.Operation, null, ConnectorFailure.RequestTimeout, "the Bot Connector did not answer in time", true, null), null);
        }
    }

    private ConnectorCallOutcome Succeeded(ConnectorCall call, byte[] body)
    {
        try
        {
            // Some answers (update, delete) may be empty; an empty object then stands for them.
            if (body.Length == 0) return new ConnectorCallOutcome([], null);
            if (JsonNode.Parse(body) is JsonObject json) return new ConnectorCallOutcome(json, null);
        }
        catch (JsonException)
        {
        }

        return Logged(call, InvalidResponse(call, "the answer is not a JSON object"), null);
    }

    private ConnectorCallOutcome Failed(ConnectorCall call, HttpResponseMessage response, byte[] body)
    {
        var status = (int)response.StatusCode;
        var (code, message) = ConnectorErrorBody.Parse(status, body);
        var rateLimited = response.StatusCode == HttpStatusCode.TooManyRequests;
        var failure = new ConnectorFailure(call.Operation, status, code, message, IsRetryable(status), rateLimited ? RetryAfterHeader.Of(response.Headers) : null);
        var correlation = response.Headers.TryGetValues(CorrelationHeader, out var values) ? string.Join(",", values) : null;
        return Logged(call, failure, correlation);
    }

    // teams-protocol.md §7: 429, 412, 502, 504 and other 5xx pass with time; other 4xx, and a blocked bot, do not.
    private static bool IsRetryable(int status) => status is 429 or 412 or >= 500;

    private ConnectorCallOutcome Logged(ConnectorCall call, ConnectorFailure failure, string? correlationId)
    {
        LogCallFailed(_logger, call.Operation, call.Method.Method, call.Uri.GetLeftPart(UriPartial.Authority), failure.Status, failure.Code, failure.Message, failure.IsRetryable, correlationId);
        return Counted(new ConnectorCallOutcome(null, failure));
    }

    private ConnectorCallOutcome Counted(ConnectorCallOutcome outcome)
    {
        if (outcome.Failure is { } failure) _errors?.Failed(TeamsPlatform.Name, failure.Operation, failure.Code);
        return outcome;
    }

    private static ConnectorFailure InvalidResponse(ConnectorCall call, string message) =>
        new(call.Operation, null, ConnectorFailure.InvalidResponse, message, true, null);

    private static string? Text(JsonObject json, string member) =>
        json[member] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot Connector {Operation} ({HttpMethod} {Host}) failed: HTTP {Status} {Code}: {ErrorMessage} (retryable: {Retryable}, X-Correlating-OperationId: {CorrelationId})")]
    private static partial void LogCallFailed(ILogger logger, string operation, string httpMethod, string host, int? status, string code, string errorMessage, bool retryable, string? correlationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bot Connector refused the bot token on {Operation}; renewing it")]
    private static partial void LogTokenRejected(ILogger logger, string operation);

    /// <summary>One operation's request, built once and sent as often as the pipeline tries.</summary>
    private sealed record ConnectorCall(string Operation, HttpMethod Method, Uri Uri, byte[]? Body, string? WritesTo)
    {
        public ConnectorCall(string operation, HttpMethod method, Uri uri, JsonObject? body, string? writesTo)
            : this(operation, method, uri, body is null ? null : Encoding.UTF8.GetBytes(body.ToJsonString()), writesTo)
        {
        }
    }
}
