namespace SecBot.Slack.Payloads.Commands;

/// <summary>What a POST to the slash command URL carries: a command, or Slack's SSL check (slack-protocol.md §2).</summary>
public abstract record SlashCommandPayload;
