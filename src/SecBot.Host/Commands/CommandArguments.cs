namespace SecBot.Host.Commands;

/// <summary>The start every operator subcommand shares: <c>--help</c> prints the usage, bad arguments are named with it.</summary>
internal static class CommandArguments
{
    /// <summary>The parsed arguments, or null and the exit code to return: 0 after help, 2 after naming what is wrong.</summary>
    public static async Task<(T? Arguments, int Exit)> ReadAsync<T>(
        string command, string usage, string[] args, Func<IReadOnlyList<string>, (T? Arguments, string? Error)> parse, TextWriter output, TextWriter error)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args is ["--help" or "-h" or "help", ..])
        {
            await output.WriteLineAsync(usage);
            return (null, 0);
        }

        var (arguments, problem) = parse(args);
        if (arguments is not null) return (arguments, 0);
        await error.WriteLineAsync($"{command}: {problem}");
        await error.WriteLineAsync(usage);
        return (null, 2);
    }
}
