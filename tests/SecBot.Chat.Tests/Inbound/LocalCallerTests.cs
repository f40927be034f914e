using System.Net;
using SecBot.Chat.Inbound;

namespace SecBot.Chat.Tests.Inbound;

public sealed class LocalCallerTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.8.9.10", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("::ffff:10.0.0.5", false)]
    [InlineData("10.0.0.5", false)]
    [InlineData("2001:db8::1", false)]
    public void Loopback_is_loopback_in_either_family_and_nothing_else(string address, bool loopback) =>
        Assert.Equal(loopback, LocalCaller.IsLoopback(IPAddress.Parse(address)));

    [Fact]
    public void An_unknown_peer_is_not_local() => Assert.False(LocalCaller.IsLocal(null, _ => false));

    [Theory]
    [InlineData("X-Forwarded-For")]
    [InlineData("Forwarded")]
    public void A_forwarded_request_from_loopback_is_not_local(string header) =>
        Assert.False(LocalCaller.IsLocal(IPAddress.Loopback, name => string.Equals(name, header, StringComparison.OrdinalIgnoreCase)));

    [Fact]
    public void A_request_from_loopback_that_was_not_forwarded_is_local() => Assert.True(LocalCaller.IsLocal(IPAddress.IPv6Loopback, _ => false));
}
