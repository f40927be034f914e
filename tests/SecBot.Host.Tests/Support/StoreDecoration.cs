using SecBot.Storage;

namespace SecBot.Host.Tests.Support;

/// <summary>Wraps the host's <see cref="IStore"/>, whichever provider registered it, e.g. in a <see cref="SecBot.Chat.Tests.Support.FaultyStore"/>.</summary>
internal static class StoreDecoration
{
    public static IServiceCollection DecorateStore(this IServiceCollection services, Func<IStore, IStore> decorate)
    {
        ArgumentNullException.ThrowIfNull(decorate);
        var registered = services.Last(d => d.ServiceType == typeof(IStore));
        services.Remove(registered);
        services.AddSingleton(sp => decorate(Resolve(registered, sp)));
        return services;
    }

    private static IStore Resolve(ServiceDescriptor registered, IServiceProvider services) =>
        registered.ImplementationInstance as IStore
        ?? registered.ImplementationFactory?.Invoke(services) as IStore
        ?? (IStore)ActivatorUtilities.CreateInstance(services, registered.ImplementationType!);
}
