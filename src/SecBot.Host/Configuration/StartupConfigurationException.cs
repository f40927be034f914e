namespace SecBot.Host.Configuration;

/// <summary>Configuration that cannot start the service; its message is shown to the operator as is.</summary>
public sealed class StartupConfigurationException(string message) : Exception(message);
