namespace SecBot.Testing.Slack;

/// <summary>What the fake answers one call with: a status, a JSON body, and headers such as <c>Retry-After</c>.</summary>
internal sealed record FakeResponse(int Status, string Body)
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public static FakeResponse Fixture(string name) => new(200, SlackFixtures.Text(name));

    public static FakeResponse Error(string code) => new(200, $$"""{"ok":false,"error":"{{code}}"}""");

    /// <summary>Slack's rate-limit answer (slack-protocol.md §6; fixture web.ratelimited.http429.json).</summary>
    public static FakeResponse RateLimited(int retryAfterSeconds) =>
        new(429, SlackFixtures.Text("web.ratelimited.http429.json")) { Headers = new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) } };
}
