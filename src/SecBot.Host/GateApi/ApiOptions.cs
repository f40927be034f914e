namespace SecBot.Host.GateApi;

/// <summary><c>SecBot:Api</c>: the keys the Gate API accepts, and how often each may be used.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "SecBot:Api";

    /// <summary>Each accepted key (<c>SecBot:Api:Keys:{key}</c>) with the service it belongs to.</summary>
    public Dictionary<string, ApiKeyOptions> Keys { get; set; } = new(StringComparer.Ordinal);

    public ApiRateLimitOptions RateLimit { get; set; } = new();

    /// <summary>
    /// Whether a <c>callback_url</c> may reach loopback, private, link-local or unspecified addresses (checked when a gate
    /// is opened and again at every connection); false by default, so an API key cannot make SecBot probe its own network.
    /// </summary>
    public bool AllowPrivateCallbacks { get; set; }
}

/// <summary>One API key's entry: <c>{ "Name": "deploy-pipeline" }</c>.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>The service the key belongs to, as the gate's timeline and ledger name it.</summary>
    public string Name { get; set; } = "";
}

/// <summary>
/// <c>SecBot:Api:RateLimit</c>: requests per API key in each fixed window (every request without a known key
/// shares one); past it a request is answered 429 with <c>Retry-After</c>.
/// </summary>
public sealed class ApiRateLimitOptions
{
    public int PermitLimit { get; set; } = 120;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
