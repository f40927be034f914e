using System.Globalization;
using SecBot.Chat.Cards;
using SecBot.Chat.Tests.Support;
using SecBot.Domain.Incidents;
using SecBot.Storage.Tests.Support;

namespace SecBot.Chat.Tests.Conversation;

/// <summary>
/// A button names only an action and an incident; everything else is decided again on arrival. A stale or
/// forged press is refused with the reason, and the database is exactly as it was.
/// </summary>
public sealed class StaleButtonTests
{
    private static readonly (string, string)[] Summary = [(ActionIds.Inputs.Summary, "closing it")];

    private static async Task<ChatHarness> WithOneGeneralIncidentAsync(TemporaryDatabase db)
    {
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("sam", "Suspicious login on VPN");
        return chat;
    }

    [Fact]
    public async Task An_escalate_button_sent_at_a_level_the_incident_has_left_changes_nothing_so_two_presses_escalate_once()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithOneGeneralIncidentAsync(db);
        var first = await chat.PressAsync("maya", ActionIds.Escalate, "INC-1@L1");
        var before = await chat.CountsAsync();

        var second = await chat.PressAsync("maya", ActionIds.Escalate, "INC-1@L1");

        Assert.False(first.IsRefusal, first.Text);
        Assert.True(second.IsRefusal);
        Assert.Contains("INC-1 is already at L2, past the L1 this button was sent at", second.Text, StringComparison.Ordinal);
        Assert.Equal("L2", (await chat.IncidentAsync(1)).Level);
        Assert.Equal(before, await chat.CountsAsync());
    }

    [Theory]
    [InlineData(ActionIds.Acknowledge)]
    [InlineData(ActionIds.Escalate)]
    [InlineData(ActionIds.Resolve)]
    public async Task A_button_for_an_incident_that_does_not_exist_changes_nothing_and_says_so(string action)
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithOneGeneralIncidentAsync(db);
        var before = await chat.CountsAsync();

        var reply = await chat.PressAsync("maya", action, "INC-99", Summary);

        Assert.True(reply.IsRefusal);
        Assert.False(reply.UpdatesOriginal);
        Assert.StartsWith("There is no INC-99.", reply.Text, StringComparison.Ordinal);
        Assert.Equal(before, await chat.CountsAsync());
    }

    [Theory]
    [InlineData(ActionIds.Acknowledge, "INC-1 is already resolved (by {0} at Mon 2 Mar 09:00 UTC); nothing changed.")]
    [InlineData(ActionIds.Escalate, "INC-1 is resolved (by {0} at Mon 2 Mar 09:00 UTC); if it is back, declare a new incident: declare <title>")]
    [InlineData(ActionIds.Resolve, "INC-1 is already resolved (by {0} at Mon 2 Mar 09:00 UTC); nothing changed.")]
    public async Task A_button_on_a_resolved_incident_changes_nothing_and_says_it_is_resolved(string action, string why)
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithOneGeneralIncidentAsync(db);
        var resolver = await chat.FirstPagedAsync(1);
        Assert.False((await chat.SayAsync(resolver, "resolve INC-1 False positive")).IsRefusal);
        var before = await chat.CountsAsync();

        var reply = await chat.PressAsync("priya", action, "INC-1", Summary);

        Assert.True(reply.IsRefusal);
        Assert.Equal(string.Format(CultureInfo.InvariantCulture, why, chat.NameOf(resolver)), reply.Text);
        var incident = await chat.IncidentAsync(1);
        Assert.Equal((IncidentState.Resolved, "L1", "False positive"), (incident.State, incident.Level, incident.Summary));
        Assert.Equal(before, await chat.CountsAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("INC-")]
    [InlineData("INC-abc")]
    [InlineData("INC-0")]
    [InlineData("INC--1")]
    [InlineData("INC-99999999999999")]
    [InlineData("REV-1")]
    [InlineData("1")]
    [InlineData("INC-1; DROP TABLE incidents")]
    [InlineData("{\"incident\":1}")]
    public async Task A_button_whose_value_is_not_an_incident_id_changes_nothing_and_says_so(string value)
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithOneGeneralIncidentAsync(db);
        var before = await chat.CountsAsync();

        foreach (var action in new[] { ActionIds.Acknowledge, ActionIds.Escalate, ActionIds.Resolve })
        {
            var reply = await chat.PressAsync("maya", action, value, Summary);

            Assert.True(reply.IsRefusal);
            Assert.Contains("does not name an incident", reply.Text, StringComparison.Ordinal);
        }

        Assert.Equal(IncidentState.Open, (await chat.IncidentAsync(1)).State);
        Assert.Equal(before, await chat.CountsAsync());
    }

    [Theory]
    [InlineData("incident.delete")]
    [InlineData("incident.ack.v0")]
    [InlineData("")]
    public async Task A_button_with_an_unknown_action_id_changes_nothing_and_says_so(string action)
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithOneGeneralIncidentAsync(db);
        var before = await chat.CountsAsync();

        var reply = await chat.PressAsync("maya", action, "INC-1", Summary);

        Assert.True(reply.IsRefusal);
        Assert.Contains("not one SecBot knows", reply.Text, StringComparison.Ordinal);
        Assert.Equal(IncidentState.Open, (await chat.IncidentAsync(1)).State);
        Assert.Equal(before, await chat.CountsAsync());
    }

    [Fact]
    public async Task An_acknowledge_button_pressed_again_after_the_level_was_acknowledged_changes_nothing()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithOneGeneralIncidentAsync(db);
        var paged = await chat.FirstPagedAsync(1);
        Assert.False((await chat.PressAsync(paged, ActionIds.Acknowledge, "INC-1")).IsRefusal);
        var before = await chat.CountsAsync();

        var reply = await chat.PressAsync(await chat.FollowerOfAsync(1), ActionIds.Acknowledge, "INC-1");

        Assert.True(reply.IsRefusal);
        Assert.Equal($"INC-1 was already acknowledged at L1 by {chat.NameOf(paged)}.", reply.Text);
        Assert.Equal(paged, (await chat.IncidentAsync(1)).AcknowledgedBy);
        Assert.Equal(before, await chat.CountsAsync());
    }
}
