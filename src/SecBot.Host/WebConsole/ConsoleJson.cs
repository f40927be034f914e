using System.Text.Json;

namespace SecBot.Host.WebConsole;

/// <summary>Reads a console request's JSON body; a body that is not the expected JSON is answered 400 naming the problem, never 500.</summary>
internal static class ConsoleJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext http) where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(http.Request.Body, Options, http.RequestAborted);
            return value is null ? (null, BadBody("the body is JSON null")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, BadBody(e.Message));
        }
    }

    private static IResult BadBody(string why) =>
        ConsoleAccess.Refuse(StatusCodes.Status400BadRequest, $"The body must be a JSON object: {why}");
}
