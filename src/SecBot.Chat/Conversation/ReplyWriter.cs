using SecBot.Storage;

namespace SecBot.Chat.Conversation;

/// <summary>
/// Queues a command's answer in the outbox inside the command's write transaction (contract: outbound messages are
/// written in the same transaction as the state change). The platform adapter supplies it, because only the adapter
/// knows where the answer goes (the message a button was on, its response_url, the presser's DM). A refusal changes
/// nothing, so it is answered outside any transaction and never passes through here.
/// </summary>
public delegate Task ReplyWriter(StoreTransaction transaction, ChatReply reply);
