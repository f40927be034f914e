using System.Text.RegularExpressions;
using SecBot.Slack.Delivery;

namespace SecBot.Slack.Tests.Delivery;

/// <summary>Channel names Slack accepts (ref conversations.create "Naming": lower-case letters, digits, - and _, at most 80).</summary>
public sealed partial class IncidentChannelNameTests
{
    [Theory]
    [InlineData(12, "Suspicious login", "inc-12-suspicious-login")]
    [InlineData(12, "  AWS: root key used!! (us-east-1)  ", "inc-12-aws-root-key-used-us-east-1")]
    [InlineData(3, "Phishing wave — Ünïcöde café", "inc-3-phishing-wave-unicode-cafe")]
    [InlineData(3, "snake_case and.dots/slashes", "inc-3-snake-case-and-dots-slashes")]
    [InlineData(7, "!!!", "inc-7")]
    [InlineData(7, "", "inc-7")]
    [InlineData(7, "日本語のタイトル", "inc-7")]
    public void The_title_becomes_a_lower_case_slug_after_the_number(long number, string title, string expected)
    {
        var name = IncidentChannelName.For(number, title);

        Assert.Equal(expected, name);
        Assert.Matches(Allowed(), name);
    }

    [Fact]
    public void A_taken_name_gets_a_numbered_suffix()
    {
        Assert.Equal("inc-12-suspicious-login", IncidentChannelName.For(12, "Suspicious login", 1));
        Assert.Equal("inc-12-suspicious-login-2", IncidentChannelName.For(12, "Suspicious login", 2));
        Assert.Equal("inc-7-10", IncidentChannelName.For(7, "", 10));
    }

    [Fact]
    public void A_long_title_is_cut_to_80_characters_keeping_the_number_and_the_suffix_and_no_trailing_hyphen()
    {
        var title = string.Join(' ', Enumerable.Repeat("credential stuffing", 10));

        var plain = IncidentChannelName.For(123456, title);
        var suffixed = IncidentChannelName.For(123456, title, 20);

        Assert.True(plain.Length <= IncidentChannelName.MaxLength, plain);
        Assert.True(suffixed.Length <= IncidentChannelName.MaxLength, suffixed);
        Assert.StartsWith("inc-123456-credential-stuffing-", plain, StringComparison.Ordinal);
        Assert.EndsWith("-20", suffixed, StringComparison.Ordinal);
        Assert.DoesNotContain("--", suffixed, StringComparison.Ordinal);
        Assert.Matches(Allowed(), plain);
        Assert.Matches(Allowed(), suffixed);
    }

    [GeneratedRegex("^[a-z0-9_-]{1,80}$")]
    private static partial Regex Allowed();
}
