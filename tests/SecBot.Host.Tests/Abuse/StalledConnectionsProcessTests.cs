using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SecBot.Host.Tests.Replicas;
using SecBot.Host.Tests.Slack;
using SecBot.Slack.Verification;
using SecBot.Testing.Slack;
using Xunit.Abstractions;

namespace SecBot.Host.Tests.Abuse;

/// <summary>
/// The built host as its own process (its memory measured on its own): 100 connections that never finish their
/// headers, 100 whose body trickles in slower than the minimum rate and 100 that send part of a body fast and then stop
/// (which a minimum average rate alone would let hold their bytes for a minute) are all closed by the server within a
/// bound, while real requests keep being served, and the process' resident memory stays within a generous bound of
/// where it started. The limits are set short (<c>SecBot:Http</c>: 2 s, 2 s, 3 s) so the test need not wait for the
/// defaults; the bound is well below what Kestrel's own defaults would take (30 s for headers, a minute for the burst).
/// </summary>
public sealed class StalledConnectionsProcessTests(ITestOutputHelper output)
{
    private const int EachKind = 100;
    private static readonly TimeSpan ClosedWithin = TimeSpan.FromSeconds(20);
    private const int BurstBytes = 64 * 1024;
    private const long MemoryGrowthBound = 64L * 1024 * 1024;

