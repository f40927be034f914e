using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using SecBot.Storage.Delivery;
using Xunit.Abstractions;

namespace SecBot.Host.Tests.Fuzz;

/// <summary>
/// contract.md "Bad requests", under attack: every endpoint of <see cref="FuzzEndpoints.Active"/> gets its real seed bodies
/// spoiled a thousand ways (truncated, wrong types, huge strings, invalid UTF-8, missing fields, repeated keys, deep
/// nesting, wrong content types), each one authenticated as its genuine sender would (signed, or with a valid token), a few
/// at a time. Every answer is 2xx or 4xx, never 5xx or a dropped connection; a request refused (4xx) writes no row in any
/// table, shown by sending every refused one again between two counts of every table; and the host still serves a real
/// request afterwards. The run is the same every time (a fixed seed per endpoint).
/// </summary>
public sealed class HttpFuzzTests(FuzzHost host, ITestOutputHelper output) : IClassFixture<FuzzHost>
{
    private const int AtOnce = 8;

    // The replies to the accepted requests go out through the outbox, one conversation at a time, before rows are counted.
    private static readonly TimeSpan Drain = TimeSpan.FromMinutes(3);

    public static TheoryData<string> Endpoints() => new(FuzzEndpoints.Active.Select(e => e.Path));

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Every_spoiled_request_is_answered_2xx_or_4xx_a_refused_one_writes_nothing_and_the_host_still_serves(string path)
    {
        var endpoint = FuzzEndpoints.Active.Single(e => e.Path == path);
        var requests = FuzzCorpus.For(endpoint, endpoint.Seeds(host));

        var first = await SendAllAsync(endpoint, requests);
        output.WriteLine($"{endpoint}: {requests.Count} requests, " + string.Join(", ", first.Values.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{g.Count()} × {g.Key}")));

        Assert.True(first.Values.All(IsAnswered), Report("answered neither 2xx nor 4xx", requests, first, s => !IsAnswered(s)));
        Assert.Contains(first.Values, s => s is >= 200 and < 300);
        if (endpoint.ReadsItsBody) Assert.Contains(first.Values, s => s is >= 400 and < 500);

        var refused = requests.Where(r => first[r.Number] is >= 400 and < 500).ToList();
        await DrainAsync();
        var before = await host.Teams.RowCountsAsync();
        var again = await SendAllAsync(endpoint, refused);
        await DrainAsync();
        var after = await host.Teams.RowCountsAsync();

        Assert.True(again.Values.All(s => s is >= 400 and < 500), Report("was refused, then accepted when sent again", refused, again, s => s is < 400 or >= 500));
        Assert.Equal(before, after);

        await endpoint.ServesARealRequestAsync(host);
        using var health = await host.Host.Http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    // Waits until every reply is out; if some never go, names them.
    private async Task DrainAsync()
    {
        try
        {
            await host.Teams.WaitForOutboxDrainedAsync(Drain);
        }
        catch (TimeoutException e)
        {
            var stuck = (await host.Teams.OutboxEntriesAsync()).Where(m => m.State == OutboxState.Pending).Take(8);
            throw new TimeoutException(e.Message + ":\n" + string.Join('\n', stuck.Select(m =>
                $"#{m.Id} {m.Kind} to {m.ChannelKey}, {m.Attempts} attempts, next at {m.NextAttemptAt:O}, last error {m.LastError}: {m.Payload[..Math.Min(300, m.Payload.Length)]}")), e);
        }
    }

    // Status by request number; 0 when the connection failed instead of answering.
    private async Task<IReadOnlyDictionary<int, int>> SendAllAsync(FuzzEndpoint endpoint, IReadOnlyList<FuzzRequest> requests)
    {
        var statuses = new ConcurrentDictionary<int, int>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = AtOnce }, async (request, _) =>
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint.Path, UriKind.Relative)) { Content = new ByteArrayContent(request.Body) };
            if (request.ContentType is { } contentType) message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            endpoint.Authenticate(host, message, request.Body);
            try
            {
                using var response = await host.Host.Http.SendAsync(message);
                statuses[request.Number] = (int)response.StatusCode;
            }
            catch (HttpRequestException)
            {
                statuses[request.Number] = 0;
            }
        });
        return statuses;
    }

    private static bool IsAnswered(int status) => status is (>= 200 and < 300) or (>= 400 and < 500);

    private static string Report(string what, IReadOnlyList<FuzzRequest> requests, IReadOnlyDictionary<int, int> statuses, Func<int, bool> failed)
    {
        var failures = requests.Where(r => failed(statuses[r.Number])).ToList();
        return $"{failures.Count} of {requests.Count} requests {what}:\n" + string.Join('\n', failures.Take(8).Select(r => $"{statuses[r.Number]} {r}"));
    }
}
