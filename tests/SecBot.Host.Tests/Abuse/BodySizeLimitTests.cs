using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using SecBot.Chat.Telemetry;
using SecBot.Host.Tests.Slack;
using SecBot.Host.Tests.Teams;
using SecBot.Slack.Verification;

namespace SecBot.Host.Tests.Abuse;

/// <summary>
/// A body over 1 MiB is answered 413 with a JSON <c>{"error":…}</c> on every endpoint, including one mapped after the
/// host's own: refused at once when its length is declared, and cut off as it grows past 1 MiB when it is chunked. Each
/// is counted as refused (<c>secbot.requests.refused</c>, cause <c>body-too-large</c>).
/// </summary>
public sealed class BodySizeLimitTests
{
    private const int OverLimit = 1024 * 1024 + 1024;
    private static readonly TimeSpan AnswerGuard = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_chunked_slack_body_growing_past_1_MiB_is_413_with_a_json_error()
    {
        await using var slack = await SlackHost.StartAsync();
        var stamp = slack.Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        // Well-formed signing headers, so the body is read; it is cut off long before the signature could be checked.
        string[] signed = [$"{SlackHeaders.RequestTimestamp}: {stamp}", $"{SlackHeaders.Signature}: v0={new string('a', 64)}"];

        foreach (var path in new[] { "/slack/event", "/slack/command", "/slack/action" })
        {
            var answer = await SendChunkedAsync(slack.Host.Http.BaseAddress!, path, signed);

            AssertTooLarge(answer, path);
        }

        Assert.Empty(await slack.IncidentsAsync());
    }

    [Fact]
    public async Task A_chunked_teams_body_growing_past_1_MiB_is_413_with_a_json_error()
    {
        await using var teams = await TeamsHost.StartAsync();
        var token = teams.Identity.BotFrameworkToken(TeamsHost.AppId, teams.ServiceUrl, teams.Now);

        var answer = await SendChunkedAsync(teams.Host.Http.BaseAddress!, "/api/messages", [$"Authorization: Bearer {token}"]);

        AssertTooLarge(answer, "/api/messages");
        Assert.Empty(await teams.IncidentsAsync());
    }

    [Fact]
    public async Task An_endpoint_mapped_after_the_hosts_own_refuses_a_body_over_1_MiB_too_and_each_refusal_is_counted()
    {
        using var dir = new TempDirectory();
        await using var app = await SecBotApp.CreateAsync(["--urls", "http://127.0.0.1:0", $"--SecBot:Database:Path={dir.File("secbot.db")}"], PolicyFile.WriteCopy(dir));
        var reached = 0;
        app.MapPost("/later/json", (JsonObject body) => Results.Ok(Interlocked.Increment(ref reached)));
        app.MapPost("/later/raw", async (HttpRequest request) =>
        {
            await request.Body.CopyToAsync(Stream.Null);
            return Results.Ok(Interlocked.Increment(ref reached));
        });
        using var refusals = new MetricCollector<long>(app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), SecBotMeter.Name, "secbot.requests.refused");
        await app.StartAsync();
        var host = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

        var answers = new List<(string What, string Answer)>();
        foreach (var path in new[] { "/later/json", "/later/raw", "/healthz", "/not-mapped" })
        {
            answers.Add(($"chunked to {path}", await SendChunkedAsync(host, path, [])));
            answers.Add(($"2 MiB declared to {path}", await SendDeclaredAsync(host, path, 2 * 1024 * 1024)));
        }

        // Chunked bodies no endpoint reads (a health check, an unknown path) are never read past the limit: nothing held.
        foreach (var (what, answer) in answers.Where(a => !a.What.StartsWith("chunked to /healthz", StringComparison.Ordinal) && !a.What.StartsWith("chunked to /not-mapped", StringComparison.Ordinal)))
        {
            AssertTooLarge(answer, what);
        }

        Assert.Equal(0, reached);
        Assert.Equal(6, refusals.GetMeasurementSnapshot().Where(m => Equals(m.Tags["cause"], "body-too-large")).Sum(m => m.Value));
        await app.StopAsync();
    }

    private static void AssertTooLarge(string answer, string what)
    {
        Assert.True(answer.StartsWith("HTTP/1.1 413 ", StringComparison.Ordinal), $"{what}: {Head(answer)}");
        Assert.True(answer.Contains("\"error\":\"body is over 1 MiB\"", StringComparison.Ordinal), $"{what}: {answer[..Math.Min(answer.Length, 600)]}");
    }

    private static string Head(string answer) => answer.Split("\r\n\r\n")[0];

    /// <summary>
    /// A chunked body of just over 1 MiB, sent whole, then the answer read to its end. Nothing more is sent, so the
    /// connection is never reset under an answer still in flight.
    /// </summary>
    private static async Task<string> SendChunkedAsync(Uri host, string path, string[] headers)
    {
        await using var connection = await RawConnection.OpenAsync(host);
        await connection.TrySendAsync(RawConnection.Head(path, [.. headers, "Content-Type: application/json", "Transfer-Encoding: chunked", "Connection: close"]));
        // One JSON string that never ends, so a JSON reader keeps reading instead of stopping at a syntax error.
        var chunk = "{\"pad\":\"" + new string('a', 16 * 1024 - 8);
        for (var sent = 0; sent < OverLimit; sent += chunk.Length)
        {
            if (!await connection.TrySendAsync($"{chunk.Length.ToString("x", CultureInfo.InvariantCulture)}\r\n{chunk}\r\n")) break;
            chunk = new string('a', 16 * 1024);
        }

        using var guard = new CancellationTokenSource(AnswerGuard);
        // An endpoint that reads nothing answers before the body ends; the final chunk then completes the request.
        await connection.TrySendAsync("0\r\n\r\n");
        return await connection.ReadToEndAsync(guard.Token);
    }

    /// <summary>Headers declaring <paramref name="bytes"/> of body and none of it sent: refused from the declaration alone.</summary>
    private static async Task<string> SendDeclaredAsync(Uri host, string path, long bytes)
    {
        await using var connection = await RawConnection.OpenAsync(host);
        await connection.TrySendAsync(RawConnection.Head(path, ["Content-Type: application/json", RawConnection.ContentLength(bytes), "Connection: close"]));
        using var guard = new CancellationTokenSource(AnswerGuard);
        return await connection.ReadToEndAsync(guard.Token);
    }
}
