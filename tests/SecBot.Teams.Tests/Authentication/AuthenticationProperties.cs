using SecBot.Chat.Inbound;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.IdentityModel.Tokens;
using SecBot.Teams.Authentication;
using SecBot.Testing.Fuzz;

namespace SecBot.Teams.Tests.Authentication;

/// <summary>
/// The <c>Authorization</c> header is read by SecBot before IdentityModel sees the token: any header at all, and any real
/// token with its header, claims or signature spoiled (the JSON of each part through <see cref="JsonMutator"/>, re-encoded),
/// gets a verdict, never an exception, and only the token as issued is allowed.
/// </summary>
public sealed class AuthenticationProperties
{
    private static readonly Lazy<Task<AuthenticationHarness>> Harness = new(() => AuthenticationHarness.StartAsync());

    [Property(MaxTest = 2_000)]
    public bool A_bearer_token_is_one_word_or_nothing(string? header)
    {
        var token = BearerToken.From(header ?? "");
        return token is null || (token.Length > 0 && !token.Contains(' ', StringComparison.Ordinal));
    }

    [Property(MaxTest = 1_000)]
    public async Task<bool> Any_header_is_refused_with_a_reason(string? header)
    {
        var verdict = await (await Harness.Value).Authenticator.AuthenticateAsync(header ?? "", AuthenticationHarness.Remote, "msteams", AuthenticationHarness.ServiceUrl, CancellationToken.None);
        return !verdict.IsAllowed && !string.IsNullOrWhiteSpace(verdict.Reason);
    }

    [Property(MaxTest = 1_000)]
    public Property A_real_token_spoiled_anywhere_is_refused_and_the_token_as_issued_is_allowed() =>
        Prop.ForAll(
            (from part in Gen.Choose(0, 3)
             from mutation in Gen.Elements(JsonMutator.All)
             from salt in Gen.Choose(0, int.MaxValue)
             select (part, mutation, salt)).ToArbitrary(),
            async c =>
            {
                var harness = await Harness.Value;
                var token = harness.Token();
                var spoiled = Spoiled(token, c.part, c.mutation, new Random(c.salt));
                var verdict = await harness.PresentAsync(spoiled);
                return verdict.IsAllowed == (spoiled == token) && (verdict.IsAllowed || !string.IsNullOrWhiteSpace(verdict.Reason));
            });

    // Part 0 and 1: the header's or the claims' JSON mutated and re-encoded; 2: the signature's bytes flipped; 3: the signed
    // text itself (not the signature's text, whose last character has bits that decode to nothing).
    private static string Spoiled(string token, int part, JsonMutation mutation, Random random)
    {
        var parts = token.Split('.');
        if (part == 3) return Encoding.UTF8.GetString(ByteMutator.Flip(Encoding.UTF8.GetBytes(parts[0] + "." + parts[1]), random)) + "." + parts[2];
        parts[part] = part == 2
            ? Base64UrlEncoder.Encode(ByteMutator.Flip(Base64UrlEncoder.DecodeBytes(parts[2]), random))
            : Base64UrlEncoder.Encode(JsonMutator.Apply(mutation, Base64UrlEncoder.DecodeBytes(parts[part]), random));
        return string.Join('.', parts);
    }
}
