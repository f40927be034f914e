namespace SecBot.Chat.Inbound;

/// <summary>How far a handling got: <see cref="Committed"/> once the command's own change is in the database.</summary>
public sealed class InboundProgress
{
    public bool IsCommitted { get; private set; }

    public void Committed() => IsCommitted = true;
}
