using SecBot.Chat.Cards;
using SecBot.Chat.Conversation;
using SecBot.Storage.Tests.Support;

namespace SecBot.Chat.Tests.Reviews;

/// <summary>
/// Before a button's form opens, the presser's right to act is checked with a read (the press's own engine decision on
/// current state, with the form's inputs taken as given), so nobody fills in a form only to be refused on submit.
/// </summary>
public sealed class CheckBeforeFormTests
{
    private static async Task<ReviewHarness> WithHighRiskDeployAsync(TemporaryDatabase db)
    {
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("diego", "review high-risk-deploy Payments API v2");
        return chat;
    }

    [Theory]
    [InlineData(ActionIds.Approve, "approve")]
    [InlineData(ActionIds.Reject, "reject")]
    [InlineData(ActionIds.Comment, "comment on")]
    public async Task The_requester_pressing_a_reviewers_button_is_refused_before_any_form_and_nothing_is_written(string actionId, string verb)
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithHighRiskDeployAsync(db);
        var before = await chat.CountsAsync();

        var refusal = await chat.CheckAsync("diego", actionId, "REV-1@1/1/SecArch");

        Assert.NotNull(refusal);
        Assert.True(refusal.IsRefusal);
        Assert.Equal($"Separation of duties: you requested REV-1, so you cannot {verb} it; its reviewers sign it.", refusal.Text);
        Assert.Equal(before, await chat.CountsAsync());
    }

    [Theory]
    [InlineData(ActionIds.Approve)]
    [InlineData(ActionIds.Reject)]
    [InlineData(ActionIds.Comment)]
    public async Task A_reviewer_may_open_the_form(string actionId)
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithHighRiskDeployAsync(db);

        Assert.Null(await chat.CheckAsync("amara", actionId, "REV-1@1/1/SecArch"));
    }

    [Fact]
    public async Task A_button_of_a_closed_stage_is_refused_before_its_form()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("diego", "review new-microservice Payments API v2");
        await chat.PressOkAsync("amara", ActionIds.Approve, "REV-1@1/1/SecArch");

        var refusal = await chat.CheckAsync("amara", ActionIds.Reject, "REV-1@1/1/SecArch");

        Assert.StartsWith("That button is from the request for Stage 1", refusal?.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_who_reviews_nothing_on_the_gate_is_refused_before_the_objection_form()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("kenji", "review security-tool Falco");

        var refusal = await chat.CheckAsync("sam", ActionIds.Object, "REV-1@1");

        Assert.StartsWith("Only optional reviewers of REV-1", refusal?.Text, StringComparison.Ordinal);
        Assert.Null(await chat.CheckAsync("leo", ActionIds.Object, "REV-1@1"));
    }

    [Fact]
    public async Task Resolve_and_Escalate_are_checked_before_their_forms_too()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("maya", "declare Suspicious login");
        Assert.Null(await chat.CheckAsync("maya", ActionIds.Resolve, "INC-1"));
        await chat.DoAsync("maya", "resolve INC-1 false positive");
        var before = await chat.CountsAsync();

        var resolve = await chat.CheckAsync("maya", ActionIds.Resolve, "INC-1");
        var escalate = await chat.CheckAsync("maya", ActionIds.Escalate, "INC-1@L1");

        Assert.Equal("INC-1 is already resolved (by Maya Chen at Mon 2 Mar 09:00 UTC); nothing changed.", resolve?.Text);
        Assert.True(escalate?.IsRefusal);
        Assert.Equal(before, await chat.CountsAsync());
    }

    [Fact]
    public async Task Someone_not_on_the_roster_is_refused_before_any_form()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithHighRiskDeployAsync(db);

        var refusal = await chat.Router.CheckAsync(
            new ChatRequest(new ChatIdentity("slack", "U0STRANGER"), ChatPlace.Direct(), new ButtonInput(ActionIds.Approve, "REV-1@1", new Dictionary<string, string>())),
            CancellationToken.None);

        Assert.Equal(ChatRouter.UnknownPersonReply, refusal?.Text);
    }
}
