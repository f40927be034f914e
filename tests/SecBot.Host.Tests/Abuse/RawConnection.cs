using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace SecBot.Host.Tests.Abuse;

/// <summary>
/// One TCP connection to the host that sends exactly the bytes a test writes, so a request can stop half-way through its
/// headers, or announce a body that never comes or trickles in, as a hostile client does; HttpClient cannot.
/// </summary>
internal sealed class RawConnection : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;

    private RawConnection(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public static async Task<RawConnection> OpenAsync(Uri host)
    {
        var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host.Host, host.Port);
            return new RawConnection(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>A request line and headers (<c>Name: value</c> each), ended by the blank line unless <paramref name="finished"/> is false.</summary>
    public static string Head(string path, IEnumerable<string> headers, bool finished = true) =>
        $"POST {path} HTTP/1.1\r\nHost: localhost\r\n" + string.Concat(headers.Select(h => h + "\r\n")) + (finished ? "\r\n" : "");

    public static string ContentLength(long bytes) => "Content-Length: " + bytes.ToString(CultureInfo.InvariantCulture);

    /// <summary>Writes <paramref name="text"/>; false when the server has already closed the connection.</summary>
    public async Task<bool> TrySendAsync(string text)
    {
        try
        {
            await _stream.WriteAsync(Encoding.ASCII.GetBytes(text));
            await _stream.FlushAsync();
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// The status code of the server's answer, or null when it closed the connection without one; throws
    /// <see cref="OperationCanceledException"/> when neither happened before <paramref name="cancellationToken"/>.
    /// </summary>
    public async Task<int?> ReadStatusAsync(CancellationToken cancellationToken)
    {
        var received = new StringBuilder();
        var buffer = new byte[4096];
        while (true)
        {
            int read;
            try
            {
                read = await _stream.ReadAsync(buffer, cancellationToken);
            }
            catch (IOException)
            {
                read = 0;
            }

            if (read > 0) received.Append(Encoding.ASCII.GetString(buffer, 0, read));
            var text = received.ToString();
            if (text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && text.Length >= 12)
            {
                return int.Parse(text.AsSpan(9, 3), NumberStyles.None, CultureInfo.InvariantCulture);
            }

            if (read == 0) return null;
        }
    }

    /// <summary>The whole answer (head and body) once the server has sent it and closed, or as much as came before the token.</summary>
    public async Task<string> ReadToEndAsync(CancellationToken cancellationToken)
    {
        var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await _stream.ReadAsync(buffer, cancellationToken)) > 0) received.Write(buffer, 0, read);
        }
        catch (IOException)
        {
            // Reset after the answer: what came is what there is.
        }

        return Encoding.UTF8.GetString(received.ToArray());
    }

    /// <summary>Waits until the server closes the connection (end of stream or reset), reading and dropping whatever it sends first.</summary>
    public async Task WaitUntilClosedAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        try
        {
            while (await _stream.ReadAsync(buffer, cancellationToken) > 0)
            {
            }
        }
        catch (IOException)
        {
            // A reset is a close too.
        }
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
