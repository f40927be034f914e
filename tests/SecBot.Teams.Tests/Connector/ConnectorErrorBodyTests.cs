using System.Text;
using SecBot.Teams.Connector;
using SecBot.Testing.Teams;

namespace SecBot.Teams.Tests.Connector;

/// <summary>Both error shapes Teams uses (teams-protocol.md §3), read from Microsoft's own samples.</summary>
public sealed class ConnectorErrorBodyTests
{
    [Fact]
    public void An_ErrorResponse_gives_its_code_and_message()
    {
        var (code, message) = ConnectorErrorBody.Parse(400, Encoding.UTF8.GetBytes(FakeBotConnector.Fixture("rest.error.400-invalid-conversation-id.json")));

        Assert.Equal(("ServiceError", "Invalid ConversationId: B21S8SG7K:T03CWQ0QB"), (code, message));
    }

    [Fact]
    public void Teams_errorCode_209_gives_the_sub_code_nested_in_its_message()
    {
        var answer = FakeBotConnector.Answer.MessageWritesBlocked();

        var (code, message) = ConnectorErrorBody.Parse(answer.Status, Encoding.UTF8.GetBytes(answer.Body));

        Assert.Equal(403, answer.Status);
        Assert.Equal(("MessageWritesBlocked", "Thread is blocked from message writes."), (code, message));
    }

    [Theory]
    [InlineData("""{"errorCode":209,"message":"not json"}""", "209", "not json")]
    [InlineData("""{"error":"invalid_client","error_description":"AADSTS7000215"}""", "invalid_client", "AADSTS7000215")]
    [InlineData("""{"message":"Authorization has been denied for this request."}""", "http_502", "Authorization has been denied for this request.")]
    [InlineData("""{"error":{"message":"no code"}}""", "http_502", "no code")]
    [InlineData("<html>Bad Gateway</html>", "http_502", "<html>Bad Gateway</html>")]
    [InlineData("", "http_502", "")]
    [InlineData("[1,2]", "http_502", "[1,2]")]
    public void Other_shapes_are_read_leniently(string body, string expectedCode, string expectedMessage)
    {
        Assert.Equal((expectedCode, expectedMessage), ConnectorErrorBody.Parse(502, Encoding.UTF8.GetBytes(body)));
    }
}
