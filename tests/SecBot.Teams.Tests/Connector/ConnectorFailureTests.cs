using SecBot.Teams.Connector;

namespace SecBot.Teams.Tests.Connector;

/// <summary>How a failure reads in the outbox's last_error, dead-letter reports and <c>status</c>.</summary>
public sealed class ConnectorFailureTests
{
    [Fact]
    public void A_failure_SecBot_found_itself_reads_as_the_problem_alone_and_is_permanent()
    {
        var failure = ConnectorFailure.Local("SecBot has no Teams conversation with 'sam' yet");

        Assert.Equal("secbot: SecBot has no Teams conversation with 'sam' yet", failure.ToString());
        Assert.False(failure.IsRetryable);
    }

    [Fact]
    public void A_failure_Teams_answered_names_the_operation_status_code_and_message()
    {
        var failure = new ConnectorFailure("send", 403, ConnectorFailure.MessageWritesBlocked, "Thread is blocked from message writes.", false, null);

        Assert.Equal("send: HTTP 403 MessageWritesBlocked (Thread is blocked from message writes.)", failure.ToString());
    }

    [Fact]
    public void A_failure_without_a_status_names_its_code_and_message()
    {
        var failure = new ConnectorFailure("send", null, ConnectorFailure.NetworkError, "connection refused", true, null);

        Assert.Equal("send: network_error (connection refused)", failure.ToString());
    }
}
