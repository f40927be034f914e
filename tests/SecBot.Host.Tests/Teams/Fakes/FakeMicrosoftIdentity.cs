using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SecBot.Testing.Teams;

/// <summary>Which part of a Bot Framework token the fake gets wrong on purpose.</summary>
public enum TokenForgery
{
    None,

    /// <summary>Signed by an unpublished key that claims the published key's <c>kid</c>.</summary>
    WrongKey,

    /// <summary>Signed by an unpublished key under a <c>kid</c> never published (a fresh one each time).</summary>
    UnknownKey,
    WrongAudience,
    NoAudience,

    /// <summary>Expired ten minutes ago, twice the accepted clock skew.</summary>
    Expired,

    /// <summary>Valid from ten minutes from now.</summary>
    NotYetValid,
    WrongIssuer,
    NoServiceUrl,
    OtherServiceUrl,

    /// <summary>Signed by a published key endorsed for <c>webchat</c> only.</summary>
    KeyNotEndorsed,
}

/// <summary>How an Entra ID token spells its issuer.</summary>
public enum EntraIssuerForm
{
    /// <summary><c>https://login.microsoftonline.com/{tid}/v2.0</c></summary>
    V2,

    /// <summary><c>https://sts.windows.net/{tid}/</c></summary>
    V1,
}

