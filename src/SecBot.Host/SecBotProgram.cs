using SecBot.Host.Configuration;
using SecBot.Host.Terminal;
using SecBot.Host.Health;

namespace SecBot.Host;

/// <summary>Command-line entry: serve (default) or one of the operator verbs.</summary>
public static class SecBotProgram
{
    public static async Task<int> RunAsync(string[] args, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);

        if (args.Length > 0 && args[0] == "healthcheck")
            return await HealthProbe.RunAsync(args.Length > 1 ? args[1] : "http://localhost:5080/healthz", error);
        if (args.Length > 0 && args[0] == "ledger") return await Ledger.LedgerCommand.RunAsync(args[1..], Console.Out, error);
        if (args.Length > 0 && args[0] == "report") return await Reports.ReportCommandLine.RunAsync(args[1..], Console.Out, error);
        if (args.Length > 0 && args[0] == "migrate-to-postgres") return await Transfer.MigrateToPostgresCommand.RunAsync(args[1..], Console.Out, error);

        try
        {
            if (args.Length > 0 && args[0] == "console") return await LocalConsole.RunAsync(args[1..], Console.In, Console.Out, error, interactive: !Console.IsInputRedirected);

            await using var app = await SecBotApp.CreateAsync(args);
            await app.RunAsync();
            return 0;
        }
        catch (Exception e) when (StartupFailure.Describe(e) is { } message)
        {
            await error.WriteLineAsync("SecBot cannot start: invalid configuration");
            await error.WriteLineAsync(message);
            return 2;
        }
    }
}
