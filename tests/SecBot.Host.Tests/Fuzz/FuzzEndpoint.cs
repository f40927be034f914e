namespace SecBot.Host.Tests.Fuzz;

/// <summary>
/// One row of the HTTP fuzz table: an endpoint, how a genuine sender authenticates to it (a Slack signature over the exact
/// body, a Bot Framework token, a Bearer key), the real bodies its mutations start from, and a real request it must still
/// serve after the fuzzing. <see cref="Fresh"/> gives each request new ids (event_id, trigger_id, activity id) so that the
/// endpoints' deduplication does not answer most of them as repeats without reading them.
/// </summary>
internal sealed record FuzzEndpoint(
    string Path,
    string ContentType,
    BodyShape Shape,
    Func<FuzzHost, IReadOnlyList<byte[]>> Seeds,
    Action<FuzzHost, HttpRequestMessage, byte[]> Authenticate,
    Func<FuzzHost, Task> ServesARealRequestAsync)
{
    /// <summary>The seed with ids no other request carries, for request number <c>n</c>.</summary>
    public Func<byte[], int, byte[]> Fresh { get; init; } = (body, _) => body;

    /// <summary>Whether some spoiled bodies must be refused; false for an endpoint that does not read its body.</summary>
    public bool ReadsItsBody { get; init; } = true;

    /// <summary>How many requests are sent: the seeds as they are, then mutations of them.</summary>
    public int Requests { get; init; } = 1_200;

    public override string ToString() => "POST " + Path;
}
