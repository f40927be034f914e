using System.Globalization;
using SecBot.Host.Tests.Slack;
using SecBot.Host.Tests.Teams;
using SecBot.Slack.Verification;

namespace SecBot.Host.Tests.Abuse;

/// <summary>
/// A request that is plainly unauthenticated is refused from its headers, before a byte of its body is read: each
/// here announces a body that never comes, on a host that would wait ten minutes for a body (its minimum data rate's
/// grace period), and is answered 401 at once, with nothing recorded.
/// </summary>
public sealed class AuthHeadersBeforeBodyTests
{
    /// <summary>A host that reads a body would hold these requests this long before giving up on them.</summary>
    private static readonly string[] BodyWaitsTenMinutes = ["--SecBot:Http:MinDataRateGracePeriod=00:10:00", "--SecBot:Http:BodyReadTimeout=00:10:00"];

    private static readonly TimeSpan AnswerGuard = TimeSpan.FromSeconds(30);

    public static TheoryData<string> SlackPaths => ["/slack/command", "/slack/action", "/slack/event", "/slack/options"];

    [Theory]
    [MemberData(nameof(SlackPaths))]
    public async Task A_slack_request_with_missing_ill_formed_or_stale_signing_headers_is_401_before_its_body_arrives(string path)
    {
        await using var slack = await SlackHost.StartAsync(null, BodyWaitsTenMinutes);
        var now = slack.Now.ToUnixTimeSeconds();
        string Stamp(long seconds) => $"{SlackHeaders.RequestTimestamp}: {seconds.ToString(CultureInfo.InvariantCulture)}";
        var wellFormed = $"{SlackHeaders.Signature}: v0={new string('a', 64)}";
        var cases = new Dictionary<string, string[]>
        {
            ["no signing headers"] = [],
            ["no signature"] = [Stamp(now)],
            ["no timestamp"] = [wellFormed],
            ["a timestamp that is not a number"] = [$"{SlackHeaders.RequestTimestamp}: yesterday", wellFormed],
            ["a timestamp six minutes old"] = [Stamp(now - 360), wellFormed],
            ["a timestamp six minutes ahead"] = [Stamp(now + 360), wellFormed],
            ["a signature without v0="] = [Stamp(now), $"{SlackHeaders.Signature}: {new string('a', 64)}"],
            ["a signature that is not hex"] = [Stamp(now), $"{SlackHeaders.Signature}: v0={new string('z', 64)}"],
            ["a signature too short"] = [Stamp(now), $"{SlackHeaders.Signature}: v0=abc"],
        };

        foreach (var (what, headers) in cases)
        {
            Assert.True(await AnsweredWithoutBodyAsync(slack.Host.Http.BaseAddress!, path, headers) == 401, $"{path} with {what}");
        }

        Assert.Empty(await slack.IncidentsAsync());
        Assert.Empty(await slack.InboundKeysAsync());
    }

    [Fact]
    public async Task A_teams_request_without_a_bearer_jwt_is_401_before_its_body_arrives()
    {
        await using var teams = await TeamsHost.StartAsync(false, BodyWaitsTenMinutes);
        var cases = new Dictionary<string, string[]>
        {
            ["no Authorization header"] = [],
            ["Basic credentials"] = ["Authorization: Basic dXNlcjpwYXNz"],
            ["Bearer and nothing"] = ["Authorization: Bearer "],
            ["a bearer token that is not a JWT"] = ["Authorization: Bearer not-a-jwt"],
            ["two tokens"] = ["Authorization: Bearer a.b.c d.e.f"],
        };

        foreach (var (what, headers) in cases)
        {
            Assert.True(await AnsweredWithoutBodyAsync(teams.Host.Http.BaseAddress!, "/api/messages", headers) == 401, what);
        }

        Assert.Empty(await teams.IncidentsAsync());
        Assert.Empty(await teams.InboundKeysAsync());
    }

    /// <summary>The status the host answered a request with, whose headers announce 1,000 bytes of body that are never sent.</summary>
    private static async Task<int?> AnsweredWithoutBodyAsync(Uri host, string path, string[] headers)
    {
        await using var connection = await RawConnection.OpenAsync(host);
        Assert.True(await connection.TrySendAsync(RawConnection.Head(path, [.. headers, "Content-Type: application/json", RawConnection.ContentLength(1000)])));
        using var guard = new CancellationTokenSource(AnswerGuard);
        return await connection.ReadStatusAsync(guard.Token);
    }
}
