namespace SecBot.Teams.Connector;

/// <summary>
/// Teams' bot limits (teams-protocol.md §7): sends to one conversation, and all calls of the app. The per-tenant
/// limit is kept app-wide: SecBot serves one organisation, and one bucket for all can only be slower, never over.
/// </summary>
internal sealed class ConnectorRateLimits(TimeProvider timeProvider)
{
    /// <summary>Per bot per thread, send and create conversation: 7 per second.</summary>
    public const int SendsPerConversationPerSecond = 7;

    /// <summary>Global: 30 per second per app per tenant.</summary>
    public const int CallsPerAppPerSecond = 30;

    private const string App = "";

    private readonly SlidingWindowLimiter _perConversation = new(SendsPerConversationPerSecond, TimeSpan.FromSeconds(1), timeProvider);
    private readonly SlidingWindowLimiter _perApp = new(CallsPerAppPerSecond, TimeSpan.FromSeconds(1), timeProvider);

    /// <summary>Waits for a slot in the conversation (when the call writes to one) and then in the app's budget.</summary>
    public async Task WaitAsync(string? conversationId, CancellationToken cancellationToken)
    {
        if (conversationId is not null) await _perConversation.WaitAsync(conversationId, cancellationToken);
        await _perApp.WaitAsync(App, cancellationToken);
    }
}
