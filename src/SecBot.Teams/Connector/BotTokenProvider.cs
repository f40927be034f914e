using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SecBot.Teams.Configuration;

namespace SecBot.Teams.Connector;

/// <summary>
/// The bot's own bearer token for the Bot Connector (teams-protocol.md §2): a client-credentials grant at
/// <see cref="TeamsOptions.TokenEndpoint"/>, cached until <see cref="RefreshMargin"/> before it expires. However many
/// callers ask at once, one request is in flight. Failures are values: bad credentials are permanent, the identity
/// platform's own trouble is retryable. Neither the secret nor a token is ever logged.
/// </summary>
public sealed partial class BotTokenProvider
{
    public const string Operation = "token";
    public const string Scope = "https://api.botframework.com/.default";

    /// <summary>A token is renewed this long before it runs out, so one in use never expires mid-call.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly HttpClient _http;
    private readonly TeamsOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<BotTokenProvider> _logger;
    private readonly Lock _gate = new();
    private CachedToken? _cached;
    private Task<ConnectorResult<string>>? _inFlight;

    public BotTokenProvider(HttpClient http, TeamsOptions options, TimeProvider timeProvider, ILogger<BotTokenProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _http = http;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>The current token, fetching one when none is cached or it is due for renewal.</summary>
    public Task<ConnectorResult<string>> GetTokenAsync(CancellationToken cancellationToken)
    {
        Task<ConnectorResult<string>> fetch;
        lock (_gate)
        {
            if (_cached is { } cached && _timeProvider.GetUtcNow() < cached.RenewAt) return Task.FromResult(ConnectorResult<string>.Success(cached.Token));

            // Shared by every caller, so one caller giving up does not cancel the others' fetch; HttpClient.Timeout bounds it.
            if (_inFlight is not { IsCompleted: false }) _inFlight = FetchAsync();
            fetch = _inFlight;
        }

        return fetch.WaitAsync(cancellationToken);
    }

    /// <summary>The Connector refused <paramref name="rejectedToken"/> (401): forget it, unless a newer one replaced it already.</summary>
    public void Invalidate(string rejectedToken)
    {
        lock (_gate)
        {
            if (_cached?.Token == rejectedToken) _cached = null;
        }
    }

    private async Task<ConnectorResult<string>> FetchAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _options.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent(
            [
                new("grant_type", "client_credentials"),
                new("client_id", _options.AppId),
                new("client_secret", _options.AppPassword),
                new("scope", Scope),
            ]),
        };
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, CancellationToken.None);
            var body = await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
            return response.IsSuccessStatusCode ? Accept(body) : Refused((int)response.StatusCode, body);
        }
        catch (HttpRequestException)
        {
            return Fail(null, ConnectorFailure.NetworkError, "the token endpoint could not be reached", true);
        }
        catch (TaskCanceledException)
        {
            return Fail(null, ConnectorFailure.RequestTimeout, "the token endpoint did not answer in time", true);
        }
    }

    private ConnectorResult<string> Accept(byte[] body)
    {
        if (TokenResponse.Parse(body) is not { } token) return Fail(200, ConnectorFailure.InvalidResponse, "no access_token in the token response", true);
        var lifetime = token.ExpiresIn > RefreshMargin ? token.ExpiresIn - RefreshMargin : token.ExpiresIn / 2;
        lock (_gate)
        {
            _cached = new CachedToken(token.AccessToken, _timeProvider.GetUtcNow() + lifetime);
        }

        LogTokenIssued(_logger, token.ExpiresIn);
        return ConnectorResult<string>.Success(token.AccessToken);
    }

    private ConnectorResult<string> Refused(int status, byte[] body)
    {
        var (code, message) = ConnectorErrorBody.Parse(status, body);
        // Wrong id, secret or scope stays wrong; the identity platform's own trouble and throttling pass with time.
        var retryable = status is 408 or 429 or >= 500;
        return Fail(status, code, message, retryable);
    }

    private ConnectorResult<string> Fail(int? status, string code, string message, bool retryable)
    {
        LogTokenFailed(_logger, status, code, retryable);
        return ConnectorResult<string>.Failed(new ConnectorFailure(Operation, status, code, message, retryable, null));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Bot Framework token issued, valid for {Lifetime}")]
    private static partial void LogTokenIssued(ILogger logger, TimeSpan lifetime);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot Framework token request failed: HTTP {Status} {Code} (retryable: {Retryable})")]
    private static partial void LogTokenFailed(ILogger logger, int? status, string code, bool retryable);

    private sealed record CachedToken(string Token, DateTimeOffset RenewAt)
    {
        public override string ToString() => $"token renewed at {RenewAt.ToString("O", CultureInfo.InvariantCulture)}";
    }

    /// <summary>The identity platform's answer (fixture <c>auth.token-response.client-credentials.json</c>).</summary>
    internal sealed record TokenResponse(string AccessToken, TimeSpan ExpiresIn)
    {
        public static TokenResponse? Parse(byte[] body)
        {
            try
            {
                if (JsonNode.Parse(body) is not JsonObject root || root["access_token"] is not JsonValue access
                    || access.GetValueKind() != JsonValueKind.String || access.GetValue<string>() is not { Length: > 0 } token)
                {
                    return null;
                }

                return SecondsOf(root["expires_in"]) is { } seconds and > 0 ? new TokenResponse(token, TimeSpan.FromSeconds(seconds)) : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        public override string ToString() => $"token valid for {ExpiresIn}";

        // v2.0 sends a number; older endpoints sent a string.
        private static long? SecondsOf(JsonNode? node) => node is JsonValue value
            ? value.GetValueKind() switch
            {
                JsonValueKind.Number when value.TryGetValue<long>(out var n) => n,
                JsonValueKind.String when long.TryParse(value.GetValue<string>(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) => s,
                _ => null,
            }
            : null;
    }
}
