using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SecBot.Chat.Inbound;
using SecBot.Teams.Configuration;

namespace SecBot.Teams.Authentication;

/// <summary>
/// Decides whether a <c>POST /api/messages</c> comes from Microsoft (teams-protocol.md §1): a Bearer JWT signed RS256 by
/// a published key of a recognised issuer family, for this bot, current within five minutes of skew, bound to the
/// activity's serviceUrl and, for Bot Framework tokens, signed by a key endorsed for the activity's channel. IdentityModel
/// parses and verifies the token; the key cache and the endorsement check are SecBot's. Never throws for a bad request or
/// unreachable keys: every refusal is a verdict with a reason for the log.
/// </summary>
public sealed class TeamsRequestAuthenticator
{
    private const string ServiceUrlClaim = "serviceurl";

    private readonly TeamsOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly IReadOnlyList<ITokenIssuerFamily> families;
    private readonly SigningKeyCache keys;
    private readonly JsonWebTokenHandler handler = new();

    /// <param name="http">Fetches the OpenID metadata and key sets; give it a timeout, no auth header and no retries of its own.</param>
    public TeamsRequestAuthenticator(TeamsOptions options, HttpClient http, TimeProvider timeProvider, ILogger<TeamsRequestAuthenticator> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.AppId, "options.AppId");
        this.options = options;
        this.timeProvider = timeProvider;
        this.logger = logger;
        families = options.AcceptEntraIdTokens && options.TenantId.Length > 0
            ? [new BotFrameworkIssuerFamily(options), new EntraIssuerFamily(options)]
            : [new BotFrameworkIssuerFamily(options)];
        keys = new SigningKeyCache(new SigningKeyFetcher(http), timeProvider, logger);
    }

    /// <summary>
    /// The refusal of a request that is plainly unauthenticated, decided from its headers alone so its body is never read:
    /// no <c>Authorization</c> header (unless anonymous loopback is allowed and the peer is on loopback), one that is not
    /// <c>Bearer &lt;token&gt;</c>, or a token that is not a well-formed signed JWT. Null when the body is worth reading;
    /// <see cref="AuthenticateAsync"/> then decides.
    /// </summary>
    /// <param name="authorizationHeader">The <c>Authorization</c> header value; null when the request has none.</param>
    /// <param name="remoteAddress">The peer's address, for the development-only anonymous loopback mode.</param>
    public TeamsAuthVerdict? RefusalBeforeBody(string? authorizationHeader, IPAddress? remoteAddress)
    {
        if (authorizationHeader is null) return AnonymousRefusal(remoteAddress);
        if (BearerToken.From(authorizationHeader) is not { } token) return NotBearer;
        return Read(token) is null ? NotJwt : null;
    }

    private static readonly TeamsAuthVerdict NotBearer = TeamsAuthVerdict.Unauthorized("Authorization header is not 'Bearer <token>'");
    private static readonly TeamsAuthVerdict NotJwt = TeamsAuthVerdict.Unauthorized("bearer token is not a well-formed signed JWT");

    /// <param name="authorizationHeader">The <c>Authorization</c> header value; null when the request has none.</param>
    /// <param name="remoteAddress">The peer's address, for the development-only anonymous loopback mode.</param>
    /// <param name="activityChannelId">The activity's <c>channelId</c>, which the signing key must be endorsed for.</param>
    /// <param name="activityServiceUrl">The activity's <c>serviceUrl</c>, which the token's <c>serviceurl</c> claim must name.</param>
    /// <param name="ct">The request's abort token: the only way this throws (<see cref="OperationCanceledException"/>).</param>
    public async Task<TeamsAuthVerdict> AuthenticateAsync(
        string? authorizationHeader,
        IPAddress? remoteAddress,
        string? activityChannelId,
        string? activityServiceUrl,
        CancellationToken ct)
    {
        if (authorizationHeader is null) return Anonymous(remoteAddress, activityServiceUrl);

        var token = BearerToken.From(authorizationHeader);
        if (token is null) return NotBearer;
        var unvalidated = Read(token);
        if (unvalidated is null) return NotJwt;

        var family = families.FirstOrDefault(candidate => candidate.Recognises(unvalidated.Issuer));
        if (family is null) return TeamsAuthVerdict.Unauthorized($"token issuer {TokenRefusal.Shown(unvalidated.Issuer)} is not accepted");
        var rules = family.RulesFor(unvalidated, out var refusal);
        if (rules is null) return TeamsAuthVerdict.Unauthorized(refusal);

        if (string.IsNullOrEmpty(unvalidated.Kid)) return TeamsAuthVerdict.Unauthorized("token names no signing key (kid)");
        var lookup = await keys.FindAsync(rules.MetadataUrl, unvalidated.Kid, ct);
        if (lookup.UnavailableBecause is not null) return TeamsAuthVerdict.Unauthorized($"signing keys unavailable: {lookup.UnavailableBecause}");
        if (lookup.Key is null) return TeamsAuthVerdict.Unauthorized($"token signing key {TokenRefusal.Shown(unvalidated.Kid)} is not published");

        var result = await handler.ValidateTokenAsync(token, Parameters(rules, lookup.Key));
        if (!result.IsValid) return TeamsAuthVerdict.Unauthorized(TokenRefusal.Explain(result.Exception, unvalidated, timeProvider.GetUtcNow()));

        var serviceUrlRefusal = ServiceUrlRefusal(unvalidated, rules, activityServiceUrl);
        if (serviceUrlRefusal is not null) return TeamsAuthVerdict.Unauthorized(serviceUrlRefusal);

        if (rules.EndorsementRequired && !lookup.Key.IsEndorsedFor(activityChannelId))
        {
            return TeamsAuthVerdict.Forbidden($"signing key is not endorsed for channel {TokenRefusal.Shown(activityChannelId)}");
        }

        return TeamsAuthVerdict.Allowed;
    }

    // The connector an anonymous activity names must be local too: SecBot answers there, and over HTTPS elsewhere it
    // would send its own access token to whoever wrote the activity.
    private TeamsAuthVerdict Anonymous(IPAddress? remoteAddress, string? activityServiceUrl)
    {
        if (AnonymousRefusal(remoteAddress) is { } refusal) return refusal;
        if (!Uri.TryCreate(activityServiceUrl, UriKind.Absolute, out var serviceUrl) || !serviceUrl.IsLoopback)
        {
            return TeamsAuthVerdict.Unauthorized("an anonymous activity must name a connector on loopback as its serviceUrl");
        }

        TeamsAuthLog.AnonymousLoopbackAccepted(logger, remoteAddress!.ToString());
        return TeamsAuthVerdict.Allowed;
    }

    private TeamsAuthVerdict? AnonymousRefusal(IPAddress? remoteAddress)
    {
        if (!options.AllowAnonymousLoopback) return TeamsAuthVerdict.Unauthorized("no Authorization header");
        if (!LocalCaller.IsLoopback(remoteAddress)) return TeamsAuthVerdict.Unauthorized("no Authorization header, and anonymous requests are accepted only from loopback");
        return null;
    }

    private JsonWebToken? Read(string token)
    {
        if (!handler.CanReadToken(token)) return null;
        try
        {
            var read = new JsonWebToken(token);
            return read.IsEncrypted ? null : read;
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenMalformedException)
        {
            return null;
        }
    }

    private TokenValidationParameters Parameters(TokenIssuerRules rules, SigningKey key) => new()
    {
        ValidIssuers = rules.ValidIssuers,
        ValidAudiences = rules.ValidAudiences,
        IssuerSigningKey = key.Key,
        TryAllIssuerSigningKeys = false,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ClockSkew = TokenLifetime.ClockSkew,
        LifetimeValidator = (notBefore, expires, _, _) => TokenLifetime.IsCurrent(notBefore, expires, timeProvider.GetUtcNow()),
    };

    private string? ServiceUrlRefusal(JsonWebToken token, TokenIssuerRules rules, string? activityServiceUrl)
    {
        if (!token.TryGetPayloadValue<string>(ServiceUrlClaim, out var claimed) || string.IsNullOrEmpty(claimed))
        {
            if (rules.ServiceUrlClaimRequired) return "token has no serviceurl claim";
            return ConnectorHosts.IsTrusted(activityServiceUrl, options)
                ? null
                : $"token has no serviceurl claim and the activity's serviceUrl {TokenRefusal.Shown(activityServiceUrl)} is not a Bot Connector host";
        }

        return string.Equals(claimed, activityServiceUrl, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"token serviceurl {TokenRefusal.Shown(claimed)} is not the activity's serviceUrl {TokenRefusal.Shown(activityServiceUrl)}";
    }
}
