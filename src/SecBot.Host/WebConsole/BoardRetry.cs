using System.Text.Json;
using SecBot.Chat.Delivery;
using SecBot.Chat.Ids;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Host.WebConsole;

/// <summary>
/// <c>POST /board/retry</c> (form or JSON fields <c>as</c>, a roster person id, and <c>target</c>, <c>MSG-n</c> or
/// <c>TMR-n</c>): the chat command <c>retry MSG-n|TMR-n</c> as that person, through <see cref="RetryCommands"/>, so only a
/// team manager may, it is noted on the timeline and in the requeues table as chat's is, and a refusal changes nothing.
/// 200 when re-queued, 403 for someone who may not, 409 for something that is not waiting to be retried, 400 naming
/// the field for bad input.
/// </summary>
public sealed partial class BoardRetry(RetryCommands retries, RosterModel roster, TimeProvider time, ILogger<BoardRetry> logger)
{
    public const string Usage = "POST /board/retry with the fields as=<roster person id> and target=MSG-n|TMR-n";

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (fields, unreadable) = await ReadFieldsAsync(request, cancellationToken);
        if (unreadable is not null) return BadRequest(unreadable);

        var personId = fields.GetValueOrDefault("as")?.Trim();
        var target = fields.GetValueOrDefault("target")?.Trim();
        if (string.IsNullOrEmpty(personId)) return BadRequest("The field 'as' (who retries, a roster person id) is missing.");
        if (string.IsNullOrEmpty(target)) return BadRequest("The field 'target' (MSG-n or TMR-n) is missing.");
        if (roster.PersonById(personId) is not { } caller) return BadRequest($"'as' names nobody on the roster: '{personId}'.");
        if (!RetryId.TryParse(target, out var id)) return BadRequest($"'target' is not a retry id: '{target}'; ids look like MSG-12 or TMR-4.");

        var reply = await retries.RetryAsync(caller, id, cancellationToken);
        if (!reply.IsRefusal)
        {
            LogRetried(logger, id.ToString(), caller.Id);
            return Results.Json(new BoardRetryAnswer(true, reply.Text));
        }

        LogRefused(logger, id.ToString(), caller.Id);
        // RetryCommands decides in its transaction; this only picks the status code for the refusal it gave.
        var status = roster.IsManager(caller.Id, time.GetUtcNow()) ? StatusCodes.Status409Conflict : StatusCodes.Status403Forbidden;
        return Results.Json(new BoardRetryAnswer(false, reply.Text), statusCode: status);
    }

    private static IResult BadRequest(string problem) => ConsoleAccess.Refuse(StatusCodes.Status400BadRequest, $"{problem}\nUsage: {Usage}");

    /// <summary>The posted fields, from a form or a JSON object of strings; or why they cannot be read.</summary>
    private static async Task<(Dictionary<string, string?> Fields, string? Problem)> ReadFieldsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is InvalidDataException or IOException or BadHttpRequestException)
            {
                return (fields, "The form could not be read.");
            }

            foreach (var (key, value) in form) fields[key] = value.ToString();
            return (fields, null);
        }

        if (request.HasJsonContentType())
        {
            try
            {
                using var json = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
                if (json.RootElement.ValueKind != JsonValueKind.Object) return (fields, "The body must be a JSON object.");
                foreach (var property in json.RootElement.EnumerateObject())
                {
                    if (property.Value.ValueKind != JsonValueKind.String) return (fields, $"The field '{property.Name}' must be a string.");
                    fields[property.Name] = property.Value.GetString();
                }
            }
            catch (JsonException)
            {
                return (fields, "The body is not valid JSON.");
            }

            return (fields, null);
        }

        return (fields, "Send the fields as a form (application/x-www-form-urlencoded) or as a JSON object.");
    }

    [LoggerMessage(EventId = 1320, Level = LogLevel.Information, Message = "{Target} re-queued from the board by {PersonId}")]
    private static partial void LogRetried(ILogger logger, string target, string personId);

    [LoggerMessage(EventId = 1322, Level = LogLevel.Information, Message = "Retry of {Target} from the board by {PersonId} was refused")]
    private static partial void LogRefused(ILogger logger, string target, string personId);
}

/// <summary>What <c>POST /board/retry</c> answers: whether it was re-queued, and the words chat's <c>retry</c> would say.</summary>
public sealed record BoardRetryAnswer(bool Ok, string Text);
