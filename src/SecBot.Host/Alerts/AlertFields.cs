using SecBot.Domain;
using SecBot.Domain.Incidents;

namespace SecBot.Host.Alerts;

/// <summary>What both parsers ask of a sender's fields: one-line text of a bounded length, and links SecBot may show.</summary>
internal static class AlertFields
{
    public const int MaxDedupKey = 255;
    public const int MaxSummary = 1024;
    public const int MaxDetails = 600;
    public const int MaxLinks = 10;
    public const int MaxUrl = 2048;

    public static readonly IReadOnlyList<string> Severities = ["critical", "error", "warning", "info"];

    /// <summary>One line, cut to <paramref name="max"/> characters with an ellipsis.</summary>
    public static string Line(string? text, int max)
    {
        var line = UserText.OneLine(text);
        return line.Length <= max ? line : line[..(max - 1)] + "…";
    }

    /// <summary>An absolute http(s) URL, the only kind put on a card: never <c>javascript:</c> or a relative path.</summary>
    public static bool IsWebUrl(string? url) =>
        url is { Length: > 0 and <= MaxUrl }
        && Uri.TryCreate(url, UriKind.Absolute, out var parsed)
        && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps)
        && !url.Any(char.IsWhiteSpace);

    public static IncidentLink Link(string? text, string fallback, string url) => new(Line(string.IsNullOrWhiteSpace(text) ? fallback : text, 80), url);

    /// <summary>The field a JSON error is about (<c>payload.summary</c>); null when the body itself is not JSON.</summary>
    public static string? WhereUnreadable(System.Text.Json.JsonException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var field = e.Path?.TrimStart('$', '.');
        return string.IsNullOrEmpty(field) ? null : Line(field, 120);
    }

    public static string? Severity(string? value) =>
        value is null ? null : Severities.FirstOrDefault(s => s.Equals(value.Trim(), StringComparison.OrdinalIgnoreCase));
}
