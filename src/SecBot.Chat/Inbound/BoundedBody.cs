namespace SecBot.Chat.Inbound;

/// <summary>
/// Reads a request body up to a limit (contract.md "Guarantees": bodies over 1 MiB are refused with 413), for every
/// inbound endpoint: it stops reading one byte past the limit, so an oversized body is never held in memory whole.
/// </summary>
public static class BoundedBody
{
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The cause <see cref="RefusedRequests"/> counts an oversized body under, wherever it was refused.</summary>
    public const string Cause = "body-too-large";

    /// <summary>The error every 413 answers with.</summary>
    public const string TooLarge = "body is over 1 MiB";

    /// <summary>The body, or null when it is longer than <see cref="MaxBytes"/> (declared or read).</summary>
    public static async Task<byte[]?> ReadAsync(Stream body, long? declaredLength, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (declaredLength > MaxBytes) return null;
        if (declaredLength is { } length and >= 0)
        {
            // The length is declared (the server holds the body to it): one exact buffer, no copying through chunks.
            var exact = new byte[length];
            await body.ReadExactlyAsync(exact, cancellationToken);
            return exact;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while (buffer.Length <= MaxBytes && (read = await body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, MaxBytes + 1 - buffer.Length)), cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.Length > MaxBytes ? null : buffer.ToArray();
    }
}
