using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SecBot.Chat.Delivery;
using SecBot.Chat.Delivery.Resilience;
using SecBot.Chat.Signing;
using SecBot.Storage.Delivery;

namespace SecBot.Host.GateApi;

/// <summary>
/// Delivers a queued <see cref="GateCallback"/>: POSTs the gate's JSON to its <c>callback_url</c>, signed as Slack signs
/// SecBot (<c>X-SecBot-Request-Timestamp</c>, and <c>X-SecBot-Signature: v0=</c> HMAC-SHA256 of <c>v0:{timestamp}:{body}</c>
/// keyed with the API key that opened the gate), stamped afresh on every attempt. It never retries itself: a 2xx is
/// delivered; a 408, 429 (after its <c>Retry-After</c>), 5xx or a network failure is retried by the dispatcher; any
/// other answer, a host resolving to an address <see cref="CallbackConnector"/> refuses, or a key no longer configured,
/// is never deliverable.
/// </summary>
public sealed class GateCallbackSender(IHttpClientFactory clients, ApiKeys keys, TimeProvider time) : IOutboundTransport
{
    public const string HttpClientName = "gate-callbacks";
    public const string TimestampHeader = "X-SecBot-Request-Timestamp";
    public const string SignatureHeader = "X-SecBot-Signature";

    public string Platform => GateCallbacks.Transport;

    public async Task<DeliveryResult> SendAsync(OutboxEntry message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        GateCallback? callback;
        try
        {
            callback = JsonSerializer.Deserialize(message.Payload, GateApiJsonContext.Default.GateCallback);
        }
        catch (JsonException e)
        {
            return DeliveryResult.Permanent($"the queued callback is not readable: {e.Message}");
        }

        if (callback is null || !Uri.TryCreate(callback.Url, UriKind.Absolute, out var url)) return DeliveryResult.Permanent("the queued callback names no URL");
        if (keys.KeyFor(callback.KeySha256) is not { } key)
        {
            return DeliveryResult.Permanent($"the API key that opened {callback.Subject} is no longer configured, so its callback cannot be signed");
        }

        var body = Encoding.UTF8.GetBytes(callback.Body);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(TimestampHeader, timestamp);
        request.Headers.Add(SignatureHeader, RequestSignature.Header(key, timestamp, body));

        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return DeliveryResult.Delivered;
            var error = $"{Describe(callback, url)} answered {status} {response.ReasonPhrase}";
            return response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || status >= 500
                ? DeliveryResult.Retry(error, RetryAfterHeader.Of(response.Headers))
                : DeliveryResult.Permanent(error);
        }
        catch (HttpRequestException e) when (e.InnerException is CallbackAddressRefusedException refused)
        {
            return DeliveryResult.Permanent($"{Describe(callback, url)} refused: {refused.Message}");
        }
        catch (HttpRequestException e)
        {
            return DeliveryResult.Retry($"{Describe(callback, url)} failed: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Retry($"{Describe(callback, url)} timed out");
        }
    }

    /// <summary>
    /// The callback in words for errors, logs, <c>status</c> and the gate's timeline: scheme and host only, since the
    /// path, query and user info of a webhook URL are often its secret.
    /// </summary>
    private static string Describe(GateCallback callback, Uri url) => $"callback for {callback.Subject} to {url.Scheme}://{url.Authority}";
}
