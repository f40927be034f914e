namespace SecBot.Chat.Delivery;

/// <summary>One message on one platform: the conversation (Slack channel, Teams conversation) and the message id in it.</summary>
public sealed record MessageRef(string Platform, string ConversationId, string MessageId);
