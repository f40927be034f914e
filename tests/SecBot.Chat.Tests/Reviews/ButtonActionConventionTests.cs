using System.Reflection;
using SecBot.Chat.Cards;
using SecBot.Chat.Conversation;
using SecBot.Chat.Reviews;
using SecBot.Storage.Tests.Support;

namespace SecBot.Chat.Tests.Reviews;

/// <summary>Every button SecBot can render has a handler, and every gate card's buttons are among them.</summary>
public sealed class ButtonActionConventionTests
{
    private static IReadOnlyList<string> AllActionIds() =>
        [.. typeof(ActionIds)
            .GetFields(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)];

    [Fact]
    public void Every_action_id_is_handled_by_ButtonActions()
    {
        var ids = AllActionIds();

        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.Contains(id, ButtonActions.Handled));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Every_handled_action_reaches_its_handler_rather_than_the_unknown_button_answer()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        var unknown = (await chat.PressAsync("maya", "no.such.action", "INC-1")).Text;

        foreach (var id in ButtonActions.Handled)
        {
            var reply = await chat.PressAsync("maya", id, id.StartsWith("gate.", StringComparison.Ordinal) ? "REV-42" : "INC-42");
            Assert.True(reply.IsRefusal, id);
            Assert.NotEqual(unknown, reply.Text);
        }
    }

    [Fact]
    public void Gate_cards_only_carry_handled_buttons_with_a_value_that_parses_back_to_the_gate()
    {
        var policy = Support.ChatHarness.ShippedPolicy();
        var cards = new ReviewCards(new Domain.Reviews.ReviewPolicy(policy.Reviews), Domain.Roster.Roster.From(policy.Roster));
        var gate = new Domain.Reviews.Gate
        {
            Number = 7, Type = "security-tool", Title = "Falco", RequestedBy = "diego", RequestedAt = TemporaryDatabase.Start,
            RequestedVia = "slack", State = Domain.Reviews.GateState.Open, Revision = 3, StageOpenedAt = TemporaryDatabase.Start,
        };

        var required = cards.RequiredButtons(gate, ["SecArch"]);
        var optional = cards.OptionalButtons(gate);

        Assert.All(required.Concat(optional), b =>
        {
            Assert.Contains(b.ActionId, ButtonActions.Handled);
            Assert.True(GateButtonValue.TryParse(b.Value, out var value));
            Assert.Equal((7L, (int?)3), (value.Number, value.Revision));
        });
        Assert.All(required, b => Assert.True(GateButtonValue.TryParse(b.Value, out var value) && value == new GateButtonValue(7, 3, 1, "SecArch")));
        Assert.All(optional, b => Assert.True(GateButtonValue.TryParse(b.Value, out var value) && value == new GateButtonValue(7, 3)));
    }
}