    [Fact]
    public async Task Stalled_and_trickling_connections_are_closed_by_the_server_real_requests_are_served_and_memory_stays_bounded()
    {
        using var dir = new TempDirectory();
        await using var slack = await FakeSlackServer.StartAsync();
        await using var host = await ReplicaProcess.StartAsync("abuse", Environment(dir, slack));
        var signer = new SlackRequestVerifier(SlackHost.SigningSecret, TimeProvider.System);
        var baseAddress = host.Http.BaseAddress!;

        // Warm up every path the test then uses, so the baseline already holds what serving them costs.
        for (var i = 0; i < 20; i++)
        {
            using var warm = await DeclareAsync(host, signer, $"Warm-up {i}");
            using var unsigned = await host.Http.PostAsync(new Uri("/slack/event", UriKind.Relative), new StringContent("{}"));
        }

        var before = ResidentBytes(host.ProcessId);
        var opened = TimeProvider.System.GetTimestamp();
        var connections = new List<RawConnection>();
        var closedAfter = new List<Task<TimeSpan>>();
        using var trickleStop = new CancellationTokenSource();
        var trickles = new List<Task>();
        try
        {
            for (var i = 0; i < EachKind; i++)
            {
                var headers = await RawConnection.OpenAsync(baseAddress);
                connections.Add(headers);
                await headers.TrySendAsync(FloodPageTests.StalledHeaders());
                closedAfter.Add(ClosedAsync(headers, opened));

                var body = await RawConnection.OpenAsync(baseAddress);
                connections.Add(body);
                await body.TrySendAsync(FloodPageTests.StalledBody(TimeProvider.System.GetUtcNow()));
                closedAfter.Add(ClosedAsync(body, opened));
                trickles.Add(TrickleAsync(body, trickleStop.Token));

                var burst = await RawConnection.OpenAsync(baseAddress);
                connections.Add(burst);
                await burst.TrySendAsync(FloodPageTests.StalledBody(TimeProvider.System.GetUtcNow()) + new string('a', BurstBytes));
                closedAfter.Add(ClosedAsync(burst, opened));
            }

            // Served while every stalled connection is still open (their limits are seconds away).
            using var served = await DeclareAsync(host, signer, "Breach while stalled");
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            using var health = await host.Http.GetAsync(new Uri("/healthz", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            var peak = ResidentBytes(host.ProcessId);

            var all = Task.WhenAll(closedAfter);
            while (!all.IsCompleted)
            {
                peak = Math.Max(peak, ResidentBytes(host.ProcessId));
                await Task.WhenAny(all, Task.Delay(TimeSpan.FromMilliseconds(250), TimeProvider.System));
            }

            var closed = await all;
            var after = ResidentBytes(host.ProcessId);
            using var servedAfter = await DeclareAsync(host, signer, "Breach after");
            Assert.Equal(HttpStatusCode.OK, servedAfter.StatusCode);

            output.WriteLine($"RSS before {Mib(before)}, peak {Mib(peak)}, after {Mib(after)}; all {closed.Length} connections closed by the server within {closed.Max().TotalSeconds:0.0} s (median {closed.Order().ElementAt(closed.Length / 2).TotalSeconds:0.0} s)");
            Assert.True(closed.Max() <= ClosedWithin, $"the last connection closed after {closed.Max()}");
            Assert.True(peak - before <= MemoryGrowthBound, $"RSS grew from {Mib(before)} to a peak of {Mib(peak)}");
            Assert.False(host.HasExited);
        }
        finally
        {
            await trickleStop.CancelAsync();
            await Task.WhenAll(trickles);
            foreach (var connection in connections) await connection.DisposeAsync();
        }
    }

    private static Dictionary<string, string> Environment(TempDirectory dir, FakeSlackServer slack) => new()
    {
        ["SECBOT_SETTINGS"] = PolicyFile.WriteCopy(dir),
        ["Logging__LogLevel__Default"] = "Warning",
        ["SecBot__Database__Path"] = dir.File("secbot.db"),
        ["SecBot__Slack__SigningSecret"] = SlackHost.SigningSecret,
        ["SecBot__Slack__BotToken"] = "xoxb-test",
        ["SecBot__Slack__ApiBaseUrl"] = slack.ApiBase.ToString(),
        ["SecBot__Slack__IncidentsChannel"] = SlackHost.IncidentsChannel,
        ["SecBot__Slack__TeamId"] = SlackPayloads.TeamId,
        ["SecBot__Slack__AppId"] = SlackPayloads.AppId,
        ["SecBot__Http__RequestHeadersTimeout"] = "2s",
        ["SecBot__Http__MinDataRateGracePeriod"] = "2s",
        ["SecBot__Http__BodyReadTimeout"] = "3s",
    };

    /// <summary>How long after <paramref name="since"/> the server closed <paramref name="connection"/>; the test itself never closes it first.</summary>
    private static async Task<TimeSpan> ClosedAsync(RawConnection connection, long since)
    {
        using var guard = new CancellationTokenSource(ClosedWithin + TimeSpan.FromSeconds(30));
        await connection.WaitUntilClosedAsync(guard.Token);
        return TimeProvider.System.GetElapsedTime(since);
    }

    /// <summary>Two bytes a second, far below the minimum rate, until the server hangs up.</summary>
    private static async Task TrickleAsync(RawConnection connection, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested && await connection.TrySendAsync("a"))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System, stop);
            }
        }
        catch (OperationCanceledException)
        {
            // The test is over.
        }
        catch (ObjectDisposedException)
        {
            // Disposed after the server closed it.
        }
    }

    private static async Task<HttpResponseMessage> DeclareAsync(ReplicaProcess host, SlackRequestVerifier signer, string title)
    {
        var bytes = Encoding.UTF8.GetBytes(SlackPayloads.SlashCommand("declare " + title, "U0MAYA0001", "C0GENERAL"));
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/slack/command", UriKind.Relative)) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded");
        request.Headers.Add(SlackHeaders.RequestTimestamp, timestamp);
        request.Headers.Add(SlackHeaders.Signature, signer.Sign(timestamp, bytes));
        return await host.Http.SendAsync(request);
    }

    /// <summary>The process' resident set size (VmRSS in /proc), in bytes.</summary>
    private static long ResidentBytes(int processId)
    {
        var line = File.ReadLines($"/proc/{processId}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kib = line["VmRSS:".Length..].Trim().Split(' ')[0];
        return long.Parse(kib, CultureInfo.InvariantCulture) * 1024;
    }

    private static string Mib(long bytes) => $"{bytes / (1024.0 * 1024):0} MiB";
}
