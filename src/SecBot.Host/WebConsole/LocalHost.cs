namespace SecBot.Host.WebConsole;

/// <summary>The names this machine is asked by: <c>localhost</c>, <c>127.0.0.1</c> and <c>[::1]</c>, on any port.</summary>
internal static class LocalHost
{
    public static bool Is(HostString host) =>
        host.HasValue && host.Host.ToLowerInvariant() is "localhost" or "127.0.0.1" or "[::1]";
}
