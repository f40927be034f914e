using SecBot.Testing.Fuzz;

namespace SecBot.Host.Tests.Fuzz;

/// <summary>
/// The requests of one endpoint's run, the same on every run (a fixed seed per endpoint): each seed as it is, then
/// mutations of the seeds (<see cref="JsonMutator"/>, <see cref="FormMutator"/>), one in ten with a wrong content type.
/// A longer or different run, to look for more: <c>SECBOT_FUZZ_SCALE=4</c> sends four times as many requests,
/// <c>SECBOT_FUZZ_SEED=777</c> starts from another seed.
/// </summary>
internal static class FuzzCorpus
{
    private static readonly string?[] WrongContentTypes =
    [
        null, "text/plain", "application/xml", "multipart/form-data; boundary=x", "application/json; charset=utf-16",
        "application/x-www-form-urlencoded", "application/json", "*/*", "application/octet-stream",
    ];

    public static IReadOnlyList<FuzzRequest> For(FuzzEndpoint endpoint, IReadOnlyList<byte[]> seeds)
    {
        var random = new Random(StableSeed(Setting("SECBOT_FUZZ_SEED", 1515), endpoint.Path));
        var total = endpoint.Requests * Setting("SECBOT_FUZZ_SCALE", 1);
        var requests = new List<FuzzRequest>(total);
        for (var n = 0; n < total; n++)
        {
            var index = n < seeds.Count ? n : random.Next(seeds.Count);
            var seed = endpoint.Fresh(seeds[index], n);
            if (n < seeds.Count)
            {
                requests.Add(new FuzzRequest(n, seed, endpoint.ContentType, $"seed {index} as it is"));
                continue;
            }

            var (body, made) = Mutated(endpoint.Shape, seed, random);
            var contentType = random.Next(10) == 0 ? WrongContentTypes[random.Next(WrongContentTypes.Length)] : endpoint.ContentType;
            requests.Add(new FuzzRequest(n, body, contentType, $"{made} of seed {index}"));
        }

        return requests;
    }

    private static (byte[] Body, string Made) Mutated(BodyShape shape, byte[] seed, Random random)
    {
        if (shape == BodyShape.Form) return (FormMutator.Any(seed, random), "form mutation");
        var mutation = JsonMutator.All[random.Next(JsonMutator.All.Length)];
        return (JsonMutator.Apply(mutation, seed, random), mutation.ToString());
    }

    // string.GetHashCode differs between processes; a run must be repeatable.
    private static int StableSeed(int start, string text) => text.Aggregate(start, (hash, c) => unchecked((hash * 31) + c));

    private static int Setting(string name, int otherwise) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0 ? value : otherwise;
}
