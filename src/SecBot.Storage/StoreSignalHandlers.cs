namespace SecBot.Storage;

/// <summary>Raising a store signal after commit, for every store.</summary>
internal static class StoreSignalHandlers
{
    /// <summary>
    /// Calls each handler in turn. The change is committed: a failing handler is reported to <paramref name="failed"/>
    /// and must neither stop the others nor make the committing caller believe its change was lost.
    /// </summary>
#pragma warning disable CA1031
    public static void Raise<TArgs>(EventHandler<TArgs>? handlers, object sender, TArgs args, Action<Exception> failed)
    {
        if (handlers is null) return;
        foreach (var handler in handlers.GetInvocationList().Cast<EventHandler<TArgs>>())
        {
            try
            {
                handler(sender, args);
            }
            catch (Exception exception)
            {
                failed(exception);
            }
        }
    }
#pragma warning restore CA1031
}