/// <summary>
/// Microsoft's token issuers, on the <see cref="FakeMicrosoftServer"/>: Bot Framework OpenID metadata and keys (with
/// <c>endorsements</c>) and Entra ID metadata and keys per tenant, and tokens signed by them, real or forged. It counts
/// the fetches, can be made unavailable, can hold metadata responses, and can rotate its signing key.
/// </summary>
internal sealed class FakeMicrosoftIdentity : IDisposable
{
    public const string BotFrameworkIssuer = "https://api.botframework.com";
    public const string TeamsChannel = "msteams";
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);

    private const string BotFrameworkMetadataPath = "botframework/v1/.well-known/openidconfiguration";
    private const string BotFrameworkKeysPath = "botframework/v1/.well-known/keys";
    private const string EntraMetadataPath = "entra/{tenant}/v2.0/.well-known/openid-configuration";
    private const string EntraKeysPath = "entra/{tenant}/discovery/v2.0/keys";

    // Generating RSA keys is slow; every fake signs with the same four, each under its own kids. Never disposed: IdentityModel
    // caches signature providers by key thumbprint across instances.
    private static readonly Lazy<RSA[]> Pool = new(() => [.. Enumerable.Range(0, 4).Select(_ => RSA.Create(2048))]);

    private readonly Lock gate = new();
    private readonly List<PublishedKey> botFrameworkKeys = [];
    private readonly PublishedKey unendorsedKey;
    private readonly RsaSecurityKey attackerKey;
    private readonly PublishedKey entraKey;
    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };
    private PublishedKey currentKey;
    private TaskCompletionSource? metadataHold;
    private FakeMicrosoftServer? server;
    private int unknownKeys;
    private int botFrameworkMetadataFetches;
    private int botFrameworkKeyFetches;
    private int entraMetadataFetches;
    private int entraKeyFetches;

    public FakeMicrosoftIdentity()
    {
        var pool = Pool.Value;
        currentKey = new PublishedKey(Key(pool[0], "bf-key-1"), [TeamsChannel, "webchat"]);
        unendorsedKey = new PublishedKey(Key(pool[1], "bf-key-webchat"), ["webchat"]);
        attackerKey = Key(pool[2], currentKey.Key.KeyId);
        entraKey = new PublishedKey(Key(pool[3], "entra-key-1"), []);
        botFrameworkKeys.AddRange([currentKey, unendorsedKey]);
    }

    /// <summary>What <c>SecBot:Teams:OpenIdMetadataUrl</c> is set to.</summary>
    public string OpenIdMetadataUrl => Server.Url(BotFrameworkMetadataPath).ToString();

    /// <summary>What <c>SecBot:Teams:EntraOpenIdMetadataUrl</c> is set to, <c>{tenant}</c> and all.</summary>
    public string EntraOpenIdMetadataUrl => Server.BaseAddress + EntraMetadataPath;

    /// <summary>The <c>kid</c> new Bot Framework tokens are signed under.</summary>
    public string CurrentKeyId { get { lock (gate) return currentKey.Key.KeyId; } }

    public int BotFrameworkMetadataFetches => Volatile.Read(ref botFrameworkMetadataFetches);

    public int BotFrameworkKeyFetches => Volatile.Read(ref botFrameworkKeyFetches);

    public int EntraMetadataFetches => Volatile.Read(ref entraMetadataFetches);

    public int EntraKeyFetches => Volatile.Read(ref entraKeyFetches);

    /// <summary>While set, every identity route answers 503.</summary>
    public bool Unavailable { get; set; }

    private FakeMicrosoftServer Server => server ?? throw new InvalidOperationException("Attach the fake to its started FakeMicrosoftServer first");

    /// <summary>Pass to <see cref="FakeMicrosoftServer.StartAsync"/>.</summary>
    public void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(BotFrameworkMetadataPath, async (HttpContext http) =>
        {
            Interlocked.Increment(ref botFrameworkMetadataFetches);
            if (Unavailable) return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            await HeldMetadata();
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = BotFrameworkIssuer,
                ["authorization_endpoint"] = "https://invalid.botframework.com",
                ["jwks_uri"] = $"{Root(http)}{BotFrameworkKeysPath}",
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
            });
        });
        app.MapGet(BotFrameworkKeysPath, () =>
        {
            Interlocked.Increment(ref botFrameworkKeyFetches);
            if (Unavailable) return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            lock (gate) return Results.Json(new { keys = botFrameworkKeys.Select(Jwk).ToList() });
        });
        app.MapGet(EntraMetadataPath, async (HttpContext http, string tenant) =>
        {
            Interlocked.Increment(ref entraMetadataFetches);
            if (Unavailable) return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            await HeldMetadata();
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = $"https://login.microsoftonline.com/{tenant}/v2.0",
                ["jwks_uri"] = $"{Root(http)}{EntraKeysPath.Replace("{tenant}", Uri.EscapeDataString(tenant), StringComparison.Ordinal)}",
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            });
        });
        app.MapGet(EntraKeysPath, (string tenant) =>
        {
            Interlocked.Increment(ref entraKeyFetches);
            if (Unavailable) return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            return Results.Json(new { keys = new[] { Jwk(entraKey) } });
        });
    }

    /// <summary>Tells the fake where it is served from; call once the server has started.</summary>
    public void Attach(FakeMicrosoftServer started) => server = started;

    /// <summary>Publishes a new key (keeping the old ones) and signs every later Bot Framework token with it; returns its kid.</summary>
    public string RotateKey()
    {
        var key = new PublishedKey(Key(RSA.Create(2048), $"bf-key-{Guid.NewGuid():N}"), [TeamsChannel]);
        lock (gate)
        {
            botFrameworkKeys.Add(key);
            currentKey = key;
        }

        return key.Key.KeyId;
    }

    /// <summary>Metadata requests wait from now until <see cref="ReleaseMetadata"/>.</summary>
    public void HoldMetadata()
    {
        lock (gate) metadataHold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void ReleaseMetadata()
    {
        lock (gate) metadataHold?.TrySetResult();
    }

    /// <summary>A token the Bot Connector would send with an activity for <paramref name="appId"/> from <paramref name="serviceUrl"/>, issued at <paramref name="now"/> for an hour.</summary>
    public string BotFrameworkToken(string appId, string serviceUrl, DateTimeOffset now, TokenForgery forgery = TokenForgery.None)
    {
        var claims = new Dictionary<string, object> { ["serviceurl"] = forgery == TokenForgery.OtherServiceUrl ? "https://smba.attacker.example/amer/" : serviceUrl };
        if (forgery == TokenForgery.NoServiceUrl) claims.Remove("serviceurl");
        var notBefore = forgery == TokenForgery.NotYetValid ? now + TimeSpan.FromMinutes(10) : now;
        var expires = forgery == TokenForgery.Expired ? now - TimeSpan.FromMinutes(10) : now + TokenLifetime;
        return Sign(new SecurityTokenDescriptor
        {
            Issuer = forgery == TokenForgery.WrongIssuer ? "https://api.botframework.example" : BotFrameworkIssuer,
            Audience = forgery switch
            {
                TokenForgery.WrongAudience => "00000000-0000-0000-0000-0000000000ff",
                TokenForgery.NoAudience => null,
                _ => appId,
            },
            IssuedAt = (forgery == TokenForgery.Expired ? expires - TokenLifetime : notBefore).UtcDateTime,
            NotBefore = (forgery == TokenForgery.Expired ? expires - TokenLifetime : notBefore).UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(SigningKeyFor(forgery), SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>An Entra ID token of tenant <paramref name="tenantId"/> for <paramref name="audience"/>, issued at <paramref name="now"/> for an hour.</summary>
    public string EntraToken(string audience, string tenantId, DateTimeOffset now, EntraIssuerForm issuerForm = EntraIssuerForm.V2, string? serviceUrl = null)
    {
        var claims = new Dictionary<string, object> { ["tid"] = tenantId };
        if (serviceUrl is not null) claims["serviceurl"] = serviceUrl;
        return Sign(new SecurityTokenDescriptor
        {
            Issuer = issuerForm == EntraIssuerForm.V2 ? $"https://login.microsoftonline.com/{tenantId}/v2.0" : $"https://sts.windows.net/{tenantId}/",
            Audience = audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + TokenLifetime).UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(entraKey.Key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>Lets any held metadata request finish, so the server can stop.</summary>
    public void Dispose() => ReleaseMetadata();

    private RsaSecurityKey SigningKeyFor(TokenForgery forgery)
    {
        lock (gate)
        {
            return forgery switch
            {
                TokenForgery.WrongKey => attackerKey,
                TokenForgery.UnknownKey => new RsaSecurityKey(attackerKey.Rsa) { KeyId = $"unknown-key-{++unknownKeys}" },
                TokenForgery.KeyNotEndorsed => unendorsedKey.Key,
                _ => currentKey.Key,
            };
        }
    }

    private string Sign(SecurityTokenDescriptor descriptor)
    {
        lock (gate) return handler.CreateToken(descriptor);
    }

    private Task HeldMetadata()
    {
        lock (gate) return metadataHold?.Task ?? Task.CompletedTask;
    }

    private static string Root(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}/";

    private static Dictionary<string, object> Jwk(PublishedKey published)
    {
        var parameters = published.Key.Rsa.ExportParameters(includePrivateParameters: false);
        var jwk = new Dictionary<string, object>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = published.Key.KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (published.Endorsements.Count > 0) jwk["endorsements"] = published.Endorsements;
        return jwk;
    }

    private static RsaSecurityKey Key(RSA rsa, string keyId) => new(rsa) { KeyId = keyId };

    private sealed record PublishedKey(RsaSecurityKey Key, IReadOnlyList<string> Endorsements);
}
