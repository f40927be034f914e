using Microsoft.Extensions.Configuration;
using SecBot.Domain.Policy;

namespace SecBot.Domain.Tests.Policy;

/// <summary>The top-level appsettings.json the service ships with.</summary>
internal static class ShippedConfiguration
{
    public static IConfigurationRoot Load() =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(RepositoryRoot.Find(), "appsettings.json"), optional: false, reloadOnChange: false)
            .Build();

    public static PolicyOptions LoadPolicy()
    {
        var policy = new PolicyOptions();
        Load().GetSection(PolicyOptions.SectionName).Bind(policy);
        return policy;
    }
}
