using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;
using SecBot.Slack.Tests.Support;
using SecBot.Slack.Verification;
using SecBot.Testing.Properties;

namespace SecBot.Slack.Tests.Verification;

/// <summary>
/// The signature headers are SecBot's to read: whatever they hold, the verifier answers with a verdict, and only the
/// signature Slack would compute over those exact bytes passes.
/// </summary>
public sealed class SlackRequestVerifierProperties
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private static readonly SlackRequestVerifier Verifier = new("8f742231b10e8888abcd99yyyzzz85a5", Clock);
    private static readonly string Now = Clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    [Property(MaxTest = 2_000)]
    public bool Arbitrary_headers_are_refused_without_throwing(string? timestamp, string? signature, byte[] body) =>
        !Verifier.Verify(timestamp, signature, body).IsValid;

    [Property(MaxTest = 2_000)]
    public Property A_body_changed_after_signing_is_refused() =>
        Prop.ForAll(
            (from body in Gen.Elements([.. SlackSeeds.Events, .. SlackSeeds.SlashCommandForms, .. SlackSeeds.InteractionForms])
             from mutated in MutatedGen.Json([body])
             select (body, mutated)).ToArbitrary(),
            c => Verifier.Verify(Now, Verifier.Sign(Now, c.body), c.mutated).IsValid == c.body.AsSpan().SequenceEqual(c.mutated));

    [Property(MaxTest = 1_000)]
    public bool A_mangled_signature_header_is_refused(string? suffix, byte at)
    {
        var body = SlackSeeds.Events[0];
        var signature = Verifier.Sign(Now, body);
        var mangled = signature[..(at % signature.Length)] + suffix;
        return Verifier.Verify(Now, mangled, body).IsValid == (mangled == signature);
    }
}
