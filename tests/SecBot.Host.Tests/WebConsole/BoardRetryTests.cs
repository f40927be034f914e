using System.Net;
using SecBot.Chat.Tests.Support;
using SecBot.Storage.Delivery;
using SecBot.Storage.Timers;
using SecBot.Testing.Slack;
using static SecBot.Host.Tests.WebConsole.BoardMarkup;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Host.Tests.WebConsole;

/// <summary>
/// The board's Retry: dead letters listed with their MSG-n, re-queued by a team manager through chat's own <c>retry</c>
/// (timeline and requeues table), refused for anyone else with nothing changed, and bad input answered 400.
/// </summary>
public sealed class BoardRetryTests
{
    [Fact]
    public async Task A_dead_letter_is_listed_and_a_manager_retries_it_while_a_non_manager_is_refused_and_changes_nothing()
    {
        await using var board = await BoardHost.StartAsync(s => s.Script("chat.postMessage", FakeResponse.Error("invalid_auth"), FakeResponse.Error("invalid_auth")));
        using var declared = await board.Slack.CommandAsync("declare Suspicious login");
        Assert.Equal(2, (await board.WaitForOutboxDrainedAsync()).Dead);
        var dead = (await board.OutboxEntriesAsync()).Where(e => e.State == OutboxState.Dead).ToList();
        var roster = board.Services.GetRequiredService<RosterModel>();
        var now = board.Slack.Now;
        var manager = roster.People.First(p => roster.IsManager(p.Id, now));
        var notManager = roster.People.First(p => !roster.IsManager(p.Id, now));

        var listed = Section(await board.BoardAsync(), "dead-letters");
        Assert.Contains("Undelivered messages (2)", listed, StringComparison.Ordinal);
        Assert.All(dead, d => Assert.Contains($"<button type=\"button\" data-retry=\"MSG-{d.Id}\">Retry</button>", listed, StringComparison.Ordinal));
        Assert.Contains("chat.postMessage: invalid_auth", listed, StringComparison.Ordinal);
        var target = $"MSG-{dead[0].Id}";

        var (refused, refusal) = await board.RetryAsync(("as", notManager.Id), ("target", target));
        using (refused)
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.False((bool)refusal["ok"]!);
            Assert.StartsWith("Only a ", (string?)refusal["text"], StringComparison.Ordinal);
        }

        Assert.Empty(await board.Store.RequeuesAsync());
        Assert.Equal(2, (await board.OutboxEntriesAsync()).Count(e => e.State == OutboxState.Dead));
        Assert.DoesNotContain(await board.Store.IncidentTimelineAsync(1), e => e.Kind == SubjectTimeline.Requeued);

        var (retried, answer) = await board.RetryAsync(("as", manager.Id), ("target", target));
        using (retried)
        {
            Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
            Assert.True((bool)answer["ok"]!);
            Assert.StartsWith($"{target} is re-queued", (string?)answer["text"], StringComparison.Ordinal);
        }

        await board.WaitForOutboxDrainedAsync();
        Assert.Equal(OutboxState.Sent, (await board.OutboxEntriesAsync()).Single(e => e.Id == dead[0].Id).State);
        var requeue = Assert.Single(await board.Store.RequeuesAsync());
        Assert.Equal((manager.Id, dead[0].Id, "INC-1"), (requeue.Actor, requeue.TargetId, requeue.Subject));
        var note = Assert.Single(await board.Store.IncidentTimelineAsync(1), e => e.Kind == SubjectTimeline.Requeued);
        Assert.Equal(manager.Id, note.Actor);
        Assert.StartsWith($"{manager.Name} re-queued {target}", note.Detail, StringComparison.Ordinal);
        Assert.Contains("Undelivered messages (1)", Section(await board.BoardAsync(), "dead-letters"), StringComparison.Ordinal);

        // Re-queued already: the same button again is refused as nothing to retry.
        var (again, _) = await board.RetryAsync(("as", manager.Id), ("target", target));
        using (again) Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Single(await board.Store.RequeuesAsync());
    }

    [Theory]
    [InlineData(null, "MSG-1", "'as'")]
    [InlineData("", "MSG-1", "'as'")]
    [InlineData("nobody-here", "MSG-1", "'as' names nobody on the roster")]
    [InlineData("PERSON", null, "'target'")]
    [InlineData("PERSON", "INC-1", "'target' is not a retry id")]
    [InlineData("PERSON", "MSG-0", "'target' is not a retry id")]
    public async Task Missing_or_unknown_fields_are_answered_400_naming_the_field_and_change_nothing(string? who, string? target, string problem)
    {
        await using var board = await BoardHost.StartAsync();
        var roster = board.Services.GetRequiredService<RosterModel>();
        var manager = roster.People.First(p => roster.IsManager(p.Id, board.Slack.Now));
        var fields = new List<(string, string)>();
        if (who is not null) fields.Add(("as", who == "PERSON" ? manager.Id : who));
        if (target is not null) fields.Add(("target", target));

        var (response, body) = await board.RetryAsync([.. fields]);

        using (response)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(problem, (string?)body["error"], StringComparison.Ordinal);
            Assert.Contains("Usage: POST /board/retry with the fields as=<roster person id> and target=MSG-n|TMR-n", (string?)body["error"], StringComparison.Ordinal);
        }

        Assert.Empty(await board.Store.RequeuesAsync());
    }

    [Theory]
    [InlineData("{\"as\": 1, \"target\": \"MSG-1\"}", "application/json", "must be a string")]
    [InlineData("{not json", "application/json", "not valid JSON")]
    [InlineData("[]", "application/json", "JSON object")]
    [InlineData("as=x", "text/plain", "as a form")]
    [InlineData("--cut\r\nContent-Disposition: form-data; name=\"as\"\r\n\r\nma", "multipart/form-data; boundary=cut", "could not be read")]
    public async Task A_body_that_cannot_be_read_is_answered_400(string body, string contentType, string problem)
    {
        await using var board = await BoardHost.StartAsync();

        var content = new StringContent(body, System.Text.Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        var (response, answer) = await board.PostRetryAsync(content);

        using (response)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(problem, (string?)answer["error"], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_JSON_body_retries_as_a_form_does()
    {
        await using var board = await BoardHost.StartAsync(s => s.Script("chat.postMessage", FakeResponse.Error("invalid_auth"), FakeResponse.Error("invalid_auth")));
        using var declared = await board.Slack.CommandAsync("declare Suspicious login");
        await board.WaitForOutboxDrainedAsync();
        var dead = (await board.OutboxEntriesAsync()).First(e => e.State == OutboxState.Dead);
        var roster = board.Services.GetRequiredService<RosterModel>();
        var manager = roster.People.First(p => roster.IsManager(p.Id, board.Slack.Now));

        var (response, answer) = await board.PostRetryAsync(
            new StringContent($"{{\"as\":\"{manager.Id}\",\"target\":\"msg-{dead.Id}\"}}", System.Text.Encoding.UTF8, "application/json"));

        using (response) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((bool)answer["ok"]!);
        Assert.Single(await board.Store.RequeuesAsync());
    }
}
