namespace SecBot.Host.Tests.Replicas;

/// <summary>Waits on a condition the replicas bring about, looking again every so often, up to a generous bound.</summary>
internal static class Until
{
    private static readonly TimeSpan LookAgain = TimeSpan.FromMilliseconds(250);

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> whatWasExpected)
    {
        using var deadline = new CancellationTokenSource(timeout, TimeProvider.System);
        while (!await condition())
        {
            if (deadline.IsCancellationRequested) throw new TimeoutException($"after {timeout}: {whatWasExpected()}");
            await Task.Delay(LookAgain, TimeProvider.System, CancellationToken.None);
        }
    }
}
