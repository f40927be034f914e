namespace SecBot.Slack.Payloads.Commands;

/// <summary><c>ssl_check=1</c>: answer 200 with an empty body and do nothing else (slack-protocol.md §2).</summary>
public sealed record SlashCommandSslCheck : SlashCommandPayload;
