using System.Globalization;

namespace SecBot.Bench;

/// <summary>The options every verb understands; a verb ignores those it has no use for.</summary>
public sealed record BenchOptions
{
    public const string Help =
        """
        options:
          --count N    declares (and bare incidents) per timed run            [declare: 20000, profile: 5000]
          --rounds R   timed rounds, declares and bare alternating             [5]
          --warmup W   discarded declares + bare incidents before the rounds   [5000]
          --concurrency C  declare: concurrent callers of the second declare run (the first is serial)  [16]
          --rates R1,R2,...  chat-load: the step rates (requests/s) after the 200/s run  [300,400,500,750,1000,1500,2000,3000]
          --transport T  chat-load: http (Slack), socket (Slack Socket Mode), teams, or several in turn in the same run:
                         a list (http,teams), both (http,socket) or all (http,socket,teams)  [http]
          --quick      a short smoke run: small counts, 1 round, short BenchmarkDotNet jobs (numbers not for the record)
        """;

    public int? Count { get; init; }
    public int Rounds { get; init; } = 5;
    public int Warmup { get; init; } = 5_000;
    public int Concurrency { get; init; } = 16;
    public bool Quick { get; init; }
    public IReadOnlyList<int>? Rates { get; init; }
    public IReadOnlyList<LoadTransport> Transports { get; init; } = [LoadTransport.Http];

    public static bool TryParse(ReadOnlySpan<string> args, out BenchOptions options, out string? problem)
    {
        options = new BenchOptions();
        problem = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    options = options with { Quick = true, Rounds = 1, Warmup = 200, Count = options.Count ?? 1_000 };
                    break;
                case "--count" or "--rounds" or "--warmup" or "--concurrency" when i + 1 < args.Length
                    && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0:
                    options = args[i] switch
                    {
                        "--count" => options with { Count = value },
                        "--rounds" => options with { Rounds = value },
                        "--concurrency" => options with { Concurrency = value },
                        _ => options with { Warmup = value },
                    };
                    i++;
                    break;
                case "--rates" when i + 1 < args.Length && ParseRates(args[i + 1]) is { } rates:
                    options = options with { Rates = rates };
                    i++;
                    break;
                case "--transport" when i + 1 < args.Length && ParseTransports(args[i + 1]) is { } transports:
                    options = options with { Transports = transports };
                    i++;
                    break;
                default:
                    problem = $"bad option '{args[i]}'";
                    return false;
            }
        }

        return true;
    }

    private static LoadTransport[]? ParseTransports(string text)
    {
        var transports = new List<LoadTransport>();
        foreach (var name in text.Split(','))
        {
            LoadTransport[]? named = name switch
            {
                "http" => [LoadTransport.Http],
                "socket" => [LoadTransport.Socket],
                "teams" => [LoadTransport.Teams],
                "both" => [LoadTransport.Http, LoadTransport.Socket],
                "all" => [LoadTransport.Http, LoadTransport.Socket, LoadTransport.Teams],
                _ => null,
            };
            if (named is null) return null;
            transports.AddRange(named);
        }

        return [.. transports];
    }

    private static int[]? ParseRates(string text)
    {
        var parts = text.Split(',');
        var rates = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out rates[i]) || rates[i] <= 0) return null;
        }

        return rates;
    }
}
