using System.Text.Json.Nodes;

namespace SecBot.Teams.Cards;

/// <summary>
/// The HTTP response body that answers an <c>adaptiveCard/action</c> invoke (teams-protocol.md §6; fixtures
/// <c>invoke-response.*</c>): a card that replaces the clicked one for the clicking user, a message shown to them, or an error.
/// </summary>
public static class InvokeResponses
{
    public const string MessageType = "application/vnd.microsoft.activity.message";
    public const string ErrorType = "application/vnd.microsoft.error";

    /// <summary>The HTTP status an error response is sent with (its body's <c>statusCode</c> too).</summary>
    public const int ErrorStatusCode = 400;

    public const string BadRequestCode = "BadRequest";
    public const string NotSupportedCode = "NotSupported";

    public static JsonObject Card(JsonObject card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return new JsonObject { ["statusCode"] = 200, ["type"] = AdaptiveCardRenderer.ContentType, ["value"] = card };
    }

    /// <summary>A text shown to the clicking user; plain text, the card stays as it is.</summary>
    public static JsonObject Message(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new JsonObject { ["statusCode"] = 200, ["type"] = MessageType, ["value"] = text };
    }

    /// <summary>An error (<see cref="BadRequestCode"/> for a malformed or foreign action, <see cref="NotSupportedCode"/> for another kind).</summary>
    public static JsonObject Error(string code, string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentNullException.ThrowIfNull(message);
        return new JsonObject
        {
            ["statusCode"] = ErrorStatusCode,
            ["type"] = ErrorType,
            ["value"] = new JsonObject { ["code"] = code, ["message"] = message },
        };
    }
}
