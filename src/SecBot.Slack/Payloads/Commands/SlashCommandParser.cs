using SecBot.Chat.Inbound;

namespace SecBot.Slack.Payloads.Commands;

/// <summary>Parses a slash command body (<c>application/x-www-form-urlencoded</c>, slack-protocol.md §2).</summary>
public static class SlashCommandParser
{
    private static readonly string[] RequiredFields = ["command", "user_id", "channel_id", "trigger_id"];

    public static ParseResult<SlashCommandPayload> Parse(string formBody)
    {
        ArgumentNullException.ThrowIfNull(formBody);
        return Parse(FormFields.Parse(formBody));
    }

    /// <summary>The command's fields, from the HTTP form or a Socket Mode envelope's payload (the same names).</summary>
    public static ParseResult<SlashCommandPayload> Parse(IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.TryGetValue("ssl_check", out var sslCheck) && sslCheck == "1")
        {
            return ParseResult<SlashCommandPayload>.Success(new SlashCommandSslCheck());
        }

        foreach (var name in RequiredFields)
        {
            // Blank counts as missing: trigger_id is the command's deduplication key, and none of these means anything blank.
            if (string.IsNullOrWhiteSpace(fields.GetValueOrDefault(name)))
            {
                return ParseResult<SlashCommandPayload>.Failure($"slash command has no {name}");
            }
        }

        return ParseResult<SlashCommandPayload>.Success(new SlashCommand
        {
            Command = fields["command"],
            Text = fields.GetValueOrDefault("text", ""),
            UserId = fields["user_id"],
            ChannelId = fields["channel_id"],
            UserName = fields.GetValueOrDefault("user_name"),
            ChannelName = fields.GetValueOrDefault("channel_name"),
            TeamId = fields.GetValueOrDefault("team_id"),
            TeamDomain = fields.GetValueOrDefault("team_domain"),
            EnterpriseId = fields.GetValueOrDefault("enterprise_id"),
            EnterpriseName = fields.GetValueOrDefault("enterprise_name"),
            ApiAppId = fields.GetValueOrDefault("api_app_id"),
            IsEnterpriseInstall = fields.GetValueOrDefault("is_enterprise_install") == "true",
            ResponseUrl = fields.GetValueOrDefault("response_url"),
            TriggerId = fields["trigger_id"],
        });
    }
}
