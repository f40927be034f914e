namespace SecBot.Host.Http;

/// <summary>
/// The request body as the endpoint reads it. It notes when Kestrel refused to read past the 1 MiB limit: some readers
/// (minimal APIs binding a JSON body) swallow that refusal and answer as if the body were empty, so
/// <see cref="BodySizeLimit"/> needs to know it happened to answer 413 all the same. And it gives the whole body
/// <paramref name="readWithin"/> from the first read: Kestrel's minimum data rate is an average, so a client that sends
/// most of a body fast and then stops would otherwise have its bytes held for as long as that average allows.
/// </summary>
internal sealed class BodyLimitWatch(Stream body, TimeSpan readWithin, TimeProvider time) : Stream
{
    private CancellationTokenSource? _deadline;

    public bool LimitReached { get; private set; }

    public bool TooSlow { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    // Kestrel refuses synchronous reads unless a reader opts in; left to it, so that guard still holds.
    public override int Read(byte[] buffer, int offset, int count) => body.Read(buffer, offset, count);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _deadline ??= new CancellationTokenSource(readWithin, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _deadline.Token);
        try
        {
            return await body.ReadAsync(buffer, either.Token);
        }
        catch (BadHttpRequestException e) when (Noted(e))
        {
            throw;
        }
        catch (OperationCanceledException) when (_deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            TooSlow = true;
            throw new BadHttpRequestException($"the body did not arrive within {readWithin.TotalSeconds:0.#} s", StatusCodes.Status408RequestTimeout);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _deadline?.Dispose();
        base.Dispose(disposing);
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
