using System.Text;
using Microsoft.Extensions.Time.Testing;
using SecBot.Slack.Verification;
using SecBot.Testing.Slack;

namespace SecBot.Slack.Tests.Verification;

/// <summary>slack-protocol.md §1, against Slack's documented worked example (fixtures/slack/README.md).</summary>
public sealed class SlackRequestVerifierTests
{
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string Timestamp = "1531420618";
    private const string DocumentedSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1531420618));
    private readonly byte[] _body = SlackFixtures.Bytes("slash_command.signing_example.form.txt");

    [Fact]
    public void The_documented_example_body_is_362_bytes_with_no_trailing_newline()
    {
        Assert.Equal(362, _body.Length);
        Assert.NotEqual((byte)'\n', _body[^1]);
    }

    [Fact]
    public void Slacks_documented_example_verifies()
    {
        var result = Verifier().Verify(Timestamp, DocumentedSignature, _body);

        Assert.True(result.IsValid, result.Reason);
    }

    [Fact]
    public void Signing_the_documented_example_gives_the_documented_signature()
    {
        Assert.Equal(DocumentedSignature, Verifier().Sign(Timestamp, _body));
    }

    [Fact]
    public void A_byte_appended_to_the_body_fails()
    {
        var tampered = _body.Concat(Encoding.UTF8.GetBytes("------")).ToArray();

        var result = Verifier().Verify(Timestamp, DocumentedSignature, tampered);

        Assert.Equal(SlackVerificationFailure.BadSignature, result.Failure);
    }

    [Fact]
    public void A_different_signing_secret_fails()
    {
        var result = new SlackRequestVerifier(Secret + "x", _time).Verify(Timestamp, DocumentedSignature, _body);

        Assert.Equal(SlackVerificationFailure.BadSignature, result.Failure);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    [InlineData(86_400)]
    public void A_timestamp_more_than_five_minutes_away_is_stale_even_when_correctly_signed(int offsetSeconds)
    {
        var verifier = Verifier();
        var timestamp = (1531420618 + offsetSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var result = verifier.Verify(timestamp, verifier.Sign(timestamp, _body), _body);

        Assert.Equal(SlackVerificationFailure.StaleTimestamp, result.Failure);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(-300)]
    public void A_timestamp_exactly_five_minutes_away_is_still_accepted(int offsetSeconds)
    {
        var verifier = Verifier();
        var timestamp = (1531420618 + offsetSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(verifier.Verify(timestamp, verifier.Sign(timestamp, _body), _body).IsValid);
    }

    [Fact]
    public void The_documented_request_fails_against_todays_clock()
    {
        var result = new SlackRequestVerifier(Secret, new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture)))
            .Verify(Timestamp, DocumentedSignature, _body);

        Assert.Equal(SlackVerificationFailure.StaleTimestamp, result.Failure);
    }

    [Theory]
    [InlineData("a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData("v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b5")]
    [InlineData("v0=zz114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData("v0=")]
    public void A_signature_that_is_not_v0_and_64_hex_digits_fails(string signature)
    {
        Assert.Equal(SlackVerificationFailure.BadSignature, Verifier().Verify(Timestamp, signature, _body).Failure);
    }

    [Fact]
    public void Missing_headers_and_a_non_numeric_timestamp_fail()
    {
        var verifier = Verifier();

        Assert.Equal(SlackVerificationFailure.MissingTimestamp, verifier.Verify(null, DocumentedSignature, _body).Failure);
        Assert.Equal(SlackVerificationFailure.MissingSignature, verifier.Verify(Timestamp, null, _body).Failure);
        Assert.Equal(SlackVerificationFailure.NonNumericTimestamp, verifier.Verify("1531420618.5", DocumentedSignature, _body).Failure);
        Assert.Equal(SlackVerificationFailure.NonNumericTimestamp, verifier.Verify("-1531420618", DocumentedSignature, _body).Failure);
    }

    private SlackRequestVerifier Verifier() => new(Secret, _time);
}
