using System.Text.Json;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace SecBot.Teams.Authentication;

/// <summary>
/// Reads the signing keys behind one OpenID metadata URL: the metadata document, then its <c>jwks_uri</c>, each parsed
/// by IdentityModel; the <c>endorsements</c> of each key (a Bot Framework extension IdentityModel does not model) are
/// read from the same JSON. Only HTTPS is fetched, except on loopback, so the keys cannot be swapped on the wire.
/// </summary>
internal sealed class SigningKeyFetcher(HttpClient http)
{
    private const int MaxDocumentBytes = 1024 * 1024;

    public async Task<IReadOnlyDictionary<string, SigningKey>> FetchAsync(string metadataUrl, CancellationToken ct)
    {
        var metadata = ReadMetadata(await GetAsync(metadataUrl, "OpenID metadata", ct), metadataUrl);
        var keySet = await GetAsync(metadata.JwksUri, "key set", ct);
        return ReadKeys(keySet, metadata.JwksUri);
    }

    private async Task<string> GetAsync(string url, string what, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) throw new SigningKeyFetchException($"{what} URL '{url}' is not an absolute URL");
        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        {
            throw new SigningKeyFetchException($"{what} URL {url} is not HTTPS");
        }

        try
        {
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode) throw new SigningKeyFetchException($"{what} {url} answered HTTP {(int)response.StatusCode}");
            if (response.Content.Headers.ContentLength > MaxDocumentBytes) throw new SigningKeyFetchException($"{what} {url} is larger than {MaxDocumentBytes} bytes");
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > MaxDocumentBytes) throw new SigningKeyFetchException($"{what} {url} is larger than {MaxDocumentBytes} bytes");
                buffer.Write(chunk, 0, read);
            }

            return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (HttpRequestException e)
        {
            throw new SigningKeyFetchException($"{what} {url} could not be fetched: {e.Message}", e);
        }
    }

    private static OpenIdConnectConfiguration ReadMetadata(string json, string url)
    {
        OpenIdConnectConfiguration metadata;
        try
        {
            metadata = OpenIdConnectConfiguration.Create(json);
        }
        catch (Exception e) when (e is ArgumentException or JsonException or InvalidOperationException)
        {
            throw new SigningKeyFetchException($"OpenID metadata {url} is not valid JSON metadata", e);
        }

        return string.IsNullOrEmpty(metadata.JwksUri) ? throw new SigningKeyFetchException($"OpenID metadata {url} has no jwks_uri") : metadata;
    }

    private static Dictionary<string, SigningKey> ReadKeys(string json, string url)
    {
        JsonWebKeySet set;
        Dictionary<string, IReadOnlyList<string>> endorsements;
        try
        {
            set = new JsonWebKeySet(json);
            endorsements = ReadEndorsements(json);
        }
        catch (Exception e) when (e is ArgumentException or JsonException or InvalidOperationException)
        {
            throw new SigningKeyFetchException($"key set {url} is not a valid JWKS", e);
        }

        var keys = new Dictionary<string, SigningKey>(StringComparer.Ordinal);
        foreach (var key in set.Keys)
        {
            if (string.IsNullOrEmpty(key.Kid) || key.Kty != JsonWebAlgorithmsKeyTypes.RSA) continue;
            if (!string.IsNullOrEmpty(key.Use) && key.Use != JsonWebKeyUseNames.Sig) continue;
            keys[key.Kid] = new SigningKey(key, endorsements.GetValueOrDefault(key.Kid, []));
        }

        return keys.Count == 0 ? throw new SigningKeyFetchException($"key set {url} has no RSA signing keys") : keys;
    }

    private static Dictionary<string, IReadOnlyList<string>> ReadEndorsements(string json)
    {
        var endorsements = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array) return endorsements;
        foreach (var key in keys.EnumerateArray())
        {
            if (key.ValueKind != JsonValueKind.Object) continue;
            if (!key.TryGetProperty("kid", out var kid) || kid.ValueKind != JsonValueKind.String) continue;
            if (!key.TryGetProperty("endorsements", out var channels) || channels.ValueKind != JsonValueKind.Array) continue;
            endorsements[kid.GetString()!] = channels.EnumerateArray()
                .Where(channel => channel.ValueKind == JsonValueKind.String)
                .Select(channel => channel.GetString()!)
                .ToList();
        }

        return endorsements;
    }
}
