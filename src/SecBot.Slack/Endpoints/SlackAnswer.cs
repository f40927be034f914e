using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SecBot.Slack.Responses;
using SecBot.Slack.WebApi;
using SecBot.Chat.Inbound;

namespace SecBot.Slack.Endpoints;

/// <summary>
/// What a Slack request is answered with, whichever transport brought it: a status and an optional JSON body. Over HTTP
/// it is the response (<see cref="ToResult"/>); over Socket Mode the body is the acknowledgement's <c>payload</c>, and a
/// failure (5xx) is not acknowledged, so Slack delivers the envelope again.
/// </summary>
internal sealed record SlackAnswer(int Status, string? Json)
{
    public static SlackAnswer Ok { get; } = new(StatusCodes.Status200OK, null);

    public bool IsFailure => Status >= StatusCodes.Status500InternalServerError;

    public static SlackAnswer Of<T>(T body, JsonTypeInfo<T> type, int status = StatusCodes.Status200OK) => new(status, JsonSerializer.Serialize(body, type));

    public static SlackAnswer Error(int status, string error) => Of(new ErrorBody(error), ErrorBody.JsonInfo, status);

    public IResult ToResult() => Json is null ? Results.StatusCode(Status) : Results.Text(Json, "application/json", Encoding.UTF8, Status);
}
