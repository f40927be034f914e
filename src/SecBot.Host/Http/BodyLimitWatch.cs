namespace SecBot.Host.Http;

/// <summary>
/// The request body as the endpoint reads it, noting when Kestrel refused to read past the 1 MiB limit: some readers
/// (minimal APIs binding a JSON body) swallow that refusal and answer as if the body were empty, so
/// <see cref="BodySizeLimit"/> needs to know it happened to answer 413 all the same.
/// </summary>
internal sealed class BodyLimitWatch(Stream body) : Stream
{
    public bool LimitReached { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        try
        {
            return body.Read(buffer, offset, count);
        }
        catch (BadHttpRequestException e) when (Noted(e))
        {
            throw;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await body.ReadAsync(buffer, cancellationToken);
        }
        catch (BadHttpRequestException e) when (Noted(e))
        {
            throw;
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    // Records the limit and lets the exception go on: the filter never catches.
    private bool Noted(BadHttpRequestException e)
    {
        if (e.StatusCode == StatusCodes.Status413PayloadTooLarge) LimitReached = true;
        return false;
    }
}
