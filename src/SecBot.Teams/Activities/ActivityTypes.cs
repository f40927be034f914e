namespace SecBot.Teams.Activities;

/// <summary>The activity types and invoke names SecBot acts on; anything else is answered 200 and ignored (§5).</summary>
public static class ActivityTypes
{
    public const string Message = "message";
    public const string Invoke = "invoke";
    public const string ConversationUpdate = "conversationUpdate";

    /// <summary>The invoke <see cref="Activity.Name"/> of an <c>Action.Execute</c> click or refresh (§6).</summary>
    public const string AdaptiveCardAction = "adaptiveCard/action";
}
