namespace SecBot.Storage.Transfer;

/// <summary>
/// Why <see cref="SqliteToPostgres"/> would not copy, or stopped: the message names the problem and what to do about it.
/// Unless <see cref="TargetChanged"/>, nothing was written to the target.
/// </summary>
public sealed class TransferRefusedException : Exception
{
    public TransferRefusedException()
    {
    }

    public TransferRefusedException(string message)
        : base(message)
    {
    }

    public TransferRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when the copy was committed and only a check after it failed: the target holds the copy.</summary>
    public bool TargetChanged { get; init; }
}
