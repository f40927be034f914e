using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Polly;
using Polly.CircuitBreaker;
using SecBot.Chat.Delivery.Resilience;
using SecBot.Chat.Telemetry;
using SecBot.Slack.BlockKit;

namespace SecBot.Slack.WebApi;

/// <summary>
/// Slack's Web API over an <see cref="HttpClient"/> whose base address is <c>SecBot:Slack:ApiBaseUrl</c>
/// (slack-protocol.md §6): <c>POST {base}{method}</c> with <c>Authorization: Bearer xoxb-…</c> and a JSON body,
/// except users.lookupByEmail, which is a GET with the e-mail in the query string. Every answer's <c>ok</c> is
/// checked; failures come back as values, never exceptions, classified retryable or permanent.
/// </summary>
public sealed class SlackWebApiClient
{
    /// <summary>conversations.invite takes at most this many user ids per call (slack-protocol.md §6).</summary>
    public const int MaxInviteUsers = 100;

    private const string ResponseUrlMethod = "response_url";

    private static readonly MediaTypeHeaderValue JsonUtf8 = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

    private readonly HttpClient _http;
    private readonly string _botToken;
    private readonly ResiliencePipeline<SlackCallOutcome> _pipeline;
    private readonly TimeSpan _breakDuration;
    private readonly PlatformApiErrors? _errors;

    /// <param name="pipeline">Null sends every call once: for calls on a request path with a deadline (views.open).</param>
    /// <param name="errors">Where each failed attempt is counted by method and error code; null counts nothing.</param>
    public SlackWebApiClient(
        HttpClient http, string botToken, ResiliencePipeline<SlackCallOutcome>? pipeline = null, TimeSpan? breakDuration = null, PlatformApiErrors? errors = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(botToken);
        _http = http;
        _botToken = botToken;
        _pipeline = pipeline ?? ResiliencePipeline<SlackCallOutcome>.Empty;
        _breakDuration = breakDuration ?? TimeSpan.FromSeconds(30);
        _errors = errors;
    }

    public Task<SlackApiResult<MessageResponse>> PostMessageAsync(string channel, MessageContent content, string? threadTs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var body = new PostMessageRequest(channel, content.Text, NullIfEmpty(content.Blocks)) { ThreadTs = threadTs };
        return PostAsync("chat.postMessage", body, SlackWebJsonContext.Default.PostMessageRequest, SlackWebJsonContext.Default.MessageResponse, cancellationToken);
    }

    public Task<SlackApiResult<MessageResponse>> UpdateMessageAsync(string channel, string ts, MessageContent content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var body = new UpdateMessageRequest(channel, ts, content.Text, content.Blocks);
        return PostAsync("chat.update", body, SlackWebJsonContext.Default.UpdateMessageRequest, SlackWebJsonContext.Default.MessageResponse, cancellationToken);
    }

    public Task<SlackApiResult<MessageResponse>> PostEphemeralAsync(string channel, string user, MessageContent content, string? threadTs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var body = new PostEphemeralRequest(channel, user, content.Text, NullIfEmpty(content.Blocks)) { ThreadTs = threadTs };
        return PostAsync("chat.postEphemeral", body, SlackWebJsonContext.Default.PostEphemeralRequest, SlackWebJsonContext.Default.MessageResponse, cancellationToken);
    }

