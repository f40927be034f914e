using SecBot.Chat.Cards;
using SecBot.Chat.Conversation;

namespace SecBot.Chat.Tests.Conversation;

/// <summary>Where an answer goes, decided once for every platform.</summary>
public sealed class ReplyRoutingTests
{
    private static readonly Card Status = new() { Title = "INC-1" };

    [Fact]
    public void A_press_whose_answer_asks_to_update_its_message_with_a_card_updates_it_in_place()
    {
        var reply = ChatReply.Public("INC-1: acknowledged", Status) with { UpdatesOriginal = true };

        Assert.Equal(ReplyRoute.UpdateOriginal, ReplyRouting.AfterButton(reply));
        Assert.Equal(ReplyRoute.Public, ReplyRouting.For(reply));
    }

    [Fact]
    public void A_refused_press_is_answered_privately_and_leaves_its_message_alone()
    {
        Assert.Equal(ReplyRoute.Private, ReplyRouting.AfterButton(ChatReply.Refusal("INC-1 is already resolved.")));
    }

    [Fact]
    public void Without_a_card_there_is_nothing_to_update_in_place()
    {
        Assert.Equal(ReplyRoute.Public, ReplyRouting.AfterButton(ChatReply.Public("INC-1 declared.") with { UpdatesOriginal = true }));
    }

    [Fact]
    public void A_public_answer_is_posted_and_a_private_one_or_a_refusal_goes_to_the_caller_only()
    {
        Assert.Equal(ReplyRoute.Public, ReplyRouting.For(ChatReply.Public("INC-1 declared.", Status)));
        Assert.Equal(ReplyRoute.Private, ReplyRouting.For(ChatReply.Private("Nothing is waiting on you.")));
        Assert.Equal(ReplyRoute.Private, ReplyRouting.For(ChatReply.Public("x") with { IsRefusal = true }));
    }
}
