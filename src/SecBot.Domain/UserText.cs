using System.Text;

namespace SecBot.Domain;

/// <summary>
/// Text people typed (a summary, a reason, a comment), placed inside a sentence SecBot writes. Every run of white
/// space, line breaks (<c>\n</c>, U+2028, …) and control characters becomes one space, so the user's words stay on
/// the sentence's line and can never start a line of their own that looks like SecBot's. What is stored (the ledger,
/// the incident's summary) keeps the text exactly as given; only the sentences are built from this.
/// </summary>
public static class UserText
{
    public static string OneLine(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace && builder.Length > 0) builder.Append(' ');
            pendingSpace = false;
            builder.Append(c);
        }

        return builder.ToString();
    }
}
