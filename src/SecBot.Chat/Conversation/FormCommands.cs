namespace SecBot.Chat.Conversation;

/// <summary>
/// Turns a submitted form back into the command it stands for, so the router handles it exactly like typed text,
/// whichever platform showed the form (a Slack modal, a Teams card form).
/// </summary>
public static class FormCommands
{
    /// <summary>A submitted form as command text; null for a form kind SecBot does not know.</summary>
    public static string? CommandText(string formKind, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return formKind switch
        {
            // Quoting keeps a title such as "level:L3 outage" a title, not an option (the tokenizer's quoted phrases).
            DeclareForm.Kind => string.Join(' ', new[]
            {
                "declare",
                Quote(values.GetValueOrDefault("title") ?? ""),
                Option("level", values.GetValueOrDefault("level")),
                Option("type", values.GetValueOrDefault("type")),
            }.Where(part => part.Length > 0)),
            _ => null,
        };
    }

    private static string Quote(string text)
    {
        text = text.Trim().ReplaceLineEndings(" ");
        if (text.AsSpan().IndexOfAny("\"\u201C\u201D\u201E") < 0) return $"\"{text}\"";
        if (text.AsSpan().IndexOfAny("\u00AB\u00BB") < 0) return $"\u00AB{text}\u00BB";
        return text;
    }

    private static string Option(string name, string? value) =>
        string.IsNullOrWhiteSpace(value) ? "" : $"{name}:{value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]}";
}
