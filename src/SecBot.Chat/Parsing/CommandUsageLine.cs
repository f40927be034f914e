namespace SecBot.Chat.Parsing;

/// <summary>How to use one command: its word, its syntax and what it does.</summary>
public sealed record CommandUsageLine(string Command, string Syntax, string Summary)
{
    public string Text => $"{Syntax} — {Summary}";
}
