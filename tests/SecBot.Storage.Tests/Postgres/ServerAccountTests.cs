using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Postgres;

public sealed class ServerAccountTests
{
    [Fact]
    public async Task As_root_without_the_system_user_the_failure_names_the_user_and_how_to_get_it()
    {
        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerAccount.ResolveAsync(runningAsRoot: true, "secbot-no-such-user"));

        Assert.Contains("'secbot-no-such-user' system user", missing.Message, StringComparison.Ordinal);
        Assert.Contains("refuse to run as root", missing.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install postgresql-15", missing.Message, StringComparison.Ordinal);
    }
}
