using System.Text.Encodings.Web;
using System.Text.Json;

namespace SecBot.Domain.Reviews;

/// <summary>
/// The comment of a gate's <see cref="LedgerDecisions.Opened"/> ledger row: the gate type and title as a JSON object
/// <c>{"type":"…","title":"…"}</c> (keys in that order, no whitespace), so the hash covers them and a verifier can
/// read the type back without guessing where free text ends.
/// </summary>
public static class GateOpening
{
    private const string TypeKey = "type";
    private const string TitleKey = "title";

    // Titles stay readable in the ledger and its export: only what JSON itself requires is escaped.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Format(string type, string title)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(title);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString(TypeKey, type);
            json.WriteString(TitleKey, title);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The gate type an opened row's comment records; null when the comment is not in <see cref="Format"/>'s shape.</summary>
    public static string? TypeOf(string? comment)
    {
        if (string.IsNullOrEmpty(comment)) return null;
        try
        {
            using var document = JsonDocument.Parse(comment);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(TypeKey, out var type)
                && type.ValueKind == JsonValueKind.String
                    ? type.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
