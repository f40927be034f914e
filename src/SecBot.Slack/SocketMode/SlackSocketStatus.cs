namespace SecBot.Slack.SocketMode;

/// <summary>Whether SecBot holds an open Socket Mode connection (Slack said <c>hello</c> and it has not closed since).</summary>
internal sealed class SlackSocketStatus
{
    private volatile bool _isOpen;

    public bool IsOpen => _isOpen;

    public void Opened() => _isOpen = true;

    public void Closed() => _isOpen = false;
}
