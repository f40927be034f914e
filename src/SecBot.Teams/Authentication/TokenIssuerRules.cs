namespace SecBot.Teams.Authentication;

/// <summary>How tokens of one issuer family are checked: where its keys are published and what the claims must be.</summary>
/// <param name="MetadataUrl">The OpenID metadata whose <c>jwks_uri</c> lists the signing keys.</param>
/// <param name="ServiceUrlClaimRequired">A token without a <c>serviceurl</c> claim is refused; otherwise it is checked only when present.</param>
/// <param name="EndorsementRequired">The signing key must be endorsed for the activity's channel.</param>
internal sealed record TokenIssuerRules(
    string MetadataUrl,
    IReadOnlyList<string> ValidIssuers,
    IReadOnlyList<string> ValidAudiences,
    bool ServiceUrlClaimRequired,
    bool EndorsementRequired);
