using System.Text.Encodings.Web;
using System.Text.Json;

namespace SecBot.Domain.Reviews;

/// <summary>
/// The comment of a gate's <see cref="LedgerDecisions.Opened"/> ledger row: the gate type and title as a JSON object
/// <c>{"type":"…","title":"…"}</c> (keys in that order, no whitespace), so the hash covers them and a verifier can
/// read the type back without guessing where free text ends. A gate opened for someone other than the person who
/// caused it (the postmortem a resolve opens for the incident's lead) adds <c>"requested_for":"&lt;person id&gt;"</c>:
/// the row's person is whoever acted, and the gate's requester is the person it was requested for.
/// </summary>
public static class GateOpening
{
    private const string TypeKey = "type";
    private const string TitleKey = "title";
    private const string RequestedForKey = "requested_for";

    // Titles stay readable in the ledger and its export: only what JSON itself requires is escaped.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Format(string type, string title, string? requestedFor = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(title);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString(TypeKey, type);
            json.WriteString(TitleKey, title);
            if (requestedFor is not null) json.WriteString(RequestedForKey, requestedFor);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The gate type an opened row's comment records; null when the comment is not in <see cref="Format"/>'s shape.</summary>
    public static string? TypeOf(string? comment) => Read(comment, TypeKey);

    /// <summary>Whom the gate was requested for, when not the person who opened it; else null.</summary>
    public static string? RequestedForOf(string? comment) => Read(comment, RequestedForKey);

    private static string? Read(string? comment, string key)
    {
        if (string.IsNullOrEmpty(comment)) return null;
        try
        {
            using var document = JsonDocument.Parse(comment);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(key, out var value)
                && value.ValueKind == JsonValueKind.String
                    ? value.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
