using SecBot.Domain;

namespace SecBot.Domain.Tests;

public sealed class ArticleTests
{
    [Theory]
    [InlineData("Incident Response Lead", "an Incident Response Lead")]
    [InlineData("Executive", "an Executive")]
    [InlineData("Security Architect", "a Security Architect")]
    [InlineData("Senior SOC Engineer or Incident Response Lead", "a Senior SOC Engineer or Incident Response Lead")]
    public void A_role_name_takes_the_article_its_first_sound_asks_for(string name, string expected) =>
        Assert.Equal(expected, Article.A(name));
}
