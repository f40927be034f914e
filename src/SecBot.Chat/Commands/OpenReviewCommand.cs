namespace SecBot.Chat.Commands;

/// <summary><c>review &lt;gate-type&gt; &lt;title&gt;</c>. <paramref name="GateType"/> is the policy's canonical gate type id.</summary>
public sealed record OpenReviewCommand(string GateType, string Title) : ChatCommand;
