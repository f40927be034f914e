namespace SecBot.Host.Health;

/// <summary>The container HEALTHCHECK: the runtime image has no curl, so the binary probes itself.</summary>
public static class HealthProbe
{
    public static async Task<int> RunAsync(string url, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(new Uri(url));
            if (response.IsSuccessStatusCode) return 0;
            await error.WriteLineAsync($"{url} answered {(int)response.StatusCode}");
            return 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            await error.WriteLineAsync($"{url} unreachable: {e.Message}");
            return 1;
        }
    }
}