    /// <summary>
    /// POSTs a message to an interaction's <c>response_url</c> (slack-protocol.md §5), an absolute URL the caller has
    /// checked is Slack's. No token goes with it. Slack may answer a plain <c>ok</c>, so any 2xx that is not an
    /// <c>ok:false</c> body counts as delivered; an expired URL (4xx) is permanent.
    /// </summary>
    public async Task<SlackApiFailure?> RespondAsync(Uri responseUrl, MessageContent content, bool replaceOriginal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(responseUrl);
        ArgumentNullException.ThrowIfNull(content);
        if (!responseUrl.IsAbsoluteUri) throw new ArgumentException("a response_url is absolute", nameof(responseUrl));
        var body = new ResponseUrlRequest(content.Text, NullIfEmpty(content.Blocks)) { ReplaceOriginal = replaceOriginal, ResponseType = replaceOriginal ? null : "ephemeral" };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, SlackWebJsonContext.Default.ResponseUrlRequest);
        try
        {
            var outcome = await _pipeline.ExecuteAsync(
                static (state, token) => new ValueTask<SlackCallOutcome>(state.Self.SendOnceAsync(ResponseUrlMethod, state.Request, token)),
                (Self: this, Request: (Func<HttpRequestMessage>)(() =>
                {
                    var json = new ByteArrayContent(bytes);
                    json.Headers.ContentType = JsonUtf8;
                    return new HttpRequestMessage(HttpMethod.Post, responseUrl) { Content = json };
                })),
                cancellationToken);
            return outcome.Failure;
        }
        catch (BrokenCircuitException e)
        {
            return Counted(new SlackApiFailure(ResponseUrlMethod, SlackErrorCodes.CircuitOpen, true) { RetryAfter = e.RetryAfter ?? _breakDuration });
        }
    }

    /// <summary>Opens (or finds) the DM with one user; needs <c>im:write</c> (slack-protocol.md §9).</summary>
    public Task<SlackApiResult<ConversationsOpenResponse>> OpenDirectMessageAsync(string userId, CancellationToken cancellationToken) =>
        PostAsync("conversations.open", new ConversationsOpenRequest(userId), SlackWebJsonContext.Default.ConversationsOpenRequest, SlackWebJsonContext.Default.ConversationsOpenResponse, cancellationToken);

    /// <summary>
    /// Creates a public channel; needs <c>channels:manage</c> (slack-protocol.md §9). The bot is a member of the channel
    /// it creates. A name in use answers <c>name_taken</c>; <see cref="Delivery.IncidentChannelName"/> makes valid names.
    /// </summary>
    public Task<SlackApiResult<ChannelResponse>> CreateChannelAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return PostAsync("conversations.create", new ConversationsCreateRequest(name), SlackWebJsonContext.Default.ConversationsCreateRequest, SlackWebJsonContext.Default.ChannelResponse, cancellationToken);
    }

    /// <summary>
    /// Invites up to <see cref="MaxInviteUsers"/> users to a channel the bot is in; needs <c>channels:manage</c> for a public
    /// channel (slack-protocol.md §6, §9). With several users <c>force</c> is set, so one who cannot be invited does not stop the rest.
    /// </summary>
    public Task<SlackApiResult<ChannelResponse>> InviteAsync(string channel, IReadOnlyCollection<string> users, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentOutOfRangeException.ThrowIfZero(users.Count, nameof(users));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(users.Count, MaxInviteUsers, nameof(users));
        var body = new ConversationsInviteRequest(channel, string.Join(',', users)) { Force = users.Count > 1 ? true : null };
        return PostAsync("conversations.invite", body, SlackWebJsonContext.Default.ConversationsInviteRequest, SlackWebJsonContext.Default.ChannelResponse, cancellationToken);
    }

    /// <summary>Exchanges a trigger id for a modal, within 3 seconds of receiving it and only once (slack-protocol.md §5).</summary>
    public Task<SlackApiResult<ViewResponse>> OpenViewAsync(string triggerId, ViewDefinition view, CancellationToken cancellationToken) =>
        PostAsync("views.open", new ViewsOpenRequest(triggerId, view), SlackWebJsonContext.Default.ViewsOpenRequest, SlackWebJsonContext.Default.ViewResponse, cancellationToken);

    public Task<SlackApiResult<ViewResponse>> PublishHomeAsync(string userId, ViewDefinition view, string? hash, CancellationToken cancellationToken) =>
        PostAsync("views.publish", new ViewsPublishRequest(userId, view) { Hash = hash }, SlackWebJsonContext.Default.ViewsPublishRequest, SlackWebJsonContext.Default.ViewResponse, cancellationToken);

    /// <summary>
    /// A Socket Mode connection's URL; called with the <c>xapp-</c> app-level token (scope <c>connections:write</c>) as
    /// this client's token. Each URL is good for one connection, so every (re)connection asks again.
    /// </summary>
    public Task<SlackApiResult<ConnectionsOpenResponse>> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        const string method = "apps.connections.open";
        var uri = new Uri(method, UriKind.Relative);
        return CallAsync(method, () => new HttpRequestMessage(HttpMethod.Post, uri), SlackWebJsonContext.Default.ConnectionsOpenResponse, cancellationToken);
    }

    /// <summary>GET with no JSON input (slack-protocol.md §6); needs <c>users:read</c> with <c>users:read.email</c>.</summary>
    public Task<SlackApiResult<UserLookupResponse>> LookupUserByEmailAsync(string email, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        const string method = "users.lookupByEmail";
        var uri = new Uri($"{method}?email={Uri.EscapeDataString(email)}", UriKind.Relative);
        return CallAsync(method, () => new HttpRequestMessage(HttpMethod.Get, uri), SlackWebJsonContext.Default.UserLookupResponse, cancellationToken);
    }

    private Task<SlackApiResult<TResponse>> PostAsync<TRequest, TResponse>(
        string method, TRequest body, JsonTypeInfo<TRequest> requestInfo, JsonTypeInfo<TResponse> responseInfo, CancellationToken cancellationToken)
        where TResponse : SlackApiResponse
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, requestInfo);
        var uri = new Uri(method, UriKind.Relative);
        return CallAsync(
            method,
            () =>
            {
                var content = new ByteArrayContent(bytes);
                content.Headers.ContentType = JsonUtf8;
                return new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
            },
            responseInfo,
            cancellationToken);
    }

    private async Task<SlackApiResult<T>> CallAsync<T>(string method, Func<HttpRequestMessage> request, JsonTypeInfo<T> info, CancellationToken cancellationToken)
        where T : SlackApiResponse
    {
        SlackCallOutcome outcome;
        try
        {
            outcome = await _pipeline.ExecuteAsync(
                static (state, token) => new ValueTask<SlackCallOutcome>(state.Self.SendOnceAsync(state.Method, state.Request, token)),
                (Self: this, Method: method, Request: request),
                cancellationToken);
        }
        catch (BrokenCircuitException e)
        {
            return SlackApiResult<T>.Failed(Counted(new SlackApiFailure(method, SlackErrorCodes.CircuitOpen, true) { RetryAfter = e.RetryAfter ?? _breakDuration }));
        }

        if (outcome.Failure is { } failure) return SlackApiResult<T>.Failed(failure);
        try
        {
            var typed = JsonSerializer.Deserialize(outcome.Body, info);
            return typed is null
                ? SlackApiResult<T>.Failed(Counted(new SlackApiFailure(method, SlackErrorCodes.InvalidResponse, true)))
                : SlackApiResult<T>.Success(typed);
        }
        catch (JsonException)
        {
            return SlackApiResult<T>.Failed(Counted(new SlackApiFailure(method, SlackErrorCodes.InvalidResponse, true)));
        }
    }

    private SlackApiFailure Counted(SlackApiFailure failure)
    {
        _errors?.Failed(Delivery.SlackOutboxKinds.Platform, failure.Method, failure.Error);
        return failure;
    }

    private async Task<SlackCallOutcome> SendOnceAsync(string method, Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        var outcome = await AttemptOnceAsync(method, createRequest, cancellationToken);
        if (outcome.Failure is { } failure) Counted(failure);
        return outcome;
    }

    private async Task<SlackCallOutcome> AttemptOnceAsync(string method, Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        using var request = createRequest();
        // The token goes only to the Web API (relative to the base address), never to an absolute response_url.
        if (request.RequestUri is { IsAbsoluteUri: false }) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _botToken);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return Interpret(method, response, body);
        }
        catch (HttpRequestException)
        {
            return new SlackCallOutcome(method, null, new SlackApiFailure(method, SlackErrorCodes.NetworkError, true));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout elapsed: Slack may or may not have acted; a retry risks a duplicate post, never a lost one.
            return new SlackCallOutcome(method, null, new SlackApiFailure(method, SlackErrorCodes.RequestTimeout, true));
        }
    }

    private static SlackCallOutcome Interpret(string method, HttpResponseMessage response, byte[] body)
    {
        var status = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return Failed(new SlackApiFailure(method, SlackErrorCodes.RateLimited, true) { HttpStatus = status, RetryAfter = RetryAfterOf(response) });
        }

        if (status >= 500)
        {
            return Failed(new SlackApiFailure(method, $"http_{status.ToString(CultureInfo.InvariantCulture)}", true) { HttpStatus = status });
        }

        if (!response.IsSuccessStatusCode)
        {
            return Failed(new SlackApiFailure(method, $"http_{status.ToString(CultureInfo.InvariantCulture)}", false) { HttpStatus = status });
        }

        SlackApiResponse? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(body, SlackWebJsonContext.Default.SlackApiResponse);
        }
        catch (JsonException)
        {
            envelope = null;
        }

        if (envelope is null && method == ResponseUrlMethod) return new SlackCallOutcome(method, body, null);
        if (envelope is null) return Failed(new SlackApiFailure(method, SlackErrorCodes.InvalidResponse, true) { HttpStatus = status });
        if (envelope.Ok) return new SlackCallOutcome(method, body, null);
        return Failed(SlackApiFailure.Classified(method, envelope.Error ?? "unknown_error") with
        {
            HttpStatus = status,
            Messages = envelope.ResponseMetadata?.Messages ?? [],
        });

        SlackCallOutcome Failed(SlackApiFailure failure) => new(method, null, failure);
    }

    /// <summary>Seconds (what Slack sends) or an HTTP date; a 429 without it waits a second.</summary>
    private static TimeSpan RetryAfterOf(HttpResponseMessage response) => RetryAfterHeader.Of(response.Headers) ?? TimeSpan.FromSeconds(1);

    private static IReadOnlyList<Block>? NullIfEmpty(IReadOnlyList<Block> blocks) => blocks.Count == 0 ? null : blocks;
}
